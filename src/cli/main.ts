#!/usr/bin/env node
// navbot's command line. Messages for staff are Russian; exit codes follow DESIGN.md.
import { Command, CommanderError } from 'commander';
import { CliExit, EXIT } from './exit-codes.js';
import { register as registerStand } from './commands/stand.js';
import { register as registerReport } from './commands/report.js';
import { register as registerPassword } from './commands/password.js';
import { register as registerDoctor } from './commands/doctor.js';
import { register as registerRun } from './commands/run.js';
import { register as registerDemo } from './commands/demo.js';
import { register as registerTemplate } from './commands/template.js';
import { register as registerValidate } from './commands/validate.js';
import { register as registerLedger } from './commands/ledger.js';
import { register as registerInit } from './commands/init.js';
import { register as registerSchedule } from './commands/schedule.js';
import { register as registerPurge } from './commands/purge.js';
import { register as registerConsole } from './commands/console.js';
import { ownerOnlyUmask } from '../core/owner-only.js';
import { terminalText } from './terminal-text.js';
import { VERSION } from './version.js';
import { gateConsole } from './console-gate.js';

// Every line navbot prints passes the secrets' mask (see console-gate.ts).
gateConsole();
// What navbot writes from here on is its owner's only (children's data, issue 24).
ownerOnlyUmask();

const program = new Command();
program
  .name('navbot')
  .description('navbot — робот выдачи сертификатов учёта в Навигаторе дополнительного образования')
  .configureOutput({ outputError: (str, write) => write(str) })
  .exitOverride()
  .showHelpAfterError('(подсказка: navbot --help)');
program.helpOption('-h, --help', 'показать справку');
program.helpCommand('help [команда]', 'справка по команде');

program.version(VERSION, '-V, --version', 'показать версию');
for (const register of [registerTemplate, registerValidate, registerStand, registerRun, registerReport, registerDemo, registerPassword, registerDoctor, registerLedger, registerInit, registerSchedule, registerPurge, registerConsole]) register(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CliExit) {
    process.stderr.write(`${terminalText(e.message)}\n`);
    process.exitCode = e.code;
  } else if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : EXIT.invalid;
  } else {
    process.stderr.write(`Непредвиденная ошибка: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = EXIT.rowsFailed;
  }
}

// A finished command ends navbot: idle keep-alive sockets and library timers must not hold the
// process open (staff and schedulers wait for it). Output is flushed first.
await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
await new Promise<void>((resolve) => process.stderr.write('', () => resolve()));
process.exit(process.exitCode ?? 0);
