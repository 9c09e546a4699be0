import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, LOG_FILE, silentLogger } from '../../../src/core/logger.js';
import { createRedactor } from '../../../src/core/redact.js';

const SECRET = 'Zq8mN4pRt6Wx2K';

function capture() {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  return { stream, text: () => chunks.join('') };
}

describe('createLogger', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-log-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('should keep secrets out of the file and the console', async () => {
    const redactor = createRedactor(['stand-admin']);
    const con = capture();
    const log = createLogger({ runDir: dir, level: 'debug', console: true, redactor, stream: con.stream, color: false });
    redactor.add(SECRET);
    const row = log.child({ part: 'runner', rowKey: '2025-017', step: 'account' });
    row.info(`вход с паролем ${SECRET}`, { form: { email: 'a@b.ru', password: 'typed-by-hand' }, url: `https://x/?p=${SECRET}` });
    row.error('строка не выполнена', new Error(`login ${SECRET} / stand-admin refused`), { attempt: 3 });
    row.retry('повтор', new Error(`timeout ${SECRET}`), { attempt: 1 });
    // The row ends and its password is forgotten while the lines may still be in winston's streams.
    redactor.forget(SECRET);
    await log.close();

    const file = fs.readFileSync(path.join(dir, LOG_FILE), 'utf8');
    const lines = file.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    for (const text of [file, con.text()]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('stand-admin');
      expect(text).not.toContain('typed-by-hand');
      expect(text).toContain('***');
    }
    expect(lines[0]).toMatchObject({ level: 'info', part: 'runner', rowKey: '2025-017', step: 'account' });
    expect((lines[1]!.error as { stack: string }).stack).toMatch(/at /);
    expect(lines[2]).toMatchObject({ level: 'warn', reason: 'timeout ***' });
    expect(lines[2]!.error).toBeUndefined();
  });

  it('should print short Russian console lines with the context', async () => {
    const con = capture();
    const log = createLogger({ console: true, level: 'info', redactor: createRedactor(), stream: con.stream, color: false });
    log.child({ part: 'runner', rowKey: '17', step: 'child' }).retry('попытка не удалась, повтор', new Error('таймаут\nстек'), { attempt: 2 });
    log.debug('не видно');
    await log.close();
    expect(con.text()).toMatch(/^\d\d:\d\d:\d\d внимание \[runner · строка 17 · child\] попытка не удалась, повтор \(попытка 2\) — таймаут\n$/);
  });

  it('should accept data in place of an error, as winston callers do', async () => {
    const con = capture();
    const log = createLogger({ console: true, redactor: createRedactor([SECRET]), stream: con.stream, color: false });
    log.error('сбой', { error: `stack with ${SECRET}` });
    await log.close();
    expect(con.text()).toContain('stack with ***');
  });

  it('should offer a silent logger for tests', async () => {
    const log = silentLogger();
    log.child({ part: 'runner' }).error('x', new Error('y'));
    await expect(log.close()).resolves.toBeUndefined();
  });
});
