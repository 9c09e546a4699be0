// The shared kit's wording of a wait for a person (a captcha, a sign-off): the CLI's phase lines
// and the site's hand-off say it alike.

/**
 * How long navbot waits for a person, in the units that do not decline (so «до …» and «за …» both
 * read right): 15 000 → «15 с», 300 000 → «5 мин», 90 000 → «1 мин 30 с». Whole minutes
 * rounded down used to show «0 мин» for NAVBOT_CAPTCHA_WAIT_S=15. (report's formatDuration
 * writes tenths for run times, «15,0 с», and navigator may not import report.)
 */
export function waitText(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const [m, s] = [Math.floor(total / 60), total % 60];
  if (m === 0) return `${s} с`;
  return s === 0 ? `${m} мин` : `${m} мин ${s} с`;
}
