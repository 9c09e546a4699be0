// The house proved with a third procedure (issue 23, item 5): «visit-fixture», a procedure and a
// target of its own in test/fixtures/flows/visit/, run by `navbot run --flow <path>` in a child
// process against a visit desk this test serves. Killed (SIGKILL) while the second visit's answer
// is held, then run again: every key is visited exactly once, both runs have their report with
// every row, the ledger holds every key, and the desk's token is written nowhere. No production
// file names the fixture.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDesk, type VisitDesk } from '../../fixtures/flows/visit/desk.js';
import { startNavbot } from '../../e2e/support/navbot-process.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const FLOW = 'test/fixtures/flows/visit/index.ts';
const TOKEN = 'desk-token-5a1f9c0e7b';
const KEYS = ['П-001', 'П-002', 'П-003'];

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
}

/** navbot in a child process (the e2e suite's helper), its two streams read as one text. */
function navbot(args: string[], env: Record<string, string>): { kill(): void; done: Promise<Ended> } {
  const started = startNavbot(args, env);
  return { kill: () => started.child.kill('SIGKILL'), done: started.done.then(({ code, signal, stdout, stderr }) => ({ code, signal, out: stdout + stderr })) };
}

const run = (args: string[], env: Record<string, string>): Promise<Ended> => navbot(args, env).done;

/** Every file under `dir`, with its text. */
function filesUnder(dir: string): Array<{ file: string; text: string }> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((file) => ({ file, text: readFileSync(file).toString('latin1') + readFileSync(file, 'utf8') }));
}

describe('a third procedure through the plug-in door (--flow <path>)', () => {
  let dir: string;
  let desk: VisitDesk;
  let env: Record<string, string>;
  let queue: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'navbot-third-'));
    desk = await startDesk(TOKEN, 2);
    env = {
      NAVBOT_VISIT_URL: desk.url,
      NAVBOT_VISIT_TOKEN: TOKEN,
      NAVBOT_STATE_DIR: path.join(dir, 'state'),
      NAVBOT_REPORTS_DIR: path.join(dir, 'reports'),
      NAVBOT_CONCURRENCY: '1',
      NAVBOT_ACTIONS_PER_SECOND: '100',
      NAVBOT_TIMEOUT_MS: '15000',
    };
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Очередь');
    ws.addRow(['Ключ', 'Отметка', 'ФИО (для себя)']);
    for (const k of KEYS) ws.addRow([k, `пришёл ${k}`, 'Иванов И. И.']);
    queue = path.join(dir, 'visits.xlsx');
    await wb.xlsx.writeFile(queue);
  });

  afterAll(async () => {
    await desk?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs, resumes after a kill, visits each key once, and reports and keeps every row', { timeout: 120_000 }, async () => {
    const first = navbot(['run', '--flow', FLOW, queue], env);
    const killed = await Promise.race([desk.held.then(() => 'held' as const), first.done]);
    expect(killed, typeof killed === 'object' ? killed.out : '').toBe('held');
    first.kill();
    expect((await first.done).signal).toBe('SIGKILL');
    const ledgers = path.join(dir, 'state', 'ledger');
    const ledgerFile = path.join(ledgers, readdirSync(ledgers).find((f) => f.endsWith('.jsonl'))!);
    // The second key's act was announced before it was made; its done never came.
    expect(readFileSync(ledgerFile, 'utf8')).toMatch(/"key":"п-002"[^\n]*"step":"recordVisit","kind":"intent"/i);

    const second = await run(['run', '--flow', FLOW, queue], env);
    expect(second.code, second.out).toBe(0);
    // The flow gets a row's key in its normal form (intake's normaliseKey): the desk knows it so.
    expect([...desk.visits.entries()].map(([k, v]) => [k, v.posts])).toEqual(KEYS.map((k) => [k.toLowerCase(), 1]));

    // Both runs have a report (the killed one's is built by the next run), each listing every row.
    const runs = readdirSync(path.join(dir, 'reports')).filter((f) => /^\d/.test(f));
    expect(runs).toHaveLength(2);
    const runDir = /Папка прогона: (.+)/.exec(second.out)![1]!.trim();
    const html = readFileSync(path.join(runDir, 'report.html'), 'utf8');
    for (const k of KEYS) expect(html).toContain(k);
    expect(html).toContain('Номер посещения');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(runDir, 'report.xlsx'));
    // In the flow's own words: the first key was done by the killed run, the second's visit was
    // made then (its answer lost) and is found and counted now, the third is made now.
    const sheet = wb.worksheets[0]!;
    let header: string[] = [];
    const status = new Map<string, string>();
    sheet.eachRow((r) => {
      const values = (r.values as unknown[]).map(String);
      if (!header.length && values.includes('Ключ')) header = values;
      else if (header.length) status.set(String(r.getCell(header.indexOf('Ключ')).value), `${String(r.getCell(header.indexOf('Статус')).value)} ${String(r.getCell(header.indexOf('Номер посещения')).value)}`);
    });
    expect(Object.fromEntries(status)).toEqual({ [KEYS[0]!]: 'Уже отмечено П-1', [KEYS[1]!]: 'Отмечено П-2', [KEYS[2]!]: 'Отмечено П-3' });
    const killedRun = path.join(dir, 'reports', runs.find((r) => !runDir.endsWith(r))!);
    for (const k of KEYS) expect(readFileSync(path.join(killedRun, 'report.html'), 'utf8')).toContain(k);

    // The ledger holds every key, done, under the flow's name; `navbot ledger` lists them.
    const entries = readFileSync(ledgerFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { key: string; flow?: string; step: string; kind: string });
    for (const k of KEYS) expect(entries.some((e) => e.key === k.toLowerCase() && e.flow === 'visit-fixture' && e.kind === 'done')).toBe(true);
    const ledger = await run(['ledger'], env);
    expect(ledger.code, ledger.out).toBe(0);
    expect(ledger.out).toContain(`ключей ${KEYS.length}`);
    // Given the module, the workbook lays the flow's lines out in its own words and columns.
    const own = await run(['ledger', '--flow', FLOW], env);
    expect(own.code, own.out).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(/Таблица: (.+)/.exec(own.out)![1]!.trim());
    const rows = book.getWorksheet('Учёт')!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1).map((v) => (v == null ? '' : String(v))));
    const [head, ...body] = rows;
    expect(head).toEqual(expect.arrayContaining(['Ключ', 'Номер посещения', 'Состояние', 'Процедура']));
    const at = (name: string) => head!.indexOf(name);
    expect(body.map((r) => [r[at('Ключ')], r[at('Номер посещения')], r[at('Состояние')], r[at('Процедура')]])).toEqual(
      KEYS.map((k, i) => [k, `П-${i + 1}`, 'Отмечено', 'visit-fixture']),
    );
    // A flow's name is no module: refused in Russian, exit 2.
    const named = await run(['ledger', '--flow', 'audit'], env);
    expect(named.code, named.out).toBe(2);
    expect(named.out).toContain('здесь нужен путь к модулю своей процедуры');

    // The target's own secret is nowhere in what navbot wrote: run.json, logs, events, the ledger.
    for (const f of [...filesUnder(path.join(dir, 'reports')), ...filesUnder(path.join(dir, 'state'))]) expect(f.text, f.file).not.toContain(TOKEN);
  });

  it('doctor --flow <path> checks the procedure’s own target (set, an address, answering) and surveys no Navigator', { timeout: 90_000 }, async () => {
    const ready = await run(['doctor', '--flow', FLOW], env);
    expect(ready.code, ready.out).toBe(0);
    expect(ready.out).toContain(`стойка посещений ${desk.url} отвечает`);
    expect(ready.out).toContain('Страницы «стойка посещений» navbot не осматривает (это цель самой процедуры)');
    expect(ready.out).not.toMatch(/публичный сайт|админ-панель|Обзор региона/);
    const { NAVBOT_VISIT_URL: _u, ...rest } = env;
    const unset = await run(['doctor', '--flow', FLOW], rest);
    expect(unset.code, unset.out).toBe(2);
    expect(unset.out).toContain('стойка посещений: не задана настройка NAVBOT_VISIT_URL. Укажите в файле .env.');
    const away = await run(['doctor', '--flow', FLOW], { ...rest, NAVBOT_VISIT_URL: 'http://127.0.0.1:9/' });
    expect(away.code, away.out).toBe(3);
    expect(away.out).toContain('стойка посещений http://127.0.0.1:9/ не отвечает');
    for (const r of [ready, unset, away]) expect(r.out).not.toContain(TOKEN);
  });

  it('a run whose target has no address set stops with exit 2 naming the setting; one whose target does not answer, with exit 3', { timeout: 60_000 }, async () => {
    const { NAVBOT_VISIT_URL: _u, ...rest } = env;
    const r = await run(['run', '--flow', FLOW, queue], rest);
    expect(r.code, r.out).toBe(2);
    expect(r.out).toContain('Не задана настройка NAVBOT_VISIT_URL (стойка посещений)');
    // Set, but nobody answers there: exit 3 naming the target and its address, no stand hint.
    const away = await run(['run', '--flow', FLOW, queue], { ...rest, NAVBOT_VISIT_URL: 'http://127.0.0.1:9/' });
    expect(away.code, away.out).toBe(3);
    expect(away.out).toContain('Недоступен стойка посещений http://127.0.0.1:9/');
    // Set to no address at all (a typo, or a login inside it): named as a setting's error, exit 2, nothing fetched.
    for (const wrong of ['htp:/127.0.0.1/', 'http://desk:secret@127.0.0.1:9/', 'htps://desk:secret@127.0.0.1:9/']) {
      const typo = await run(['run', '--flow', FLOW, queue], { ...rest, NAVBOT_VISIT_URL: wrong });
      expect(typo.code, typo.out).toBe(2);
      expect(typo.out).toContain('Ошибка в настройке NAVBOT_VISIT_URL (стойка посещений)');
      expect(typo.out).not.toContain('desk:secret');
    }
    expect(away.out).toContain('Проверьте адрес в .env');
    expect(away.out).not.toContain('Учебный стенд');
  });
});

describe('no production file names the fixture', () => {
  it('src/ and flows/ never mention the visit procedure, its target or its settings', () => {
    const names = ['visit-fixture', 'visit-desk', 'NAVBOT_VISIT', 'fixtures/flows', 'стойка посещений'];
    const hits = ['src', 'flows'].flatMap((d) =>
      filesUnder(path.join(ROOT, d)).flatMap(({ file, text }) => names.filter((n) => text.includes(n)).map((n) => `${path.relative(ROOT, file)}: ${n}`)),
    );
    expect(hits).toEqual([]);
  });
});
