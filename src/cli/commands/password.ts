// `navbot password <key>`: the derived password of a row's placeholder account, so staff can
// log in by hand as that account (DESIGN.md, invariant 3). The password is the one a run uses:
// derived from the key's ledger key — its identity (intake's normaliseKey), or the older form the
// ledger of the settings' Navigator already holds the key under (journal/key-forms.ts). The ledger
// is only read (no lock): a running batch's torn last line is skipped.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { DEMO_SECRET } from '../../config/settings.js';
import { normaliseKey } from '../../intake/key.js';
import { derivePassword } from '../../core/password.js';
import { inScope } from '../../journal/entry.js';
import { parseJournal } from '../../journal/file.js';
import { keyForms, ledgerKeyOf } from '../../journal/key-forms.js';
import { ledgerDir, targetFor } from '../../journal/target.js';
import { DEFAULT_FLOW } from '../../../flows/index.js';
import { ledgerScope } from '../batch.js';
import { settingsFor } from '../env.js';
import { CliExit, EXIT } from '../exit-codes.js';

/** What the ledger says about a key's password basis. */
type Basis =
  | { readonly kind: 'no-ledger'; readonly file: string; readonly label: string }
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'merged'; readonly forms: readonly string[] };

/** The basis of the key's password on the settings' Navigator: the ledger of the flow that registers placeholders. */
export function passwordBasis(stateDir: string, publicUrl: string, adminUrl: string, id: string): Basis {
  const target = targetFor(publicUrl, adminUrl);
  const file = path.join(ledgerDir(stateDir), `${target.id}.jsonl`);
  if (!fs.existsSync(file)) return { kind: 'no-ledger', file, label: target.label };
  const scope = ledgerScope(DEFAULT_FLOW);
  const entries = parseJournal(fs.readFileSync(file), path.basename(file)).entries.filter((e) => inScope(e, scope));
  const k = ledgerKeyOf(keyForms(entries, normaliseKey), id);
  return 'merged' in k ? { kind: 'merged', forms: k.merged } : { kind: 'key', key: k.key };
}

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
      const basis = passwordBasis(settings.stateDir, settings.publicUrl, settings.adminUrl, keyNorm);
      if (basis.kind === 'merged') {
        const forms = basis.forms.map((f) => `«${f}»`).join(', ');
        if (opts.only) {
          throw new CliExit(
            EXIT.invalid,
            `Ключ «${rawKey.trim()}» записан в учёте navbot под ${basis.forms.length} разными написаниями (${forms}): у каждого свой пароль. Запустите без --only, чтобы увидеть оба.`,
          );
        }
        const lines = [
          `Ключ строки: «${rawKey.trim()}» (для робота: «${keyNorm}»)`,
          `В учёте navbot этот ключ записан под ${basis.forms.length} разными написаниями (${forms}): прежняя версия navbot считала их разными ключами, и у каждого может быть свой пользователь-заглушка. Строку с этим ключом navbot не выполнит, пока вы не разберётесь (что делать — в отчёте прогона).`,
          ...basis.forms.map((f) => `Пароль для «${f}»: ${derivePassword(settings.secret, f)}`),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
        return;
      }
      const key = basis.kind === 'key' ? basis.key : keyNorm;
      const password = derivePassword(settings.secret, key);
      if (opts.only) {
        process.stdout.write(`${password}\n`);
        return;
      }
      const lines = [`Ключ строки: «${rawKey.trim()}»${keyNorm !== rawKey.trim() ? ` (для робота: «${keyNorm}»)` : ''}`];
      if (key !== keyNorm) lines.push(`В учёте navbot этот ключ записан прежней версией как «${key}»: пароль вычислен по этой записи — с ним зарегистрирован пользователь.`);
      lines.push(`Пароль: ${password}`);
      if (basis.kind === 'no-ledger') {
        lines.push(
          `Учёта navbot для Навигатора ${basis.label} в папке ${path.dirname(basis.file)} нет: пароль вычислен по самому ключу. Если строку обрабатывали с другой папкой NAVBOT_STATE_DIR или на другом компьютере, пароль может быть другим — запустите эту команду там.`,
        );
      }
      if (settings.secret === DEMO_SECRET) lines.push('Секрет демонстрационный: этот пароль годится только для учебного стенда.');
      lines.push('Пароль вычисляется из NAVBOT_SECRET и ключа; если секрет изменить, пароли станут другими.');
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
