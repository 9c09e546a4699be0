// Issue 21, part 4: a missing element is not a network fault (DESIGN, invariant 6). On a region
// whose words differ from the profile the first row stops with «на странице нет «…»: проверьте
// профиль региона (navbot doctor)» and the run stops after it with exit 2, before touching the
// other rows — decided once, not after five 15-second waits and «Навигатор не отвечает». A
// browser that cannot open a window (headed, no display) is a setting of this PC: exit 2, in the
// same words from `run` and `doctor`.
import { test, expect } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lastReport, makeQueue, navbotEnv, runDirs, startNavbot, tempDir, useStand, writes, type QueueRowInput } from './support/navbot.js';
import { normaliseKey } from '../../src/intake/key.js';

const ROWS: QueueRowInput[] = [
  { key: 'Н-1', birth: '01.02.2015', sex: 'Мужской' },
  { key: 'Н-2', birth: '15.06.2012', sex: 'Женский' },
  { key: 'Н-3', birth: '30.11.2018', sex: 'Мужской' },
];

/**
 * navbot as staff run it, with the retry policy and breaker at their defaults (3 retries, 5 faults)
 * and a 15 s wait. Killed at `boundMs`: a run that waits for a label again and again fails the test
 * by its duration instead of holding the suite for minutes.
 */
async function runBounded(args: string[], env: Record<string, string>, boundMs: number) {
  const began = Date.now();
  const run = startNavbot(args, env);
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    run.child.kill('SIGKILL');
  }, boundMs);
  const result = await run.done;
  clearTimeout(timer);
  return { ...result, killed, ms: Date.now() - began, out: result.stdout + result.stderr };
}

/** Requests whose path or body name this e-mail (a registration, a login, a write about the row). */
function touched(log: Array<{ path: string; body: unknown }>, email: string): boolean {
  return log.some((r) => decodeURIComponent(r.path + JSON.stringify(r.body ?? '')).toLowerCase().includes(email.toLowerCase()));
}

/** The keys of the rows the last run started (its events), in order. */
function started(dir: string): string[] {
  const events = readFileSync(path.join(runDirs(dir).at(-1)!, 'events.jsonl'), 'utf8').split('\n').filter(Boolean);
  return events.map((l) => JSON.parse(l) as { type: string; key?: string }).filter((e) => e.type === 'row-start').map((e) => e.key!);
}

const STAFF_ENV = { NAVBOT_RETRIES: '3', NAVBOT_BREAKER: '5', NAVBOT_TIMEOUT_MS: '15000', NAVBOT_CONCURRENCY: '1' };

test.describe('renamed without its profile', () => {
  const target = useStand({ variants: ['renamed'] });

  test('the first row names the missing label and navbot doctor; the run stops with exit 2 at once, other rows untouched', async () => {
    test.setTimeout(180_000);
    const dir = tempDir();
    const file = await makeQueue(path.join(dir, 'q.xlsx'), ROWS);
    const run = await runBounded(['run', file], navbotEnv(target.url, dir, STAFF_ENV), 90_000);
    expect(run.killed, `still running after 90 s: ${run.out}`).toBe(false);
    // One wait of 15 s for the label, the browser's start and the report: far below 5 × 15 s.
    expect(run.ms).toBeLessThan(75_000);
    expect(run.code, run.out).toBe(2);
    expect(run.out).not.toMatch(/Навигатор не отвечает|Сбой связи/);
    expect(run.out).toContain('navbot doctor');

    const report = await lastReport(dir);
    expect(report).toHaveLength(3);
    const [first, ...rest] = report;
    expect(first!.status).toBe('Ошибка');
    // The default profile's menu item «Пользователи сайта» is «Пользователи» on this region.
    expect(first!.reason).toContain('«Пользователи сайта»');
    expect(first!.reason).toContain('navbot doctor');
    expect(first!.reason).not.toMatch(/Сбой связи|не ответил/);
    // The other rows stay for the next run, in the report as not processed, not vanished.
    for (const r of rest) {
      expect(r.status).not.toBe('Ошибка');
      expect(r.reason).toContain('Прогон остановлен до этой строки');
    }

    // Nothing written, and the other rows never started.
    const log = await target.client.requests();
    expect(writes(log)).toEqual([]);
    expect(started(dir)).toEqual([normaliseKey('Н-1')]); // the run's events name rows by the key's identity
    const state = await target.client.state();
    expect(state.users).toEqual([]);
    expect(state.children).toEqual([]);
  });

  test('a profile that fits the site but not the child card: the row stops at the missing button after its writes, the next row untouched', async () => {
    test.setTimeout(180_000);
    const dir = tempDir();
    // renamed.json without the certificate button's word: the user and the child get made, then
    // «Выдать сертификат» is not on the card (it reads «Выдать сертификат ребёнку» here).
    const profile = JSON.parse(readFileSync(path.resolve('data/profiles/renamed.json'), 'utf8')) as { adminTexts: Record<string, string> };
    delete profile.adminTexts.issueCertificate;
    const profileFile = path.join(dir, 'partial.json');
    writeFileSync(profileFile, JSON.stringify(profile));
    const file = await makeQueue(path.join(dir, 'q.xlsx'), ROWS.slice(0, 2));
    const run = await runBounded(['run', file], navbotEnv(target.url, dir, { ...STAFF_ENV, NAVBOT_PROFILE: profileFile }), 120_000);
    expect(run.killed, `still running after 120 s: ${run.out}`).toBe(false);
    expect(run.code, run.out).toBe(2);
    expect(run.out).not.toMatch(/Навигатор не отвечает|Сбой связи/);
    const [first, second] = await lastReport(dir);
    expect(first!.status).toBe('Ошибка');
    expect(first!.reason).toContain('«Выдать сертификат»');
    expect(first!.reason).toContain('navbot doctor');
    expect(second!.status).not.toBe('Ошибка');
    const state = await target.client.state();
    expect(state.users).toHaveLength(1);
    expect(state.children).toHaveLength(1);
    expect(state.certificates).toEqual([]);
    // The first row registered with its e-mail; the second row's e-mail never reached the stand.
    const log = await target.client.requests();
    expect(first!.email).not.toBe('');
    expect(touched(log, first!.email)).toBe(true);
    expect(second!.email).not.toBe('');
    expect(touched(log, second!.email)).toBe(false);
    expect(started(dir)).toEqual([normaliseKey('Н-1')]); // the run's events name rows by the key's identity
  });
});

test.describe('a headed browser on a PC without a display', () => {
  const target = useStand();
  // The child process gets no DISPLAY (nor WAYLAND_DISPLAY), whatever this environment has.
  const noDisplay = () => {
    const saved = { DISPLAY: process.env.DISPLAY, WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY };
    delete process.env.DISPLAY;
    delete process.env.WAYLAND_DISPLAY;
    return () => {
      for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
    };
  };

  test.skip(process.platform !== 'linux', 'a display is always there on Windows and macOS');

  test('run stops with exit 2 and the display message, no row is blamed on the Navigator; doctor says not ready', async () => {
    test.setTimeout(120_000);
    const dir = tempDir();
    const file = await makeQueue(path.join(dir, 'q.xlsx'), ROWS.slice(0, 1));
    const restore = noDisplay();
    try {
      const env = navbotEnv(target.url, dir, { ...STAFF_ENV, NAVBOT_HEADLESS: 'false' });
      const run = await runBounded(['run', file], env, 60_000);
      expect(run.killed, run.out).toBe(false);
      expect(run.code, run.out).toBe(2);
      expect(run.out).toContain('браузер не может открыть окно: нет экрана (DISPLAY)');
      expect(run.out).toContain('NAVBOT_HEADLESS=false');
      expect(run.out).not.toMatch(/Навигатор не отвечает|Сбой браузера|Сбой связи/);
      expect(writes(await target.client.requests())).toEqual([]);

      const doctor = await runBounded(['doctor'], env, 60_000);
      expect(doctor.code, doctor.out).toBe(2);
      expect(doctor.out).toContain('браузер не может открыть окно: нет экрана (DISPLAY)');
      expect(doctor.out).not.toContain('всё готово');
    } finally {
      restore();
    }
  });
});
