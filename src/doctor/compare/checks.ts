// `navbot doctor`: what the survey found (src/doctor/survey/), turned into checks a staff
// member reads (Russian, ✓/✗, what to do), by the questions: login.ts (1–2), users.ts
// (3–6), child.ts (7–8), site.ts (9), pace.ts (10); the suggested profile (suggestion.ts) and the
// summary (summary.ts) beside them. Pure functions: no browser, no files.
import type { SurveyFindings } from '../survey/types.js';
import { CODE } from '../codes.js';
import { CheckList, type CurrentSettings, type SurveyCheck } from './check.js';
import { childChecks } from './child.js';
import { loginChecks } from './login.js';
import { paceCheck, type Pace } from './pace.js';
import { siteChecks } from './site.js';
import { usersChecks } from './users.js';

/** Every check of the survey, in the order. */
export function buildChecks(f: SurveyFindings, cur: CurrentSettings, defaults: { timeoutMs: number; actionsPerSecond: number }): { checks: SurveyCheck[]; pace: Pace } {
  const out = new CheckList(f.texts);
  loginChecks(f, out);
  // 3–8: texts compared on each screen, plus the facts of each screen.
  out.put(1);
  usersChecks(f, cur, out);
  childChecks(f, cur, out);
  siteChecks(f, cur, out);
  const pace = paceCheck(f, cur, defaults, out);
  // Whatever stopped a step.
  for (const e of f.errors) {
    out.add({
      id: `error.${e.stage}`,
      item: 0,
      title: e.stage,
      status: e.unreachable ? 'unreachable' : 'mismatch',
      expected: 'шаг выполнен',
      found: e.message,
      todo: e.unreachable
        ? 'Навигатор не ответил как следует: проверьте сеть и запустите navbot doctor позже'
        : 'посмотрите снимок экрана этого шага в папке обзора; если экран устроен иначе, чем ждёт navbot, укажите надписи в профиле или сообщите разработчикам navbot',
    });
  }
  return { checks: out.checks, pace };
}

/** 0 ready, 2 a mismatch (the profile or settings must change), 3 the target stopped answering. */
export function surveyExitCode(checks: readonly SurveyCheck[]): number {
  if (checks.some((c) => c.status === 'mismatch')) return CODE.invalid;
  if (checks.some((c) => c.status === 'unreachable')) return CODE.unreachable;
  return CODE.ok;
}
