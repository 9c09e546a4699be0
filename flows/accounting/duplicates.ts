// What the Navigator holds twice where a row has one record, in staff's words: two placeholder
// users with the row's e-mail, two live children of its birth date and sex on the user, two
// accounting certificates on the child. The issuing flow stops the row with it (DuplicateError)
// and the audit reports it; both say the same: every id or number found, which one to keep and
// which to delete in the admin panel. navbot itself never deletes and never adds another.
import { DuplicateError } from '../../src/core/errors.js';
import { compareIds } from '../../src/navigator/ports.js';
import { ruDate } from './identity.js';
import { sexRu } from './placeholder.js';

export interface DuplicateFinding {
  readonly reason: string;
  readonly action: string;
  /** The ids or numbers found, joined, for the report's columns. */
  readonly facts: Readonly<Record<string, string>>;
}

/** «два», «три», «4» … with the noun's form for the number (один/два/пять). */
function many(n: number, forms: readonly [string, string, string]): string {
  const words: Record<number, string> = { 2: 'два', 3: 'три', 4: 'четыре' };
  const d10 = n % 10;
  const d100 = n % 100;
  const form = d10 === 1 && d100 !== 11 ? forms[0] : d10 >= 2 && d10 <= 4 && (d100 < 12 || d100 > 14) ? forms[1] : forms[2];
  return `${words[n] ?? n} ${form}`;
}

const rerun = 'затем запустите navbot снова: он продолжит с оставшейся записью и ничего не добавит.';
const list = (xs: readonly string[]) => xs.join(', ');

/** Two or more placeholder users with the row's e-mail: keep the first registered. */
export function duplicateUsers(email: string, ids: readonly string[]): DuplicateFinding {
  const sorted = [...ids].sort(compareIds);
  const [keep, ...extra] = sorted as [string, ...string[]];
  return {
    reason: `В Навигаторе ${many(sorted.length, ['пользователь-заглушка', 'пользователя-заглушки', 'пользователей-заглушек'])} с e-mail ${email}: ${list(sorted.map((id) => `#${id}`))}. У строки должен быть один.`,
    action: `Оставьте пользователя #${keep} (зарегистрирован первым) и удалите ${list(extra.map((id) => `#${id}`))} в админ-панели («Пользователи сайта»); если ребенок с сертификатом учета есть только у удаляемого — оставьте его, а удалите другого. ${rerun[0]!.toUpperCase()}${rerun.slice(1)}`,
    facts: { userId: list(sorted) },
  };
}

/** One of the children found: what its card and certificates say (read only for this message). */
export interface ChildSeen {
  readonly id: string;
  readonly confirmed?: boolean;
  /** Numbers of its accounting certificates. */
  readonly certificates?: readonly string[];
}

function childState(c: ChildSeen): string {
  const parts: string[] = [];
  if (c.confirmed !== undefined) parts.push(c.confirmed ? 'подтвержден' : 'не подтвержден');
  if (c.certificates !== undefined) parts.push(c.certificates.length ? `сертификат учета № ${list(c.certificates)}` : 'без сертификата учета');
  return parts.length ? `#${c.id} (${parts.join(', ')})` : `#${c.id}`;
}

/**
 * Two or more live children of the row's birth date and sex on one user: keep the one with an
 * accounting certificate (the lowest id of those), else a confirmed one, else the lowest id.
 */
export function duplicateChildren(userId: string, row: { birthDate: string; sex: string }, kids: readonly ChildSeen[]): DuplicateFinding {
  const sorted = [...kids].sort((a, b) => compareIds(a.id, b.id));
  const keep = sorted.find((c) => (c.certificates?.length ?? 0) > 0) ?? sorted.find((c) => c.confirmed) ?? sorted[0]!;
  const extra = sorted.filter((c) => c !== keep);
  const why = (keep.certificates?.length ?? 0) > 0 ? 'у него сертификат учета' : keep.confirmed ? 'он подтвержден' : 'добавлен первым';
  return {
    reason: `У пользователя #${userId} ${many(sorted.length, ['ребенок', 'ребенка', 'детей'])} с датой рождения ${ruDate(row.birthDate)} и полом ${sexRu(row.sex)}: ${list(sorted.map(childState))}. У строки должен быть один ребенок.`,
    action: `Оставьте ребенка #${keep.id} (${why}) и удалите ${list(extra.map((c) => `#${c.id}`))} в админ-панели (карточка пользователя #${userId}, вкладка «Дети»); ${rerun}`,
    facts: { userId, childId: list(sorted.map((c) => c.id)) },
  };
}

/** Certificate numbers in the order they were issued (the panel's numbers grow). */
function byIssue(a: string, b: string): number {
  return a.localeCompare(b, 'ru', { numeric: true });
}

/** Two or more accounting certificates on one child: keep the first issued. */
export function duplicateCertificates(userId: string, childId: string, numbers: readonly string[]): DuplicateFinding {
  const sorted = [...numbers].sort(byIssue);
  const [keep, ...extra] = sorted as [string, ...string[]];
  return {
    reason: `У ребенка #${childId} пользователя #${userId} ${many(sorted.length, ['сертификат', 'сертификата', 'сертификатов'])} учета: ${list(sorted.map((n) => `№ ${n}`))}. У ребенка должен быть один.`,
    action: `Оставьте сертификат № ${keep} (выдан первым) и удалите ${list(extra.map((n) => `№ ${n}`))} в админ-панели (карточка ребенка #${childId}); ${rerun}`,
    facts: { userId, childId, certificateNumber: list(sorted) },
  };
}

/** The finding as the issuing flow's stop. */
export function stopOn(f: DuplicateFinding): DuplicateError {
  return new DuplicateError(f.reason, f.action, f.facts);
}
