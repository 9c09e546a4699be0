// The morning summary of a real run: navbot run against the stand, the e-mail received by an
// SMTP server the test starts, read back as a mail client would; then the same run with the mail
// server down ends with the same exit code.
import { test, expect } from '@playwright/test';
import net from 'node:net';
import path from 'node:path';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { makeQueue, navbotEnv, runDirs, runNavbot, tempDir, useStand } from './support/navbot.js';

const target = useStand();

async function mailServer(): Promise<{ port: number; inbox: Array<{ to: string[]; mail: ParsedMail }>; close(): Promise<void> }> {
  const inbox: Array<{ to: string[]; mail: ParsedMail }> = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth: (auth, _session, cb) => (auth.password === 'smtp-pass-777' ? cb(null, { user: auth.username }) : cb(new Error('bad login'))),
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((mail) => {
          inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          cb();
        })
        .catch(cb);
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  return {
    port: (server.server.address() as net.AddressInfo).port,
    inbox,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

test('a run ends with the summary e-mail: totals, the row that needs a person, report.xlsx; a mail server down changes nothing', async () => {
  test.setTimeout(240_000);
  const dir = tempDir();
  await target.client.addUser({ email: 'sidorova@school.ru', lastName: 'Сидорова', firstName: 'Анна' });
  const file = await makeQueue(path.join(dir, 'ночная очередь.xlsx'), [
    { key: 'Н-1', birth: '01.03.2015', sex: 'Женский', realName: 'Иванова Дарья' },
    { key: 'Н-2', birth: '02.03.2015', sex: 'Мужской', email: 'sidorova@school.ru', realName: 'Сидоров Пётр' },
  ]);
  const secret = 'night-secret-for-the-summary-test-42';
  const smtp = await mailServer();
  try {
    const env = navbotEnv(target.url, dir, {
      NAVBOT_SECRET: secret,
      NAVBOT_NOTIFY_TO: 'zav@school.ru, it@school.ru',
      NAVBOT_SMTP_URL: `smtp://robot%40school.ru:smtp-pass-777@127.0.0.1:${smtp.port}`,
    });
    const run = await runNavbot(['run', file], env);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain('Сводка отправлена: zav@school.ru, it@school.ru.');
    const runDir = runDirs(dir).at(-1)!;

    expect(smtp.inbox).toHaveLength(1);
    const { to, mail } = smtp.inbox[0]!;
    expect(to).toEqual(['zav@school.ru', 'it@school.ru']);
    expect(mail.subject).toBe('[УЧЕБНЫЙ СТЕНД — сертификаты не настоящие] navbot, очередь ночная очередь.xlsx: часть строк не выполнена — выдано 1, ошибок 1, нужен человек');
    const text = mail.text ?? '';
    expect(text).toContain('Итог по строкам (всего 2):\n  Выдан — 1\n  Уже был выдан — 0\n  Ошибка — 1\n');
    expect(text).toContain('Нужен человек — 1 строка:\n1. Ключ Н-2 (строка 3) — Ошибка\n   Причина: ');
    expect(text).toMatch(/Причина: .*уже занят настоящим пользователем/);
    expect(text).toMatch(/Что делать: .*другой e-mail/);
    expect(text).not.toContain('Ключ Н-1');
    expect(text).toContain(`Папка прогона: ${runDir}`);
    for (const s of [secret, 'stand-admin', 'smtp-pass-777', 'Иванова Дарья', 'Сидоров Пётр']) expect(text, s).not.toContain(s);

    expect(mail.attachments.map((a) => a.filename)).toEqual(['report.xlsx']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(mail.attachments[0]!.content as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0]).not.toContain('ФИО (для себя)');
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ['Н-1', 'Выдан'],
      ['Н-2', 'Ошибка'],
    ]);
    const state = await target.client.state();
    expect(rows[1]![2]).toBe(state.certificates[0]!.number);
    const attached = JSON.stringify(rows);
    for (const s of ['Иванова Дарья', 'Сидоров Пётр', secret, 'smtp-pass-777']) expect(attached, s).not.toContain(s);
    // The report in the run folder is the staff's own: it keeps their column.
    const own = new ExcelJS.Workbook();
    await own.xlsx.readFile(path.join(runDir, 'report.xlsx'));
    expect((own.worksheets[0]!.getRow(1).values as unknown[]).map(String)).toContain('ФИО (для себя)');
    expect(readFileSync(path.join(runDir, 'navbot.log'), 'utf8')).toContain('Сводка отправлена');
  } finally {
    await smtp.close();
  }

  // The same queue again, the mail server gone: the run's exit code is the run's own.
  const down = await runNavbot(
    ['run', file],
    navbotEnv(target.url, dir, { NAVBOT_SECRET: secret, NAVBOT_NOTIFY_TO: 'zav@school.ru', NAVBOT_SMTP_URL: `smtp://robot%40school.ru:smtp-pass-777@127.0.0.1:${smtp.port}` }),
  );
  expect(down.code, down.stdout + down.stderr).toBe(1);
  expect(down.stderr).toMatch(/Сводка по почте не отправлена \(zav@school\.ru\): .*Результат прогона от этого не меняется/);
  expect(down.stderr).not.toContain('smtp-pass-777');
  const second = runDirs(dir).at(-1)!;
  expect(readFileSync(path.join(second, 'navbot.log'), 'utf8')).toContain('Сводка по почте не отправлена');
});
