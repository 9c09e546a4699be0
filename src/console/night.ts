// The night runs as the «Расписание» table shows them: a crontab line of `navbot schedule`
// (cli/setup/schedule.ts cronLine) read back into its queue, time, days and next start; a
// Windows task keeps what Task Scheduler said (its own next run and status).
import { describeDays, hhmm, type ListedTask } from '../cli/setup/schedule.js';

export interface NightRun {
  /** The queue's task name (the file name without extension). */
  name: string;
  time?: string;
  days?: string;
  /** ISO time of the next start (crontab), or Task Scheduler's own text. */
  next: string;
  status?: string;
}

const CRON = /^(\d{1,2}) (\d{1,2}) \* \* (\*|[0-7](?:,[0-7])*) .* # navbot: (.+)$/;

/** A crontab line of navbot's, or undefined for one it did not write. */
export function cronRun(line: string, now: Date): NightRun | undefined {
  const m = CRON.exec(line.trim());
  if (!m) return undefined;
  const minute = Number(m[1]);
  const hour = Number(m[2]);
  // cron counts Sunday as 0 (or 7), navbot's days count Monday as 0.
  const cronDays = m[3] === '*' ? [0, 1, 2, 3, 4, 5, 6] : m[3]!.split(',').map((d) => Number(d) % 7);
  const days = [...new Set(cronDays.map((d) => (d + 6) % 7))].sort((a, b) => a - b);
  return { name: m[4]!, time: hhmm({ hour, minute }), days: describeDays(days), next: nextStart(now, hour, minute, cronDays).toISOString() };
}

/** The first moment after `now` at hour:minute (local time) on one of the cron weekdays. */
export function nextStart(now: Date, hour: number, minute: number, cronDays: readonly number[]): Date {
  for (let ahead = 0; ahead <= 7; ahead++) {
    const t = new Date(now.getFullYear(), now.getMonth(), now.getDate() + ahead, hour, minute, 0, 0);
    if (t > now && cronDays.includes(t.getDay())) return t;
  }
  return new Date(NaN);
}

export function windowsRun(t: ListedTask): NightRun {
  return { name: t.name.split('\\').pop() ?? t.name, next: t.nextRun, status: t.status };
}
