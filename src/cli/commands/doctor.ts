// `navbot doctor`: is this computer ready to run a queue, and will navbot work on this region?
// The work lives in src/doctor/ (run.ts: the local checks, then a read-only survey of the region or
// of another target a flow uses); this command parses the options and maps doctor's outcome to an
// exit code: 0 ready, 2 settings or local setup wrong, or the region differs from the profile
// (the survey names each label, column or field), 3 the target does not answer.
import type { Command } from 'commander';
import { environment, settingsFor } from '../env.js';
import { CliExit, EXIT } from '../exit-codes.js';
import { FLOW_DEFAULT, flowHelp } from '../flow-option.js';
import { loadFlow } from '../flow-load.js';
import { VERSION } from '../version.js';
import { compareFile } from '../../doctor/compare-run.js';
import { runDoctor, type DoctorOutcome } from '../../doctor/run.js';

/** DESIGN.md, Contracts: doctor's outcome as the exit code a scheduler or a person acts on. */
export function doctorExitCode(outcome: DoctorOutcome): number {
  switch (outcome.kind) {
    case 'ready':
      return EXIT.ok;
    case 'settings':
    case 'mismatch':
      return EXIT.invalid;
    case 'unreachable':
      return EXIT.unreachable;
  }
}

export interface DoctorCliOptions {
  sample?: string;
  flow?: string;
  snapshot?: boolean;
  sampleCertified?: string;
  eventId?: string;
}

export async function doctor(o: DoctorCliOptions = {}): Promise<number> {
  const flow = await loadFlow(o.flow);
  const write = (line: string) => void process.stdout.write(line);
  const outcome = await runDoctor({
    settings: () => {
      try {
        return settingsFor();
      } catch (e) {
        throw new Error(e instanceof CliExit ? e.message : String(e));
      }
    },
    flow: { title: flow.title, uses: flow.uses, targets: flow.targets },
    ...(o.sample ? { sample: o.sample } : {}),
    // The sample's cabinet password: from the environment only (never a flag), never printed.
    ...(o.sample && environment().NAVBOT_SAMPLE_PASSWORD ? { samplePassword: environment().NAVBOT_SAMPLE_PASSWORD } : {}),
    ...(o.snapshot ? { snapshot: true } : {}),
    ...(o.sampleCertified ? { sampleCertified: o.sampleCertified } : {}),
    ...(o.eventId ? { eventId: o.eventId } : {}),
    version: VERSION,
    write,
  });
  return doctorExitCode(outcome);
}

export function register(program: Command): void {
  program
    .command('doctor')
    .description('проверить готовность: Node.js, настройки, браузер, папки, доступность Навигатора, и осмотреть регион (только чтение)')
    .option('--sample <email>', 'e-mail существующей заглушки: её карточку и ребёнка осмотреть (без него — первый пользователь в таблице); с NAVBOT_SAMPLE_PASSWORD в окружении — и её кабинет на сайте (вкладку «ДЕТИ»)')
    .option('--flow <name>', `${flowHelp('для какой процедуры проверить')}; осматривается то, с чем работает процедура (у своей процедуры — её цели: настройки и ответ)`)
    .option('--snapshot', 'записать и снимок региона region-snapshot.zip (без персональных данных) — его присылают разработчикам, если регион отличается')
    .option('--compare <zip>', 'для разработчиков: сравнить снимок региона с учебным стендом (без сети и браузера)')
    .option('--reference <file>', 'с --compare: сравнить не со стендом, а с другим снимком')
    .option('--sample-certified <email>', 'e-mail заглушки, у ребёнка которой точно есть сертификат: найти, где панель показывает его номер, и предложить adminData.certificateRead')
    .option('--event-id <id>', 'мероприятие для проверки сертификата (POST …/certificate/kid/{kid_id}?eventId=) вместе с --sample-certified')
    .action(async (opts: { sample?: string; flow?: string; snapshot?: boolean; compare?: string; reference?: string; sampleCertified?: string; eventId?: string }) => {
      if (opts.compare) {
        const outcome = await compareFile(opts.compare, { ...(opts.reference ? { reference: opts.reference } : {}), write: (line) => process.stdout.write(line) });
        process.exitCode = outcome.kind === 'same' ? EXIT.ok : EXIT.invalid;
        return;
      }
      process.exitCode = await doctor({
        ...(opts.sample ? { sample: opts.sample } : {}),
        ...(opts.flow && opts.flow !== FLOW_DEFAULT ? { flow: opts.flow } : {}),
        ...(opts.snapshot ? { snapshot: true } : {}),
        ...(opts.sampleCertified ? { sampleCertified: opts.sampleCertified } : {}),
        ...(opts.eventId ? { eventId: opts.eventId } : {}),
      });
    });
}
