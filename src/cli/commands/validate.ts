// `navbot validate <file> [--json]`: every bad cell at once, grouped by row, and a summary line.
// Exit code 0 when the queue is valid, 2 when it is not (or cannot be read).
import type { Command } from 'commander';
import { formatReport, IntakeFileError, readQueue, type IntakeResult } from '../../intake/index.js';
import { settingsFor } from '../env.js';
import { CliExit, EXIT } from '../exit-codes.js';
import { intakeOptions } from '../intake-options.js';
import { flowHelp } from '../flow-option.js';
import { loadFlow } from '../flow-load.js';

/** What --json prints: the checks without the staff's own values (safe to attach to a ticket). */
export function validationJson(r: IntakeResult) {
  return {
    file: r.file,
    sheet: r.sheet,
    headerRow: r.headerRow,
    valid: r.problems.length === 0,
    checked: r.order.length,
    ready: r.rows.length,
    invalid: r.invalid.length,
    rows: r.rows.map((row) => ({ rowNumber: row.rowNumber, key: row.key, sent: row.sent })),
    problems: r.problems,
    staffHeaders: r.staffHeaders,
    warnings: r.warnings,
  };
}

export function register(program: Command): void {
  program
    .command('validate')
    .description('проверить очередь: показать каждую ошибку (строка, столбец, как исправить)')
    .argument('<file>', 'файл очереди (.xlsx или .csv)')
    .option('--json', 'вывести результат в JSON', false)
    .option('--flow <name>', flowHelp('процедура, для которой проверить очередь (только её столбцы)'))
    .action(async (file: string, flags: { json: boolean; flow?: string }) => {
      const flow = await loadFlow(flags.flow);
      const settings = settingsFor();
      let result: IntakeResult;
      try {
        result = await readQueue(file, intakeOptions(settings, flow.columns));
      } catch (e) {
        if (e instanceof IntakeFileError) throw new CliExit(EXIT.invalid, e.message);
        throw e;
      }
      if (flags.json) process.stdout.write(`${JSON.stringify(validationJson(result), null, 2)}\n`);
      else process.stdout.write(`${formatReport(result)}\n`);
      if (result.problems.length > 0) {
        if (flags.json) process.exitCode = EXIT.invalid;
        else throw new CliExit(EXIT.invalid, 'В очереди есть ошибки: исправьте их в файле и проверьте снова.');
      }
    });
}
