// «E-mail»: a prepared address, or one built from the template with the key's slug.
import { display, type CellValue } from './cells.js';
import { bad, ok, type Checked } from './check.js';
import { otherSlugs, slugify } from './key.js';
import { collapseSpaces, shown } from './text.js';

// A sane subset of RFC 5322 that sites accept: ASCII local part without leading, trailing or
// double dots; a domain of letter/digit/hyphen labels and a letter TLD.
const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function emailProblem(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  if (at < 0) return 'нет знака @';
  if (email.indexOf('@') !== at) return 'знак @ встречается больше одного раза';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (/[^\x20-\x7e]/.test(email)) return 'в адресе есть русские буквы или другие не латинские символы';
  if (/\s/.test(email)) return 'в адресе есть пробел';
  if (local === '' || local.length > 64 || !LOCAL.test(local)) return 'часть адреса до @ записана неверно';
  if (domain === '' || email.length > 254 || !DOMAIN.test(domain)) return 'часть адреса после @ (домен) записана неверно';
  // The admin panel checks e-mails with Ext JS's own rule: at most five labels before a TLD of
  // 2–6 Latin letters. A longer address registers on the site but cannot be saved in the card.
  const labels = domain.split('.');
  if (labels.at(-1)!.length > 6) return 'домен верхнего уровня длиннее 6 букв — админ-панель Навигатора такой адрес не сохранит';
  if (labels.length > 6) return 'в домене больше шести частей — админ-панель Навигатора такой адрес не сохранит';
  return undefined;
}

/** A prepared e-mail: trimmed, `mailto:` dropped, lower case. Empty → undefined (use the template). */
export function parsePreparedEmail(cell: CellValue): Checked<string | undefined> {
  if (cell.kind === 'error' || cell.kind === 'formula') {
    return bad(`в ячейке ошибка формулы «${shown(display(cell))}»`, 'Впишите адрес или оставьте ячейку пустой.');
  }
  const raw = collapseSpaces(display(cell));
  if (raw === '') return ok(undefined);
  const email = raw.replace(/^mailto:/i, '').toLowerCase();
  const why = emailProblem(email);
  if (why) {
    return bad(
      `«${shown(raw)}» — не адрес электронной почты: ${why}`,
      'Впишите адрес вида name@example.ru или оставьте ячейку пустой — тогда адрес составит робот.',
    );
  }
  return ok(email);
}

/** The template's address for a key as typed (slugify); a problem if the result is not a valid address. */
export function emailFromTemplate(template: string, key: string): Checked<string> {
  const email = template.replaceAll('{key}', slugify(key)).trim().toLowerCase();
  const why = emailProblem(email);
  if (why) {
    return bad(
      `адрес по шаблону «${template}» получается неверным («${shown(email)}»): ${why}`,
      'Сократите ключ или впишите готовый адрес в столбец «E-mail».',
    );
  }
  return ok(email);
}

/**
 * The template's addresses for the key's other spellings (its look-alike words typed in the other
 * script, key.ts otherSlugs): a placeholder registered under one of them is this key's, so the
 * register step looks for them before registering anyone.
 */
export function otherTemplateEmails(template: string, key: string): string[] {
  return otherSlugs(key)
    .map((slug) => template.replaceAll('{key}', slug).trim().toLowerCase())
    .filter((email) => emailProblem(email) === undefined);
}
