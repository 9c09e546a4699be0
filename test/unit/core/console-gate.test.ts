// One gate for everything navbot prints, and events masked before any listener sees them.
import { PassThrough } from 'node:stream';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gateStream, maskConsoleWith } from '../../../src/cli/console-gate.js';
import { createRedactor } from '../../../src/core/redact.js';
import { EventLog, type RunEvent } from '../../../src/core/events.js';

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  return () => Buffer.concat(chunks).toString('utf8');
}

describe('the console gate', () => {
  it('should mask strings and buffers written to a gated stream while a mask is registered', () => {
    const stream = new PassThrough();
    const read = collect(stream);
    gateStream(stream);
    const redactor = createRedactor(['Adm1n-Pa55word']);
    const remove = maskConsoleWith(redactor);
    redactor.add('Row-Passw0rd-42');
    stream.write('Остановлено: вход Adm1n-Pa55word не принят\n');
    stream.write(Buffer.from('строка Row-Passw0rd-42 в стеке\n'));
    remove();
    stream.write('после: Adm1n-Pa55word\n');
    const out = read();
    expect(out).toContain('Остановлено: вход *** не принят');
    expect(out).toContain('строка *** в стеке');
    expect(out).not.toMatch(/Adm1n-Pa55word не принят|Row-Passw0rd-42/);
    // Masks registered by a run are removed with it.
    expect(out).toContain('после: Adm1n-Pa55word');
  });
});

describe('EventLog', () => {
  it('should mask an event before the file and every listener see it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'navbot-events-'));
    const file = path.join(dir, 'events.jsonl');
    const redactor = createRedactor([]);
    redactor.add('Row-Passw0rd-42');
    const seen: RunEvent[] = [];
    const log = new EventLog(file, [(e) => seen.push(e)], redactor);
    log.emit({
      type: 'row-end',
      key: 'к-1',
      status: 'failed',
      facts: {},
      attempts: 1,
      ms: 5,
      screenshots: [],
      error: { kind: 'business', reason: 'сайт ответил: Row-Passw0rd-42 не подходит', action: 'войдите с Row-Passw0rd-42' },
    });
    expect(JSON.stringify(seen)).not.toContain('Row-Passw0rd-42');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('Row-Passw0rd-42');
    expect(seen[0]).toMatchObject({ error: { reason: 'сайт ответил: *** не подходит' } });
  });

  it('should go on (listeners too) when the events file cannot be written', () => {
    const seen: RunEvent[] = [];
    const log = new EventLog(path.join(os.tmpdir(), 'no-such-dir-navbot', 'x', 'events.jsonl'), [(e) => seen.push(e)]);
    log.emit({ type: 'stop', reason: 'тест' });
    expect(seen).toHaveLength(1);
    expect(log.lost).toBe(1);
  });
});
