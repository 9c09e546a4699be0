// Derived passwords (DESIGN.md, invariant 3): a placeholder account's password is
// HMAC-SHA256(NAVBOT_SECRET, "navbot:v1:" + the row's ledger key), so nothing secret is stored and
// any later run can log in again. The ledger key is the key's identity, or the older form the
// ledger already holds the key under (journal/key-forms.ts): an account keeps its password.
// Changing NAVBOT_SECRET changes every password: keep it stable.
// Encoding: 14 characters from letters and digits without look-alikes (0 O o 1 l I), at least one
// upper-case letter, one lower-case letter and one digit — what typical sites demand; no symbols,
// which some sites refuse. Characters are drawn without modulo bias; if the 32-byte digest runs
// out (rare), the stream continues with HMAC(secret, message + ":" + n).
import { createHmac } from 'node:crypto';

export const PASSWORD_LENGTH = 14;
export const PASSWORD_VERSION = 'navbot:v1:';

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';
const ALL = UPPER + LOWER + DIGITS;

function byteStream(secret: string, message: string): () => number {
  let block = createHmac('sha256', secret).update(message, 'utf8').digest();
  let pos = 0;
  let n = 0;
  return () => {
    if (pos >= block.length) {
      block = createHmac('sha256', secret).update(`${message}:${++n}`, 'utf8').digest();
      pos = 0;
    }
    return block[pos++] as number;
  };
}

/** A uniform integer in [0, n) for n ≤ 256, by rejection sampling. */
function uniform(next: () => number, n: number): number {
  const limit = 256 - (256 % n);
  for (;;) {
    const b = next();
    if (b < limit) return b % n;
  }
}

export function derivePassword(secret: string, keyNorm: string): string {
  if (!secret) throw new Error('Не задан NAVBOT_SECRET: пароль учётной записи получить нельзя.');
  if (!keyNorm) throw new Error('Пустой ключ строки: пароль учётной записи получить нельзя.');
  const next = byteStream(secret, PASSWORD_VERSION + keyNorm);
  const pick = (set: string) => set[uniform(next, set.length)] as string;
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS)];
  while (chars.length < PASSWORD_LENGTH) chars.push(pick(ALL));
  // Fisher–Yates with the same stream, so the guaranteed classes sit at varying positions.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = uniform(next, i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}
