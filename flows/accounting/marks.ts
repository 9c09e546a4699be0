// The accounting flow's marks on a queue row: what its «E-mail» column's reader (columns.ts) notes
// beside the row's values. Intake, the CLI and the runner carry them as an opaque record (intake's
// RowMarks) and never read them; the flow writes them here and reads them back here, typed.
import type { RowMarks } from '../../src/intake/index.js';

/** What the memo's columns note about a row. */
export interface EmailMarks {
  /** The e-mail was made from NAVBOT_EMAIL_TEMPLATE (the row's «E-mail» cell is empty or absent). */
  readonly emailFromTemplate: boolean;
  /** With a template-made e-mail: the template's addresses for the key's other spellings (never sent as the row's e-mail). */
  readonly otherEmails?: readonly string[];
}

/** The marks of a row whose e-mail the template made, with the addresses of the key's other spellings. */
export function templateMarks(otherEmails: readonly string[]): RowMarks {
  return { emailFromTemplate: true, otherEmails: Object.freeze([...otherEmails]) };
}

/** A row's marks as the flow reads them: none noted is an e-mail from the «E-mail» cell, no other addresses. */
export function emailMarks(marks: RowMarks | undefined): EmailMarks {
  const others = marks?.otherEmails;
  const otherEmails = Array.isArray(others) ? others.filter((e): e is string => typeof e === 'string') : [];
  return { emailFromTemplate: marks?.emailFromTemplate === true, ...(otherEmails.length ? { otherEmails } : {}) };
}
