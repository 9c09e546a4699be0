// The memo's queue columns (the accounting certificate and its audit): what each column is
// called, how its cell is read, its check and rule in the template; an empty «E-mail» is made
// from NAVBOT_EMAIL_TEMPLATE, and addresses must differ between rows. Intake reads them generically.
import {
  emailFromTemplate,
  KEY,
  ok,
  otherTemplateEmails,
  parseBirthDate,
  parseMunicipality,
  parsePreparedEmail,
  parseSex,
  SEX_LABELS,
  sentOnly,
  shown,
  type ColumnSet,
  type FlowColumn,
  type RowCheck,
  type RowView,
  type SentRecord,
  type TemplateEnv,
} from '../../src/intake/index.js';
import type { SentRow } from './row.js';
import { emailMarks, templateMarks } from './marks.js';
import { birthDateCheck, emailCheck, MEMO_RULES, municipalityCheck, sexCheck, writeMemoInstructions } from './template-sheet.js';

/** The memo's fields (the key aside), in the template's order. */
export type MemoField = 'birthDate' | 'sex' | 'municipality' | 'email';
export const MEMO_FIELDS: readonly MemoField[] = ['birthDate', 'sex', 'municipality', 'email'];

/** What a memo row sends, typed. */
export type MemoValues = SentRow;

const MUNICIPALITY = 'Муниципалитет';

/** YYYY-MM-DD → DD.MM.YYYY (anything else as it is). */
function ruDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return y && m && d ? `${d}.${m}.${y}` : iso;
}

const COLUMNS: Record<MemoField, FlowColumn> = {
  birthDate: {
    field: 'birthDate',
    header: 'Дата рождения',
    aliases: ['Дата рожд.', 'Д.р.', 'ДР', 'Дата рождения (ДД.ММ.ГГГГ)'],
    width: 16,
    required: true,
    format: 'date',
    read: (c, env) => parseBirthDate(c, env),
    rule: MEMO_RULES.birthDate,
    show: ruDate,
    validation: birthDateCheck,
  },
  sex: { field: 'sex', header: 'Пол', width: 12, required: true, read: (c) => parseSex(c), rule: MEMO_RULES.sex, validation: sexCheck,
    show: (v) => SEX_LABELS[v as keyof typeof SEX_LABELS] ?? v },
  municipality: {
    field: 'municipality',
    header: MUNICIPALITY,
    aliases: ['Муниципальное образование'],
    width: (env: TemplateEnv) => Math.max(...env.municipalities.map((m) => m.length), MUNICIPALITY.length) + 4,
    // Without it every row takes NAVBOT_MUNICIPALITY (when it is in the list).
    required: (env) => !env.defaultMunicipality,
    read: (c, env) => parseMunicipality(c, env.municipalities, env.defaultMunicipality),
    rule: MEMO_RULES.municipality,
    validation: municipalityCheck,
  },
  email: {
    field: 'email',
    header: 'E-mail',
    aliases: ['Email', 'Эл. почта', 'Электронная почта', 'Адрес электронной почты', 'E-mail (необязательно)'],
    width: 30,
    format: 'text',
    read: (c) => {
      const r = parsePreparedEmail(c);
      return r.ok ? ok(r.value ?? '') : r;
    },
    rule: MEMO_RULES.email,
    validation: emailCheck,
  },
};

/** An empty «E-mail» is the template's address for the key; a bad one is the key's doing without the column. */
function templateEmail(row: RowCheck, emailTemplate: string, fields: readonly MemoField[]): void {
  if (!emailTemplate.includes('{key}')) throw new Error('intake: emailTemplate must contain {key}');
  const key = row.value(KEY);
  if (key === undefined || row.failed('email') || row.value('email')) return;
  const built = emailFromTemplate(emailTemplate, key);
  if (!built.ok) {
    // Reported only for a row whose other cells are right (the address is made last).
    if (!fields.some((f) => row.failed(f))) row.problem(row.has('email') ? 'email' : KEY, built.problem, built.fix);
    return;
  }
  row.read('email', () => built);
  row.mark(templateMarks(otherTemplateEmails(emailTemplate, key)));
}

/** Addresses must differ between rows (one key repeated is already said). */
function uniqueEmails(rows: readonly RowView[], has: (field: string) => boolean): void {
  const byEmail = new Map<string, RowView[]>();
  for (const r of rows) {
    const email = r.value('email');
    if (email !== undefined && email !== '') byEmail.set(email, [...(byEmail.get(email) ?? []), r]);
  }
  const who = (r: RowView) => r.keyNorm ?? `#${r.rowNumber}`;
  for (const [email, group] of byEmail) {
    if (new Set(group.map(who)).size < 2) continue;
    for (const r of group) {
      const others = group.filter((o) => who(o) !== who(r));
      const names = others.map((o) => `«${shown(o.key ?? '')}» (строка ${o.rowNumber})`).join(', ');
      if (emailMarks(r.marks).emailFromTemplate) {
        const fix = has('email')
          ? 'Сделайте ключи различимыми (например, добавьте цифру) или впишите готовый адрес в столбец «E-mail».'
          : 'Сделайте ключи различимыми (например, добавьте цифру).';
        r.problem(KEY, r.key ?? '', `ключ «${shown(r.key ?? '')}» даёт тот же адрес ${email}, что и ключ ${names}`, fix);
      } else {
        const rows = others.map((o) => o.rowNumber).join(', ');
        r.problem(
          'email',
          email,
          `адрес ${email} уже занят: он же у ${others.length === 1 ? 'строки' : 'строк'} ${rows}`,
          'У каждого ребёнка должен быть свой адрес: впишите другой или оставьте ячейку пустой — тогда адрес составит робот.',
        );
      }
    }
  }
}

/** The memo's columns a flow sends (`fields`, in the template's order; the key always leads). */
export function memoColumns(flow: string, fields: readonly MemoField[] = MEMO_FIELDS): ColumnSet {
  const sent = MEMO_FIELDS.filter((f) => fields.includes(f));
  const columns = sent.map((f) => COLUMNS[f]);
  return {
    flow,
    row: 'один ребёнок',
    columns,
    ...(sent.includes('email')
      ? { check: (row: RowCheck, env: { emailTemplate: string }) => templateEmail(row, env.emailTemplate, sent), across: uniqueEmails }
      : {}),
    wording: {
      listOf: ' Навигатора',
      staffColumn: 'никогда не отправляет его в Навигатор',
      repeatedKeyFix: 'У каждого ребёнка должен быть свой ключ. Если это один и тот же ребёнок — удалите лишнюю строку, иначе исправьте ключ.',
      templateCommand: 'navbot template',
    },
    sheet: {
      staffWidth: 34,
      headerHeight: 30,
      // Municipalities in A (the column's list), the sexes in B (kept for staff's own formulas).
      lists: (env) => [env.municipalities, [SEX_LABELS.male, SEX_LABELS.female]],
      instructions: (ws, env) => writeMemoInstructions(ws, env, columns),
    },
  };
}

/** A row as the flow declared it: its key and exactly `fields`, typed (the second guard of invariant 4). */
export function memoRow<F extends MemoField>(sent: SentRecord, fields: readonly F[]): Readonly<Pick<MemoValues, F | 'key'>> {
  // Intake read `sex` with parseSex: it is a Sex.
  return sentOnly(sent, fields) as unknown as Readonly<Pick<MemoValues, F | 'key'>>;
}
