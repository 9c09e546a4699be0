// Sending the summary: to an SMTP server started by the test (smtp-server), parsed back with
// mailparser as a mail client would; a server that is down only costs a line on stderr and in
// the run's log.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { notifyRun, recipients, runFolders, smtpOptions, startedRunDir } from '../../../src/cli/notify.js';
import { loadSettings, publicSettings } from '../../../src/config/settings.js';
import { LEAKED_SECRET, makeFakeRun } from '../report/fake-run.js';

interface Received {
  from: string;
  to: string[];
  auth?: { user: string; pass: string };
  mail: ParsedMail;
}

let server: SMTPServer;
let port: number;
const inbox: Received[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth(auth, session, cb) {
      (session as unknown as { creds: Received['auth'] }).creds = { user: auth.username ?? '', pass: auth.password ?? '' };
      cb(null, { user: auth.username });
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((mail) => {
          inbox.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            ...((session as unknown as { creds?: Received['auth'] }).creds ? { auth: (session as unknown as { creds: Received['auth'] }).creds } : {}),
            mail,
          });
          cb();
        })
        .catch(cb);
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  port = (server.server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
afterEach(() => {
  inbox.length = 0;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const base = { adminPassword: 'admin-pass-1234', secret: LEAKED_SECRET };

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

async function closedPort(): Promise<number> {
  const probe = net.createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const p = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  return p;
}

describe('notifyRun', () => {
  it('sends the summary with report.xlsx to every address, logging in with the URL’s login', async () => {
    const run = makeFakeRun();
    dirs.push(run.root);
    const c = capture();
    const outcome = await notifyRun({
      settings: { ...base, notifyTo: 'zav@school.ru; it@school.ru', smtpUrl: `smtp://robot%40school.ru:smtp-pass%2F99@127.0.0.1:${port}` },
      file: run.meta.queueFile,
      exitCode: 1,
      runDir: run.runDir,
      ...c.io,
    });
    expect(outcome).toBe('sent');
    expect(c.out).toEqual(['Сводка отправлена: zav@school.ru, it@school.ru.']);
    expect(inbox).toHaveLength(1);
    const got = inbox[0]!;
    expect(got.auth).toEqual({ user: 'robot@school.ru', pass: 'smtp-pass/99' });
    expect(got.from).toBe('robot@school.ru');
    expect(got.to).toEqual(['zav@school.ru', 'it@school.ru']);
    expect(got.mail.subject).toMatch(/^navbot, очередь Очередь май\.xlsx: часть строк не выполнена/);
    expect(got.mail.text).toContain('Ключ А-003 (строка 4) — Ошибка');
    expect(got.mail.text).toContain(`Папка прогона: ${run.runDir}`);
    for (const s of [LEAKED_SECRET, 'smtp-pass/99', 'smtp-pass%2F99', 'admin-pass-1234', 'Иванов Иван']) expect(got.mail.text).not.toContain(s);
    expect(got.mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([['report.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(got.mail.attachments[0]!.content as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(4).getCell(1).value).toBe('А-003');
    expect(fs.readFileSync(path.join(run.runDir, 'navbot.log'), 'utf8')).toContain('Сводка отправлена');
  });

  it('takes the sender from ?from= and sends without a login', async () => {
    const c = capture();
    const outcome = await notifyRun({
      settings: { ...base, notifyTo: 'zav@school.ru', smtpUrl: `smtp://127.0.0.1:${port}/?from=navbot@school.ru` },
      file: 'ночь.xlsx',
      exitCode: 3,
      failure: 'Недоступен публичный сайт',
      ...c.io,
    });
    expect(outcome).toBe('sent');
    expect(inbox[0]!.from).toBe('navbot@school.ru');
    expect(inbox[0]!.auth).toBeUndefined();
    expect(inbox[0]!.mail.subject).toMatch(/прогон не состоялся/);
    expect(inbox[0]!.mail.attachments).toEqual([]);
  });

  it('does not throw when the server is down: says so on stderr and in the run’s log, without the password', async () => {
    const run = makeFakeRun();
    dirs.push(run.root);
    const c = capture();
    const outcome = await notifyRun({
      settings: { ...base, notifyTo: 'zav@school.ru', smtpUrl: `smtp://robot:very-secret-smtp@127.0.0.1:${await closedPort()}` },
      file: run.meta.queueFile,
      exitCode: 1,
      runDir: run.runDir,
      ...c.io,
    });
    expect(outcome).toBe('failed');
    expect(c.out).toEqual([]);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toMatch(/^Сводка по почте не отправлена \(zav@school\.ru\): .*ECONNREFUSED.*Результат прогона от этого не меняется/);
    const log = fs.readFileSync(path.join(run.runDir, 'navbot.log'), 'utf8');
    expect(log).toContain('Сводка по почте не отправлена');
    expect(log + c.err.join('')).not.toContain('very-secret-smtp');
  });

  it('is silent when neither setting is given and warns when only one is', async () => {
    const c = capture();
    expect(await notifyRun({ settings: base, file: 'q.xlsx', exitCode: 0, ...c.io })).toBe('off');
    expect([...c.out, ...c.err]).toEqual([]);
    expect(await notifyRun({ settings: { ...base, notifyTo: 'zav@school.ru' }, file: 'q.xlsx', exitCode: 0, ...c.io })).toBe('failed');
    expect(c.err[0]).toContain('не задан NAVBOT_SMTP_URL');
    expect(inbox).toHaveLength(0);
  });
});

describe('SMTP address and recipients', () => {
  it('reads smtp:// and smtps:// with encoded login, default ports and the sender', () => {
    expect(smtpOptions('smtps://u%40x.ru:p%3Aw@mail.x.ru', ['a@b.ru'])).toMatchObject({
      transport: { host: 'mail.x.ru', port: 465, secure: true, auth: { user: 'u@x.ru', pass: 'p:w' } },
      from: 'u@x.ru',
      password: 'p:w',
    });
    expect(smtpOptions('smtp://relay.local', ['a@b.ru'])).toMatchObject({ transport: { host: 'relay.local', port: 587, secure: false }, from: 'a@b.ru' });
    expect(smtpOptions('smtp://relay.local', ['a@b.ru']).transport.auth).toBeUndefined();
    expect(recipients(' a@b.ru, c@d.ru;e@f.ru ,')).toEqual(['a@b.ru', 'c@d.ru', 'e@f.ru']);
  });

  it('validates both settings and keeps the SMTP password out of the settings stored with a run', () => {
    const s = loadSettings({ NAVBOT_NOTIFY_TO: 'zav@school.ru, it@school.ru', NAVBOT_SMTP_URL: 'smtps://robot%40school.ru:p%40ss-42@smtp.school.ru:465' });
    expect(publicSettings(s).smtpUrl).toBe('smtps://robot%40school.ru:***@smtp.school.ru:465');
    expect(JSON.stringify(publicSettings(s))).not.toContain('p%40ss-42');
    expect(() => loadSettings({ NAVBOT_NOTIFY_TO: 'zav@school.ru, завуч' })).toThrow(/NAVBOT_NOTIFY_TO.*адреса e-mail через запятую/);
    expect(() => loadSettings({ NAVBOT_SMTP_URL: 'https://smtp.school.ru' })).toThrow(/NAVBOT_SMTP_URL.*smtp:\/\/логин:пароль@сервер:587/);
  });

  it('finds the run folder a failed `navbot run` created for its queue, not another queue’s', () => {
    const first = makeFakeRun();
    dirs.push(first.root);
    const before = runFolders(first.reportsDir);
    expect(before.size).toBe(1);
    expect(startedRunDir(first.reportsDir, before, first.meta.queueFile)).toBeUndefined();
    const mine = path.join(first.reportsDir, '29990101-000000-aaaa');
    const other = path.join(first.reportsDir, '29990101-000001-bbbb');
    for (const [dir, queue] of [
      [mine, first.meta.queueFile],
      [other, path.join(first.root, 'другая.xlsx')],
    ] as const) {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ ...first.meta, runId: path.basename(dir), queueFile: queue }));
    }
    expect(startedRunDir(first.reportsDir, before, first.meta.queueFile)).toBe(mine);
  });
});
