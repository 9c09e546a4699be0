// A check of doctor's list: what was looked at, what was expected and found, and what to do
// (Russian); a profile text compared on a screen becomes one (textCheck). CheckList keeps the
// checks in the issue's order as the item modules (login.ts, users.ts, child.ts, site.ts,
// pace.ts) add them.
import type { Profile } from '../../config/profile.js';
import type { TextFinding } from '../survey/match.js';

/**
 * ok: as navbot needs it; spelling: the region writes it otherwise but navbot copes (the
 * suggested profile records the region's spelling); mismatch: navbot would fail here (exit 2);
 * warning: navbot works, a person should know; skipped: not looked at (why in `found`/`todo`);
 * unreachable: the target stopped answering (exit 3); info: a fact, nothing to judge.
 */
export type CheckStatus = 'ok' | 'spelling' | 'mismatch' | 'warning' | 'skipped' | 'unreachable' | 'info';

export interface SurveyCheck {
  /** Stable id: the profile key for texts (`adminTexts.menuSiteUsers`), else a name (`admin.ext`). */
  id: string;
  /** Which of the issue's ten questions it answers (1–10). */
  item: number;
  /** What was checked, for staff. */
  title: string;
  status: CheckStatus;
  /** Does not stop navbot (ok, spelling, warning, skipped, info). */
  ok: boolean;
  expected: unknown;
  found: unknown;
  /** The profile key this check reads, when it is a profile value. */
  profileKey?: string;
  /** The value for the suggested profile (the region's), when it differs. */
  suggested?: unknown;
  /** Goes into the suggested profile although navbot copes without it (info). */
  propose?: boolean;
  /** What to do (Russian). */
  todo?: string;
  note?: string;
}

export const ITEMS: Record<number, string> = {
  1: 'Поставщик и вход',
  2: 'Права администратора',
  3: 'Меню',
  4: 'Таблица пользователей сайта',
  5: 'Карточка пользователя',
  6: 'Вкладка «Дети»',
  7: 'Карточка ребёнка',
  8: 'Выдача сертификата (окно открыто и закрыто без сохранения)',
  9: 'Публичный сайт',
  10: 'Скорость ответа',
};

/** Which question a text belongs to, by where it was looked for. */
function itemOf(f: TextFinding): number {
  const k = f.key;
  if (k.startsWith('publicTexts.')) return 9;
  if (/^adminTexts\.login/.test(k)) return 1;
  if (k === 'adminTexts.menuSiteUsers') return 3;
  if (f.where.startsWith('таблица пользователей') || f.where.startsWith('поле поиска')) return 4;
  if (f.where.includes('вкладка')) return 6;
  if (f.where.startsWith('карточка пользователя') || f.where.startsWith('заголовок карточки пользователя')) return 5;
  if (f.where.includes('ребёнка')) return 7;
  return 8;
}

export const q = (s: unknown) => `«${String(s)}»`;

/** A profile text compared with the region → a check. */
export function textCheck(f: TextFinding): SurveyCheck {
  const base = { id: `${f.key}@${f.where}`, item: itemOf(f), title: `${f.where}: ${q(f.expected)}`, expected: f.expected, found: f.found, profileKey: f.key, ...(f.note ? { note: f.note } : {}) };
  switch (f.status) {
    case 'same':
      return { ...base, status: 'ok', ok: true };
    case 'unchecked':
      return { ...base, status: 'skipped', ok: true, todo: f.note ?? 'не проверено' };
    case 'spelling':
      return f.works
        ? { ...base, status: 'spelling', ok: true, ...(f.suggest === false ? {} : { suggested: f.found }), note: f.note ?? `в регионе написано ${q(f.found)}: navbot сравнивает без учёта ё и регистра и справится` }
        : {
            ...base,
            status: 'mismatch',
            ok: false,
            ...(f.suggest === false ? {} : { suggested: f.found }),
            todo: `укажите в профиле ${f.key}: ${q(f.found)} (на сайте буква ё/е стоит иначе, а сайт navbot ищет надпись буква в букву)`,
          };
    case 'renamed':
      return {
        ...base,
        status: 'mismatch',
        ok: false,
        ...(f.suggest === false ? {} : { suggested: f.found }),
        todo: f.suggest === false ? (f.note ?? 'надписи на двух экранах расходятся') : `укажите в профиле ${f.key}: ${q(f.found)}`,
      };
    case 'missing':
      return {
        ...base,
        status: 'mismatch',
        ok: false,
        todo: `на экране нет ни ${q(f.expected)}, ни похожей надписи${f.seen && f.seen.length ? ` (есть: ${f.seen.map(q).join(', ')})` : ''}; найдите её в регионе и укажите в профиле ${f.key}`,
      };
  }
}

/** The checks as they are built: in the issue's order, each with `ok` from its status. */
export class CheckList {
  readonly checks: SurveyCheck[] = [];
  private readonly texts: SurveyCheck[];

  constructor(texts: readonly TextFinding[]) {
    this.texts = texts.map(textCheck);
  }

  add(c: Omit<SurveyCheck, 'ok'> & { ok?: boolean }): void {
    this.checks.push({ ...c, ok: c.ok ?? !(c.status === 'mismatch' || c.status === 'unreachable') });
  }

  skipped(id: string, item: number, title: string, why: string): void {
    this.add({ id, item, title, status: 'skipped', expected: null, found: null, todo: `не проверено: ${why}` });
  }

  /** The profile texts compared on the screens of question `item`. */
  put(item: number): void {
    this.checks.push(...this.texts.filter((c) => c.item === item));
  }
}

/** What the survey is compared with: the profile and the settings in use. */
export interface CurrentSettings {
  timeoutMs: number;
  actionsPerSecond: number;
  profile: Profile;
  sample?: string;
}
