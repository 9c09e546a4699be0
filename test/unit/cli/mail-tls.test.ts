// The summary e-mail at rest and in transit (issue 24, item 4): smtp:// requires STARTTLS (a
// server without it never sees AUTH), TLS 1.2 at least, plain only to this computer; the registry
// flows' reasons and values (children's names, document numbers) never go into the mail.
import fs from 'node:fs';
import { once } from 'node:events';
import net from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpOptions } from '../../../src/cli/notify.js';
import { isLoopbackHost, isLoopbackUrl } from '../../../src/config/loopback.js';
import { loadModel } from '../../../src/report/build.js';
import { buildSummaryMail } from '../../../src/report/summary-mail.js';
import { createRedactor } from '../../../src/core/redact.js';
import { REGISTRY_ACCEPT_LAYOUT } from '../../../flows/registry/accept.js';
import { REGISTRY_APPLY_LAYOUT } from '../../../flows/registry/apply.js';
import { makeFakeRun } from '../report/fake-run.js';

let server: SMTPServer;
let port: number;
const auths: string[] = [];
beforeAll(async () => {
  server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _s, cb) {
      auths.push(auth.password ?? '');
      cb(null, { user: auth.username });
    },
    onData(stream, _s, cb) {
      stream.resume();
      stream.on('end', () => cb());
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  port = (server.server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('SMTP transport', () => {
  it('smtp:// to another host requires STARTTLS and TLS 1.2; to this computer plain is allowed; smtps:// is TLS', () => {
    expect(smtpOptions('smtp://u:p@mail.school.ru', ['a@b.ru']).transport).toMatchObject({ secure: false, requireTLS: true, tls: { minVersion: 'TLSv1.2' } });
    expect(smtpOptions('smtp://u:p@127.0.0.1:25', ['a@b.ru']).transport).toMatchObject({ requireTLS: false, tls: { minVersion: 'TLSv1.2' } });
    expect(smtpOptions('smtp://[::1]:25', ['a@b.ru']).transport).toMatchObject({ requireTLS: false });
    expect(smtpOptions('smtp://127.0.0.1.evil.example:25', ['a@b.ru']).transport).toMatchObject({ requireTLS: true });
    expect(smtpOptions('smtps://u:p@mail.school.ru', ['a@b.ru']).transport).toMatchObject({ secure: true, tls: { minVersion: 'TLSv1.2' } });
  });

  it('a server without STARTTLS never receives the password: the send fails before AUTH', async () => {
    const { transport } = smtpOptions('smtp://robot:clear-text-pass@mail.school.ru:25', ['a@b.ru']);
    const t = nodemailer.createTransport({ ...transport, host: '127.0.0.1', port });
    await expect(t.sendMail({ from: 'robot@school.ru', to: 'a@b.ru', subject: 's', text: 't' })).rejects.toThrow(/STARTTLS/i);
    t.close();
    expect(auths).toEqual([]);
  });
});

describe('loopback by address, not by prefix', () => {
  it('knows 127/8, ::1, mapped and localhost; not names that merely start with 127.', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '[::1]', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'LOCALHOST.']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['127.0.0.1.evil.example', '127.evil', '10.0.0.1', '::2', 'localhost.evil.example', '::ffff:10.0.0.1', '']) expect(isLoopbackHost(h), h).toBe(false);
    expect(isLoopbackUrl('http://127.0.0.1.evil.example/')).toBe(false);
    expect(isLoopbackUrl('http://[::1]:8080/')).toBe(true);
  });
});

describe('summary e-mail of a registry flow', () => {
  it('the registry layouts mark their reasons personal', () => {
    expect(REGISTRY_APPLY_LAYOUT.personalReasons).toBe(true);
    expect(REGISTRY_ACCEPT_LAYOUT.personalReasons).toBe(true);
  });

  it('carries keys, statuses, counts and where the full report is — no reasons, values or e-mails', async () => {
    const run = makeFakeRun();
    try {
      const model = loadModel(run.runDir);
      const personal = { ...model, layout: { ...model.layout, personalReasons: true } };
      const failed = personal.rows.find((r) => r.status === 'failed')!;
      failed.reason = 'Заявка на Иванову Марию Петровну (свидетельство II-АБ 123456) уже есть';
      failed.action = 'Сверьте номер документа 123456';
      for (const r of personal.rows) r.values = { certificateNumber: '50-999999' };
      const mail = await buildSummaryMail({ model: personal, exitCode: 1, queueFile: 'q.xlsx', runDir: run.runDir, redact: createRedactor([]), host: 'pc' });
      expect(mail.text).toContain(`Ключ ${failed.key} (строка ${failed.rowNumber}) — `);
      expect(mail.text).toContain(`они в полном отчёте ${run.runDir}/report.html на этом компьютере`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(mail.attachments[0]!.content as unknown as ArrayBuffer);
      const cells: string[] = [];
      for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.text))));
      for (const leaked of ['Иванову', '123456', '50-999999', 'robot+']) {
        expect(mail.text).not.toContain(leaked);
        expect(cells.join('\n')).not.toContain(leaked);
      }
      expect(cells).toContain(failed.key);
    } finally {
      fs.rmSync(run.root, { recursive: true, force: true });
    }
  });
});
