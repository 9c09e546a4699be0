// `navbot password <key>`: the derived password of a row's placeholder account, so staff can
// log in by hand as that account (DESIGN.md, invariant 3). Same key normalisation as intake.
import type { Command } from 'commander';
import { DEMO_SECRET } from '../../config/settings.js';
import { normaliseKey } from '../../intake/key.js';
import { derivePassword } from '../../core/password.js';
import { settingsFor } from '../env.js';
import { CliExit, EXIT } from '../exit-codes.js';

export function register(program: Command): void {
  program
    .command('password')
    .description('показать пароль учётной записи, которую робот создал для строки с этим ключом')
    .argument('<key>', 'ключ строки (номер по вашему журналу), например «2025-017»')
    .option('--only', 'вывести только пароль (для сценариев)', false)
    .action((rawKey: string, opts: { only: boolean }) => {
      const settings = settingsFor();
      const keyNorm = normaliseKey(rawKey);
      if (!keyNorm) throw new CliExit(EXIT.invalid, 'Ключ строки пуст. Укажите ключ, например: navbot password 2025-017');
      const password = derivePassword(settings.secret, keyNorm);
      if (opts.only) {
        process.stdout.write(`${password}\n`);
        return;
      }
      const lines = [`Ключ строки: «${rawKey.trim()}»${keyNorm !== rawKey.trim() ? ` (для робота: «${keyNorm}»)` : ''}`, `Пароль: ${password}`];
      if (settings.secret === DEMO_SECRET) lines.push('Секрет демонстрационный: этот пароль годится только для учебного стенда.');
      lines.push('Пароль вычисляется из NAVBOT_SECRET и ключа; если секрет изменить, пароли станут другими.');
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
