// `navbot demo` (npm start) and `navbot rehearse <file>`: a real batch against a training stand
// started in this process. Only the CLI knows the stand exists (DESIGN.md, invariant 5).
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Command } from 'commander';
import { onTrainingStand } from '../training-stand.js';
import { writeSampleQueue } from '../../../flows/index.js';
import { settingsFor } from '../env.js';
import { executeBatch } from '../batch.js';
import { interruptSignal } from '../interrupt.js';
import { intakeOptions } from '../intake-options.js';
import { printResult } from './run.js';
import { flowHelp } from '../flow-option.js';
import { loadFlow } from '../flow-load.js';

const BANNER = [
  '╔══════════════════════════════════════════════════════════════╗',
  '║   ДЕМО — учебный стенд. Сертификаты выдаются не по-настоящему. ║',
  '╚══════════════════════════════════════════════════════════════╝',
];

interface StandFlags {
  concurrency?: string;
  headed?: boolean;
  keep?: boolean;
  flow?: string;
}

async function onStand(file: string, mode: 'demo' | 'rehearsal', flags: StandFlags): Promise<void> {
  const flow = await loadFlow(flags.flow);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const base = settingsFor();
  await onTrainingStand({ base, settingsWith: settingsFor, mode, ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}), ...(flags.headed ? { headed: true } : {}) }, async (settings, stand) => {
    for (const line of mode === 'demo' ? BANNER : ['«УЧЕБНЫЙ СТЕНД»: репетиция очереди на локальной копии Навигатора. В регион ничего не отправляется.']) say(line);
    say(`Стенд: ${stand.publicUrl} (админ-панель ${stand.adminUrl})`);
    const interrupt = interruptSignal(say);
    try {
      const result = await executeBatch({ file, settings, flow, mode, skipInvalid: true, signal: interrupt.signal });
      printResult(result, say, flow);
      process.exitCode = result.exitCode;
      if (flags.keep) {
        say(`Стенд продолжает работать для просмотра: ${stand.adminUrl} (вход ${stand.adminEmail} / ${stand.adminPassword}). Остановить: Ctrl+C`);
        await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
      }
    } finally {
      interrupt.dispose();
    }
  });
}

export function register(program: Command): void {
  program
    .command('demo')
    .description('демонстрация: создать пример очереди и обработать её на учебном стенде')
    .option('--concurrency <n>', 'число параллельных потоков')
    .option('--headed', 'показывать окно браузера', false)
    .option('--keep', 'не останавливать стенд после прогона', false)
    .action(async (flags: StandFlags) => {
      const settings = settingsFor();
      const dir = path.join('data', 'demo');
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, 'очередь-демо.xlsx');
      await writeSampleQueue(file, intakeOptions(settings, (await loadFlow(undefined)).columns));
      process.stdout.write(`Пример очереди: ${file}\n`);
      await onStand(file, 'demo', flags);
    });

  program
    .command('rehearse')
    .description('репетиция: обработать очередь на учебном стенде, чтобы увидеть результат до работы с регионом')
    .argument('<file>', 'файл очереди (.xlsx или .csv)')
    .option('--concurrency <n>', 'число параллельных потоков')
    .option('--headed', 'показывать окно браузера', false)
    .option('--keep', 'не останавливать стенд после прогона', false)
    .option('--flow <name>', flowHelp())
    .action((file: string, flags: StandFlags) => onStand(file, 'rehearsal', flags));
}
