// The one zod schema of a queue row: raw cells in, the fields a flow may send out. Each field's
// problem is a custom issue whose path names the field and whose params carry the fix.
import { z } from 'zod';
import { EMPTY, type CellValue } from './cells.js';
import { controlProblem, type Checked } from './check.js';
import type { Field } from './columns.js';
import { parseBirthDate, type Ymd } from './date.js';
import { emailFromTemplate, parsePreparedEmail } from './email.js';
import { parseKey } from './key.js';
import { parseMunicipality, type MunicipalityMatcher } from './municipality.js';
import { parseSex } from './sex.js';
import type { SentFields } from './types.js';

export type RawRow = Record<Field, CellValue>;

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
  sent: SentFields;
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

export function rowSchema(rules: RowRules) {
  return z
    .object({
      key: field(parseKey),
      birthDate: field((c) => parseBirthDate(c, rules)),
      sex: field(parseSex),
      municipality: field((c) => parseMunicipality(c, rules.municipalities, rules.defaultMunicipality)),
      email: field(parsePreparedEmail),
    })
    .transform((r, ctx): ParsedRow => {
      let email = r.email;
      if (email === undefined) {
        const built = emailFromTemplate(rules.emailTemplate, r.key.keyNorm);
        if (!built.ok) {
          ctx.addIssue({ code: 'custom', message: built.problem, params: { fix: built.fix }, path: ['email'] });
          return z.NEVER;
        }
        email = built.value;
      }
      return {
        key: r.key.key,
        sent: { key: r.key.keyNorm, birthDate: r.birthDate, sex: r.sex, municipality: r.municipality, email },
        emailFromTemplate: r.email === undefined,
      };
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
