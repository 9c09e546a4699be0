// The ledger's identity rules for the accounting flow, checked before a row sends anything.
// A key stands for one child on one Navigator. What the key sent there (birth date, sex,
// municipality, e-mail) and the claims it earned are in the ledger; a queue row is compared with
// them:
// - the e-mail of a registered key is the one it registered with: a template changed since then
//   does not move the row to an account that does not exist;
// - an e-mail or a municipality the placeholder user was registered with cannot change
//   under the same key (the user exists with the old one): the row stops;
// - an e-mail already claimed by another key: one placeholder user holds one child;
// - a new key that differs from a known one only in punctuation or case, with the same child's
//   data: a respelling or a second child? Staff must say;
// - a birth date or sex that differs from what the key's child was added with: the row goes on
//   only if the Navigator's child now matches the row (a person corrected it there); the flow's
//   child probe decides and, if not, stops with both values (see `previous`).
// Pure: the caller passes what the ledger holds.
import type { SentRow } from './row.js';
import type { LedgerRecord } from '../../src/procedure/plugin.js';

/** What the ledger holds of one key on this target (src/procedure/plugin.ts). */
export type { LedgerRecord };

export interface IdentityRow {
  /** As typed (for messages). */
  readonly key: string;
  readonly keyNorm: string;
  readonly rowNumber: number;
  readonly sent: SentRow;
  /** The e-mail came from NAVBOT_EMAIL_TEMPLATE, not from the «E-mail» column. */
  readonly emailFromTemplate: boolean;
}

/** Where and with what the key was used before, for the flow's messages. */
export interface PreviousUse {
  /** This row's key as typed. */
  readonly key: string;
  readonly birthDate: string;
  readonly sex: string;
  readonly file: string;
  readonly row: number;
  readonly at: string;
  readonly sameQueue: boolean;
  readonly userId?: string;
  readonly childId?: string;
  readonly certificateNumber?: string;
}

export type IdentityDecision =
  | {
      readonly kind: 'go';
      /** What the row sends: the e-mail may come from the ledger. */
      readonly sent: SentRow;
      /** The child was added with other data: the flow must find the row's data on the target. */
      readonly previous?: PreviousUse;
      /** The template would give another e-mail; the ledger's is used. */
      readonly templateChanged?: { readonly was: string; readonly now: string };
    }
  | { readonly kind: 'refuse'; readonly reason: string; readonly action: string };

export interface IdentityInput {
  rows: readonly IdentityRow[];
  /** Every key the ledger knows on this target. */
  ledger: ReadonlyMap<string, LedgerRecord>;
  /** The queue file being run, as the binding stores it (absolute path). */
  file: string;
}

const SEX_RU: Record<string, string> = { male: 'мужской', female: 'женский' };

export function ruDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return y && m && d ? `${d}.${m}.${y}` : iso;
}

const child = (c: { birthDate?: string; sex?: string }) => `${ruDate(c.birthDate ?? '?')}, ${SEX_RU[c.sex ?? ''] ?? c.sex ?? '?'}`;

/** A queue file for people: its name and the folder it is in. */
export function queueName(file: string): string {
  const parts = file.split(/[\\/]/).filter(Boolean);
  return parts.slice(-2).join('/') || file;
}

function where(b: NonNullable<LedgerRecord['binding']>, file: string): string {
  const date = b.at.slice(0, 10);
  return b.file === file ? `строка ${b.row} этой очереди, ${ruDate(date)}` : `очередь «${queueName(b.file)}», строка ${b.row}, ${ruDate(date)}`;
}

/**
 * Keys compared as a person would read them: no punctuation or spaces. `keyNorm` is the key's
 * identity (intake's normaliseKey: case, ё and look-alike letters already settled).
 */
export function looseKey(keyNorm: string): string {
  return keyNorm.replace(/[^\p{L}\p{N}]+/gu, '').toLowerCase();
}

const str = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));

export function checkIdentity(input: IdentityInput): Map<string, IdentityDecision> {
  const { ledger, file } = input;
  // Which key holds which e-mail, and which keys read alike, over the whole ledger.
  const emailOwner = new Map<string, string>();
  const shown = (keyNorm: string) => ledger.get(keyNorm)?.binding?.shownKey ?? keyNorm;
  const byLoose = new Map<string, string[]>();
  for (const rec of ledger.values()) {
    const email = rec.binding?.content.email?.toLowerCase();
    if (email && rec.touched.size > 0) emailOwner.set(email, rec.keyNorm);
    const loose = looseKey(rec.keyNorm);
    byLoose.set(loose, [...(byLoose.get(loose) ?? []), rec.keyNorm]);
  }
  const out = new Map<string, IdentityDecision>();
  const seen = new Map<string, IdentityRow>();
  for (const row of input.rows) {
    // Two rows of this queue whose keys read alike, for the same child: asked like a respelling.
    const twin = seen.get(looseKey(row.keyNorm));
    if (twin && twin.keyNorm !== row.keyNorm && twin.sent.birthDate === row.sent.birthDate && twin.sent.sex === row.sent.sex) {
      out.set(row.keyNorm, {
        kind: 'refuse',
        reason: `Ключ «${row.key}» (строка ${row.rowNumber}) похож на ключ «${twin.key}» (строка ${twin.rowNumber}) этой же очереди, и данные ребенка те же (${child(row.sent)}). Это один ребенок, записанный дважды, или двое?`,
        action: `Если один — удалите строку ${row.rowNumber}. Если двое (например, близнецы) — дайте ключи, которые отличаются не только знаками и регистром.`,
      });
      continue;
    }
    seen.set(looseKey(row.keyNorm), row);
    out.set(row.keyNorm, decide(row, { ledger, emailOwner, byLoose, file, shown }));
  }
  return out;
}

/** The whole ledger as the decisions read it: records, which key holds which e-mail, which keys read alike. */
interface LedgerView {
  readonly ledger: ReadonlyMap<string, LedgerRecord>;
  readonly emailOwner: ReadonlyMap<string, string>;
  readonly byLoose: ReadonlyMap<string, string[]>;
  readonly file: string;
  /** A key as it was typed when it was bound. */
  readonly shown: (keyNorm: string) => string;
}

type Refusal = Extract<IdentityDecision, { kind: 'refuse' }>;
type TemplateChange = { was: string; now: string };

/**
 * A registered key keeps what its placeholder user was registered with: the e-mail (a template
 * changed since gives the ledger's; a typed one that differs stops the row) and the municipality.
 */
function registeredUser(row: IdentityRow, rec: LedgerRecord, b: NonNullable<LedgerRecord['binding']>, file: string): Refusal | { sent: SentRow; templateChanged?: TemplateChange } {
  let sent = row.sent;
  let templateChanged: TemplateChange | undefined;
  const boundEmail = b.content.email ?? '';
  if (boundEmail && boundEmail.toLowerCase() !== sent.email.toLowerCase()) {
    if (row.emailFromTemplate) {
      templateChanged = { was: boundEmail, now: sent.email };
      sent = { ...sent, email: boundEmail };
    } else {
      return {
        kind: 'refuse',
        reason: `Ключ «${row.key}»: в очереди e-mail ${sent.email}, а пользователь-заглушка этого ключа уже зарегистрирован на ${boundEmail}${str(rec.facts.userId) ? ` (пользователь #${str(rec.facts.userId)})` : ''} (${where(b, file)}).`,
        action: `Если это тот же ребенок — верните в столбце «E-mail» адрес ${boundEmail} или очистите ячейку. Если это другой ребенок — дайте строке новый ключ.`,
      };
    }
  }
  const boundMunicipality = b.content.municipality;
  if (boundMunicipality && boundMunicipality !== sent.municipality) {
    return {
      kind: 'refuse',
      reason: `Ключ «${row.key}»: в очереди муниципалитет «${sent.municipality}», а пользователь-заглушка этого ключа уже зарегистрирован с муниципалитетом «${boundMunicipality}» (${where(b, file)}).`,
      action: `Если это тот же ребенок — верните в очереди «${boundMunicipality}» (муниципалитет пользователя при необходимости исправьте в админ-панели вручную). Если это другой ребенок — дайте строке новый ключ.`,
    };
  }
  return { sent, ...(templateChanged ? { templateChanged } : {}) };
}

/** One placeholder user holds one child: an e-mail another key already holds stops the row. */
function emailTaken(row: IdentityRow, sent: SentRow, view: LedgerView): Refusal | undefined {
  const owner = view.emailOwner.get(sent.email.toLowerCase());
  if (owner === undefined || owner === row.keyNorm) return undefined;
  const ob = view.ledger.get(owner)?.binding;
  return {
    kind: 'refuse',
    reason: `E-mail ${sent.email} уже занят ключом «${view.shown(owner)}»${ob ? ` (${where(ob, view.file)}, ребенок ${child(ob.content)})` : ''}: у одного пользователя-заглушки — один ребенок.`,
    // The cell is empty when the address came from the template: there is nothing to clear.
    action: row.emailFromTemplate
      ? `Адрес ${sent.email} navbot составил по шаблону, потому что ячейка «E-mail» пуста. Впишите в неё для этой строки свой e-mail (нет такого столбца — добавьте его) или дайте строке ключ, из которого получится другой адрес. Брату или сестре — тоже свой адрес.`
      : 'Укажите для этой строки свой e-mail в столбце «E-mail» или очистите ячейку, чтобы navbot взял адрес по шаблону. Брату или сестре — тоже свой адрес.',
  };
}

/** A new key that reads like a known one (punctuation, case) for the same child: a respelling or a second child? */
function respelled(row: IdentityRow, sent: SentRow, view: LedgerView): Refusal | undefined {
  const alike = (view.byLoose.get(looseKey(row.keyNorm)) ?? []).filter((k) => k !== row.keyNorm);
  for (const other of alike) {
    const ob = view.ledger.get(other)?.binding;
    if (!ob || ob.content.birthDate !== sent.birthDate || ob.content.sex !== sent.sex) continue;
    return {
      kind: 'refuse',
      reason: `Ключ «${row.key}» похож на ключ «${view.shown(other)}», уже использованный для ребенка с теми же данными (${child(ob.content)}; ${where(ob, view.file)}). Это тот же ребенок с переписанным ключом или другой?`,
      action: `Если тот же — верните строке прежний ключ «${view.shown(other)}»: navbot проверит его в Навигаторе и не создаст второго пользователя. Если другой (например, близнец) — дайте ключ, который отличается не только знаками и регистром.`,
    };
  }
  return undefined;
}

/**
 * The key's child was added with another birth date or sex: where and with what, for the flow's
 * child probe to decide (undefined when the child is the same, or none was added yet).
 */
function changedChild(row: IdentityRow, sent: SentRow, rec: LedgerRecord, b: NonNullable<LedgerRecord['binding']>, file: string): PreviousUse | undefined {
  const childChanged = b.content.birthDate !== sent.birthDate || b.content.sex !== sent.sex;
  if (!childChanged || !rec.touched.has('addChild')) return undefined;
  const userId = str(rec.facts.userId);
  const childId = str(rec.facts.childId);
  const certificateNumber = str(rec.facts.certificateNumber);
  return {
    key: row.key,
    birthDate: b.content.birthDate ?? '',
    sex: b.content.sex ?? '',
    file: b.file,
    row: b.row,
    at: b.at,
    sameQueue: b.file === file,
    ...(userId ? { userId } : {}),
    ...(childId ? { childId } : {}),
    ...(certificateNumber ? { certificateNumber } : {}),
  };
}

/** One row against the ledger: the decisions above, in this order. */
function decide(row: IdentityRow, view: LedgerView): IdentityDecision {
  const rec = view.ledger.get(row.keyNorm);
  const b = rec?.binding;
  const registered = rec?.touched.has('register') ?? false;
  let sent = row.sent;
  let templateChanged: TemplateChange | undefined;
  if (rec && b && registered) {
    const kept = registeredUser(row, rec, b, view.file);
    if ('kind' in kept) return kept;
    ({ sent, templateChanged } = kept);
  }
  const taken = emailTaken(row, sent, view);
  if (taken) return taken;
  if (!rec || !b) return respelled(row, sent, view) ?? { kind: 'go', sent };
  const previous = changedChild(row, sent, rec, b, view.file);
  return { kind: 'go', sent, ...(previous ? { previous } : {}), ...(templateChanged ? { templateChanged } : {}) };
}

/**
 * The row's child is not on the user: the stop message when the key was used before with other
 * data (a corrected row, or a key reused by another queue).
 */
export function changedChildMessage(row: { birthDate: string; sex: string }, prev: PreviousUse, seen: string): { reason: string; action: string } {
  const was = `${child(prev)}${prev.certificateNumber ? `, сертификат № ${prev.certificateNumber}` : ''}`;
  const place = prev.sameQueue ? `строка ${prev.row} этой очереди, ${ruDate(prev.at.slice(0, 10))}` : `очередь «${queueName(prev.file)}», строка ${prev.row}, ${ruDate(prev.at.slice(0, 10))}`;
  if (!prev.sameQueue) {
    return {
      reason: `Ключ «${prev.key}» уже использован на этом Навигаторе для другого ребенка: ${was} (${place}). В этой очереди: ${child(row)}. В Навигаторе у пользователя${prev.userId ? ` #${prev.userId}` : ''}: ${seen}.`,
      action: `Дайте строке новый ключ, которого не было в прежних очередях. Если это тот же ребенок и верны новые данные — исправьте ребенка${prev.childId ? ` #${prev.childId}` : ''} в админ-панели вручную и запустите снова.`,
    };
  }
  return {
    reason: `Данные строки изменились после того, как navbot добавил ребенка: было ${was} (${place}), теперь ${child(row)}. В Навигаторе у пользователя${prev.userId ? ` #${prev.userId}` : ''}: ${seen}. Робот не исправляет данные ребенка.`,
    action: `Если верны новые данные — исправьте дату рождения и пол ребенка${prev.childId ? ` #${prev.childId}` : ''} в админ-панели вручную и запустите снова: navbot проверит и продолжит. Если ошиблись сейчас — верните в очереди ${child(prev)}.`,
  };
}
