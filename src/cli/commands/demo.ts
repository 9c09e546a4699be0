// `navbot demo` (npm start) and `navbot rehearse <file>`: a real batch against a training stand
// started in this process. Only the CLI knows the stand exists (DESIGN.md, invariant 5).
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Command } from 'commander';
import { startStand } from '../../stand/server.js';
import { writeSampleQueue } from '../../intake/index.js';
import { settingsFor } from '../env.js';
import { defaultProfile } from '../../config/profile.js';
import { executeBatch, type BatchMode } from '../batch.js';
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

async function onStand(file: string, mode: BatchMode, flags: StandFlags): Promise<void> {
  const flow = await loadFlow(flags.flow);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const base = settingsFor();
  // The stand speaks the memo's texts, so navbot uses the default profile against it; only the
  // region's municipalities carry over, so that the staff's queue validates as it would for real.
  const municipalities = base.profileData.municipalities;
  const stand = await startStand({ port: 0, municipalities });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..+$/, '');
  // The stand forgets everything when it stops, so its journal starts empty too.
  const stateDir = path.join(base.stateDir, mode === 'demo' ? 'demo' : 'rehearsal', stamp);
  const standSettings = settingsFor({
    // Every target's address and login, as the stand serves them.
    ...stand.navbotSettings,
    stateDir,
    actionsPerSecond: 50,
    ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
    ...(flags.headed ? { headless: false } : {}),
  });
  const settings = { ...standSettings, profileData: { ...defaultProfile(), municipalities } };
  for (const line of mode === 'demo' ? BANNER : ['«УЧЕБНЫЙ СТЕНД»: репетиция очереди на локальной копии Навигатора. В регион ничего не отправляется.']) say(line);
  say(`Стенд: ${stand.publicUrl} (админ-панель ${stand.adminUrl})`);
  const interrupt = interruptSignal(say);
  try {
    const result = await executeBatch({ file, settings, flow, mode, skipInvalid: true, signal: interrupt.signal });
    printResult(result, say, flow);
    process.exitCode = result.exitCode;
    if (flags.keep) {
      say(`Стенд продолжает работать для просмотра: ${stand.adminUrl} (вход ${stand.settings.adminEmail} / ${stand.settings.adminPassword}). Остановить: Ctrl+C`);
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
  } finally {
    interrupt.dispose();
    await stand.close();
  }
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
      await writeSampleQueue(file, intakeOptions(settings));
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
