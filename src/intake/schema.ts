// The one zod schema of a queue row: raw cells in, the fields a flow may send out. Each field's
// problem is a custom issue whose path names the field and whose params carry the fix. Only the
// fields the flow declares are in the schema: another column is never read as a sent one.
import { z } from 'zod';
import { EMPTY, type CellValue } from './cells.js';
import { controlProblem, type Checked } from './check.js';
import type { Field } from './columns.js';
import { parseBirthDate, type Ymd } from './date.js';
import { emailFromTemplate, parsePreparedEmail } from './email.js';
import { parseKey } from './key.js';
import { parseMunicipality, type MunicipalityMatcher } from './municipality.js';
import { parseSex } from './sex.js';
import type { SentRecord } from './types.js';

export type RawRow = Partial<Record<Field, CellValue>>;

export interface RowRules {
  today: Ymd;
  minAge: number;
  maxAge: number;
  date1904: boolean;
  municipalities: MunicipalityMatcher;
  /** Canonical default municipality, if configured and valid. */
  defaultMunicipality?: string;
  emailTemplate: string;
}

export interface ParsedRow {
  key: string;
  sent: SentRecord;
  /** True when the e-mail came from the template (so a clash is the key's doing). */
  emailFromTemplate: boolean;
}

const cell = z.custom<CellValue>((v) => typeof v === 'object' && v !== null && 'kind' in v).catch(EMPTY);

function field<T>(parse: (c: CellValue) => Checked<T>) {
  return cell.transform((c, ctx) => {
    const r = controlProblem(c) ?? parse(c);
    if (r.ok) return r.value;
    ctx.addIssue({ code: 'custom', message: r.problem, params: { fix: r.fix }, input: c });
    return z.NEVER;
  });
}

/** The schema of a row that sends `fields` (the key is always one of them). */
export function rowSchema(rules: RowRules, fields: ReadonlySet<Field> = new Set(['key', 'birthDate', 'sex', 'municipality', 'email'])) {
  const all = {
    key: field(parseKey),
    birthDate: field((c) => parseBirthDate(c, rules)),
    sex: field(parseSex),
    municipality: field((c) => parseMunicipality(c, rules.municipalities, rules.defaultMunicipality)),
    email: field(parsePreparedEmail),
  };
  const shape = Object.fromEntries(Object.entries(all).filter(([f]) => f === 'key' || fields.has(f as Field))) as Partial<typeof all> & Pick<typeof all, 'key'>;
  return z.object(shape).transform((parsed, ctx): ParsedRow => {
    const r = parsed as { key: { key: string; keyNorm: string }; birthDate?: string; sex?: SentRecord['sex']; municipality?: string; email?: string };
    const sent: SentRecord = { key: r.key.keyNorm };
    if (r.birthDate !== undefined) sent.birthDate = r.birthDate;
    if (r.sex !== undefined) sent.sex = r.sex;
    if (r.municipality !== undefined) sent.municipality = r.municipality;
    if (fields.has('email')) {
      let email = r.email;
      if (email === undefined) {
        const built = emailFromTemplate(rules.emailTemplate, r.key.key);
        if (!built.ok) {
          ctx.addIssue({ code: 'custom', message: built.problem, params: { fix: built.fix }, path: ['email'] });
          return z.NEVER;
        }
        email = built.value;
      }
      sent.email = email;
    }
    return { key: r.key.key, sent, emailFromTemplate: fields.has('email') && r.email === undefined };
  });
}

export type RowSchema = ReturnType<typeof rowSchema>;

export interface FieldIssue {
  field: Field;
  problem: string;
  fix: string;
}

/** Parses one row; on failure, the problems by field (every field at once). */
export function parseRow(schema: RowSchema, raw: RawRow): { ok: true; row: ParsedRow } | { ok: false; issues: FieldIssue[] } {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, row: r.data };
  return {
    ok: false,
    issues: r.error.issues.map((i) => ({
      field: i.path[0] as Field,
      problem: i.message,
      fix: String((i as { params?: { fix?: unknown } }).params?.fix ?? ''),
    })),
  };
}
