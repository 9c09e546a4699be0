// `navbot template [file]`: writes the workbook staff fill (never over an existing file unless --force).
import type { Command } from 'commander';
import path from 'node:path';
import { IntakeFileError, writeTemplate } from '../../intake/index.js';
import { settingsFor } from '../env.js';
import { CliExit, EXIT } from '../exit-codes.js';
import { intakeOptions } from '../intake-options.js';
import { FLOW_DEFAULT, flowHelp } from '../flow-option.js';
import { isFlowPath, loadFlow } from '../flow-load.js';

export const DEFAULT_TEMPLATE_FILE = path.join('data', 'очередь.xlsx');

export function register(program: Command): void {
  program
    .command('template')
    .description('создать шаблон очереди для заполнения (Excel)')
    .argument('[file]', 'куда сохранить', DEFAULT_TEMPLATE_FILE)
    .option('--force', 'перезаписать файл, если он уже есть', false)
    .option('--flow <name>', flowHelp('процедура, для которой нужен шаблон (в нём только её столбцы)'))
    .action(async (file: string, flags: { force: boolean; flow?: string }) => {
      const flow = await loadFlow(flags.flow);
      const settings = settingsFor();
      try {
        await writeTemplate(file, intakeOptions(settings, flow.columns), { force: flags.force });
      } catch (e) {
        if (e instanceof IntakeFileError) throw new CliExit(EXIT.invalid, e.message);
        throw e;
      }
      process.stdout.write(
        [
          `Шаблон очереди сохранён: ${file}`,
          'Заполните лист «Очередь» (правила — на листе «Как заполнять»), затем проверьте:',
          `  npm run navbot -- validate ${/\s/.test(file) ? `"${file}"` : file}${flow.name === FLOW_DEFAULT ? '' : ` --flow ${flags.flow && isFlowPath(flags.flow) ? flags.flow : flow.name}`}`,
          '',
        ].join('\n'),
      );
    });
}
