// What doctor prints after the survey: a line per check, grouped by the issue's questions, the
// differences from the profile, what to do, the pace and where the survey was written (Russian).
import { ITEMS, q, type CheckStatus, type SurveyCheck } from './check.js';
import type { Pace } from './pace.js';
import { differencesList } from './suggestion.js';

const MARK: Record<CheckStatus, string> = { ok: '✓', spelling: '✓', info: '✓', mismatch: '✗', unreachable: '✗', warning: '!', skipped: '–' };

const short = (v: unknown) => {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.length > 6 ? `${v.slice(0, 6).join(', ')}… (${v.length})` : v.join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

/** One line for a check (Russian). */
export function checkLine(c: SurveyCheck): string {
  const mark = MARK[c.status];
  if (c.status === 'mismatch' || c.status === 'unreachable') {
    const found = c.profileKey && typeof c.expected === 'string' ? ` — в регионе ${c.found === null ? 'нет' : q(c.found)}` : c.found !== null && typeof c.found !== 'object' ? ` — ${c.found}` : '';
    return `${mark} ${c.title}${found}. Что делать: ${c.todo ?? 'см. survey.json'}`;
  }
  if (c.status === 'spelling') return `${mark} ${c.title} — в регионе ${q(c.found)} (только написание: navbot справится)`;
  if (c.status === 'skipped') return `${mark} ${c.title} — ${c.todo ?? 'не проверено'}`;
  if (c.status === 'warning') return `${mark} ${c.title}${c.note ? ` — ${c.note}` : ''}${c.todo ? `. Что делать: ${c.todo}` : ''}`;
  const tail = c.note ?? (c.profileKey ? '' : short(c.found));
  return `${mark} ${c.title}${tail ? ` — ${tail}` : ''}`;
}

/** The Russian summary: checks by question, the differences, what to do, the verdict. */
export function summaryLines(checks: readonly SurveyCheck[], o: { dir: string; suggestedFile: string; pace: Pace; exitCode: number }): string[] {
  const lines: string[] = [];
  for (const item of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
    const mine = checks.filter((c) => c.item === item);
    if (!mine.length) continue;
    lines.push(`${item}. ${ITEMS[item]}`);
    // Texts as in the profile: one line per screen; everything else one line each, in order.
    const groups = new Map<string, SurveyCheck[]>();
    for (const c of mine) {
      if (c.status === 'ok' && c.profileKey && typeof c.expected === 'string') {
        const where = `${c.title.split(':')[0]}${c.note ? ` — ${c.note}` : ''}`;
        if (!groups.has(where)) {
          groups.set(where, []);
          lines.push(`\u0000${where}`);
        }
        groups.get(where)!.push(c);
      } else lines.push(`  ${checkLine(c)}`);
    }
    for (const [where, list] of groups) {
      const [place, note] = where.split(' — ');
      const i = lines.indexOf(`\u0000${where}`);
      lines[i] = `  ✓ ${place}: ${list.map((c) => q(c.expected)).join(', ')}${note ? ` — ${note}` : ''}`;
    }
  }
  const stops = checks.filter((c) => c.item === 0);
  if (stops.length) {
    lines.push('Не удалось пройти');
    for (const c of stops) lines.push(`  ${checkLine(c)}`);
  }
  const diffs = differencesList(checks);
  if (diffs.length) {
    lines.push(`Отличия от профиля (${diffs.length}):`);
    for (const d of diffs) {
      lines.push(`  ${d.blocking ? '✗' : '✓'} ${d.key}: в профиле ${q(short(d.expected))}, в регионе ${q(short(d.found))}${d.blocking ? '' : ' (только написание — navbot справится)'}`);
    }
    const blocking = diffs.filter((d) => d.blocking);
    if (blocking.length) {
      lines.push(`Что делать: используйте profile.suggested.json: NAVBOT_PROFILE=${o.suggestedFile}`);
      lines.push('  (в нём профиль с тем, что найдено в регионе; проверьте его и запустите navbot doctor ещё раз)');
    } else {
      lines.push(`Можно записать написание региона в профиль: NAVBOT_PROFILE=${o.suggestedFile}`);
    }
  }
  lines.push(`Скорость: медиана ответа ${o.pace.medianMs} мс (${o.pace.samples} запросов GET); предлагается NAVBOT_ACTIONS_PER_SECOND=${o.pace.actionsPerSecond}, NAVBOT_TIMEOUT_MS=${o.pace.timeoutMs}.`);
  lines.push(`Обзор записан: ${o.dir} (survey.json, profile.suggested.json, снимки экранов).`);
  return lines;
}
