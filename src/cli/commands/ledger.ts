// `navbot ledger [--target URL] [--flow PATH ...]`: what navbot holds for a Navigator (the
// settings' one by default), as an xlsx in the reports folder. Read-only: no lock, nothing sent
// anywhere. navbot's own flows lay out their lines; a plug-in procedure (`--flow <path>`, the same
// module `run --flow` took) lays out its own, else its fields show under their own names.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { knownTargets, ledgerDir, targetFor, type TargetInfo } from '../../journal/target.js';
import { readLedger, renderLedgerXlsx } from '../../report/ledger-xlsx.js';
import { writeReplacing } from '../../report/build.js';
import { settingsFor } from '../env.js';
import { CliExit, EXIT } from '../exit-codes.js';
import { FLOWS, unnamedLedgerFlow } from '../../../flows/index.js';
import { isFlowPath, loadFlow } from '../flow-load.js';

function hostOf(url: string): string | undefined {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`).host;
  } catch {
    return undefined;
  }
}

/** The target whose public site or admin panel is at `url`'s host. */
function pickTarget(stateDir: string, url: string): TargetInfo {
  const host = hostOf(url);
  const known = knownTargets(stateDir);
  const found = host ? known.filter((t) => hostOf(t.publicUrl) === host || hostOf(t.adminUrl) === host) : [];
  if (found.length === 1) return found[0]!;
  if (found.length > 1) {
    throw new CliExit(EXIT.invalid, `Адрес ${url} подходит к нескольким Навигаторам: ${found.map((t) => t.label).join('; ')}. Укажите адрес админ-панели.`);
  }
  throw new CliExit(
    EXIT.invalid,
    `Учёта для ${url} нет в папке ${stateDir}.` + (known.length ? `\nИзвестные Навигаторы:\n${known.map((t) => `  ${t.publicUrl} — ${t.label}`).join('\n')}` : ' navbot ещё ни разу не работал ни с одним Навигатором.'),
  );
}

const collect = (value: string, all: string[]) => [...all, value];

/** The plug-in procedures named by path; a flow's name is refused here: navbot's own are always laid out. */
async function pluginFlows(values: readonly string[]) {
  for (const v of values) {
    if (!isFlowPath(v)) throw new CliExit(EXIT.invalid, `--flow ${v.replace(/[\u0000-\u001f\u007f]/g, '?')}: здесь нужен путь к модулю своей процедуры (.ts, .js, .mjs); процедуры navbot выгружаются и без него.`);
  }
  return Promise.all(values.map((v) => loadFlow(v)));
}

export function register(program: Command): void {
  program
    .command('ledger')
    .description('выгрузить в Excel, что navbot знает о Навигаторе: ключи, данные, ID, номера сертификатов, очереди')
    .option('--target <адрес>', 'адрес публичного сайта или админ-панели Навигатора (по умолчанию — из настроек)')
    .option('--flow <путь>', 'модуль своей процедуры (как у run --flow), чтобы её строки выгрузились с её столбцами; можно несколько раз', collect, [])
    .action(async (opts: { target?: string; flow: string[] }) => {
      const flows = [...FLOWS, ...(await pluginFlows(opts.flow))];
      const settings = settingsFor();
      const stateDir = path.resolve(settings.stateDir);
      const target = opts.target ? pickTarget(stateDir, opts.target) : targetFor(settings.publicUrl, settings.adminUrl);
      const { lines, warnings } = readLedger(path.join(ledgerDir(stateDir), `${target.id}.jsonl`), unnamedLedgerFlow()?.name, flows);
      const reports = path.resolve(settings.reportsDir);
      fs.mkdirSync(reports, { recursive: true });
      const wanted = path.join(reports, `ledger-${target.id}-${new Date().toISOString().slice(0, 10)}.xlsx`);
      // A workbook left open in Excel is not overwritten: the new one gets the time in its name.
      const notes: string[] = [];
      const out = writeReplacing(wanted, await renderLedgerXlsx(target, lines, flows), notes, new Date());
      warnings.push(...notes);
      const issued = lines.filter((l) => l.status === 'issued').length;
      process.stdout.write(
        [
          `Учёт navbot для Навигатора ${target.label}: ключей ${lines.length}, выдано ${issued}.`,
          `  Таблица: ${out}`,
          ...warnings.map((w) => `  Внимание: ${w}`),
          '',
        ].join('\n'),
      );
    });
}
