// `navbot init`: writes the staff member's .env by asking in Russian, one question at a time
// (@inquirer/prompts), then runs `navbot doctor` in the project folder as a child process, so
// that doctor reads the new .env exactly as every later command will.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { input, password, select } from '@inquirer/prompts';
import { checkUrl } from '../../doctor/checks.js';
import { CliExit, EXIT } from '../exit-codes.js';
import { runInit, type Ask, type InitFlags } from '../setup/init.js';
import { siteMunicipalities } from '../setup/site.js';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

/** The select prompt's key hint, in Russian. */
const selectTheme = { style: { keysHelpTip: () => 'стрелки ↑↓ — выбрать, Enter — подтвердить' } };

/**
 * @inquirer/prompts behind init's small Ask interface. A yes/no question is a two-item list:
 * inquirer's confirm only understands y/n and answers «Yes»/«No».
 */
export const inquirerAsk: Ask = {
  input: (o) => input({ message: o.message, ...(o.default !== undefined ? { default: o.default } : {}), ...(o.validate ? { validate: o.validate } : {}) }),
  password: (o) => password({ message: o.message, mask: '*', ...(o.validate ? { validate: o.validate } : {}) }),
  select: (o) => select({ message: o.message, choices: o.choices, pageSize: 15, theme: selectTheme, ...(o.default !== undefined ? { default: o.default } : {}) }),
  confirm: async (o) =>
    (await select({
      message: o.message,
      choices: [
        { name: 'Да', value: 'yes' },
        { name: 'Нет', value: 'no' },
      ],
      default: o.default ? 'yes' : 'no',
      theme: selectTheme,
    })) === 'yes',
};

/** `navbot doctor` in `dir`, in a child process; resolves to its exit code. */
export function doctorIn(dir: string): Promise<number> {
  // tsx is resolved from navbot's own folder: `--import tsx` would look in the project folder.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', tsx, MAIN, 'doctor'], { cwd: dir, stdio: 'inherit' });
  return new Promise((resolve) => {
    child.on('error', () => resolve(EXIT.invalid));
    child.on('exit', (code) => resolve(code ?? EXIT.invalid));
  });
}

export function register(program: Command): void {
  program
    .command('init')
    .description('первая настройка: ответить на вопросы, записать .env и проверить готовность (navbot doctor)')
    .option('--dir <папка>', 'папка проекта, куда записать .env (по умолчанию — текущая)')
    .option('--force', 'заменить существующий .env (секрет NAVBOT_SECRET сохраняется)')
    .option('--new-secret', 'вместе с --force: создать новый NAVBOT_SECRET (старые учётные записи-заглушки станут недоступны)')
    .option('-y, --yes', 'без вопросов: ответы из флагов, остальное — по умолчанию')
    .option('--public-url <адрес>', 'адрес публичного сайта Навигатора (NAVBOT_PUBLIC_URL)')
    .option('--admin-url <адрес>', 'адрес админ-панели (NAVBOT_ADMIN_URL)')
    .option('--admin-email <e-mail>', 'логин администратора (NAVBOT_ADMIN_EMAIL)')
    .option('--admin-password-env <ИМЯ>', 'имя переменной окружения, в которой пароль администратора')
    .option('--email-template <шаблон>', 'шаблон e-mail заглушек, например robot+{key}@school.ru (NAVBOT_EMAIL_TEMPLATE)')
    .option('--municipality <название>', 'муниципалитет по умолчанию (NAVBOT_MUNICIPALITY)')
    .option('--concurrency <n>', 'сколько строк обрабатывать одновременно (NAVBOT_CONCURRENCY)')
    .action(async (flags: InitFlags) => {
      const say = (line: string) => process.stdout.write(`${line}\n`);
      const interactive = !flags.yes && process.stdin.isTTY === true;
      try {
        process.exitCode = await runInit(flags, {
          ...(interactive ? { ask: inquirerAsk } : {}),
          say,
          env: process.env,
          checkUrl: (url, label, envName, stand) => checkUrl(url, label, envName, { timeoutMs: 15_000, stand }),
          siteMunicipalities: (url, settings, dir) => siteMunicipalities(url, settings, dir),
          doctor: doctorIn,
        });
      } catch (e) {
        // Ctrl+C at a question (@inquirer/prompts' ExitPromptError).
        if ((e as Error)?.name === 'ExitPromptError') throw new CliExit(EXIT.interrupted, 'Настройка прервана: файл .env не записан.');
        throw e;
      }
    });
}
