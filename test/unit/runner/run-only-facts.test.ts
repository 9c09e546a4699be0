// Invariant 7: a fact the layout marks runOnly (a child's old → new values) reaches this run's
// events (its report) and never the ledger, which is kept forever — neither the step's done nor
// the row-level done.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../../src/config/settings.js';
import { EventLog, type RunEvent } from '../../../src/core/events.js';
import { GENERIC_LAYOUT } from '../../../src/core/layout.js';
import { createLogger } from '../../../src/core/logger.js';
import { createRedactor } from '../../../src/core/redact.js';
import { Journal } from '../../../src/journal/journal.js';
import { definePlugin, type RowOffer } from '../../../src/procedure/plugin.js';
import { runQueue } from '../../../src/runner/runner.js';
import type { RowWorker } from '../../../src/runner/worker.js';

const OLD_NEW = '«Отчество»: «Игоревич» → «Игоревна»';

const plugin = (runOnly: boolean) => {
  let done = false;
  return definePlugin<object>({
    name: 'fake',
    title: 'проверка',
    columns: { flow: 'fake', row: 'одна строка', columns: [] },
    uses: ['admin'],
    readOnly: false,
    flow: {
      name: 'fake',
      steps: [
        {
          name: 'fix',
          title: 'исправление',
          probe: async () => undefined,
          act: async () => void (done = true),
          verify: async () => ({ facts: { fixed: String(done), corrected: '«Отчество»', corrections: OLD_NEW } }),
        },
      ],
    },
    layout: { ...GENERIC_LAYOUT, columns: [...GENERIC_LAYOUT.columns, { header: 'Было → стало', fact: 'corrections', id: 'corrections', staffOnly: true, ...(runOnly ? { runOnly } : {}) }] },
    context: () => ({ ctx: {}, release: async () => undefined }),
    outcome: () => ({ status: 'issued' }),
  });
};

class Worker implements RowWorker {
  lastTrace: string | undefined;
  async offer(): Promise<RowOffer> {
    return {} as RowOffer;
  }
  hold(): void {}
  async finish(_k: string, shots: string[]): Promise<string[]> {
    return shots;
  }
  async relogin(): Promise<void> {}
  async discard(): Promise<void> {}
  async close(): Promise<void> {}
}

async function run(runOnly: boolean): Promise<{ ledger: string; end: Extract<RunEvent, { type: 'row-end' }> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'navbot-run-only-'));
  const settings = loadSettings({ NAVBOT_CONCURRENCY: '1' });
  const journal = Journal.open(path.join(dir, 'ledger'), 'target-1', { runId: 'r1', scope: { flow: 'fake', unnamed: false } });
  const seen: RunEvent[] = [];
  const redactor = createRedactor([]);
  const events = new EventLog(path.join(dir, 'events.jsonl'), [(e) => void seen.push(e)], redactor);
  await runQueue({
    settings,
    rows: [{ keyNorm: 'к-1', sent: { key: 'К-1' } }],
    journal,
    events,
    logger: createLogger({ console: false, redactor }),
    redactor,
    runId: 'r1',
    runDir: dir,
    launch: {},
    flow: plugin(runOnly),
    workers: () => [new Worker()],
  });
  journal.close();
  const ledgerDir = path.join(dir, 'ledger');
  const ledger = readdirSync(ledgerDir).map((f) => readFileSync(path.join(ledgerDir, f), 'utf8')).join('');
  return { ledger, end: seen.find((e): e is Extract<RunEvent, { type: 'row-end' }> => e.type === 'row-end')! };
}

describe('run-only facts', () => {
  it('stay in the run’s row-end event and never reach the ledger', async () => {
    const { ledger, end } = await run(true);
    expect(end.status).toBe('issued');
    expect(end.facts).toMatchObject({ corrected: '«Отчество»', corrections: OLD_NEW });
    expect(ledger).toContain('«Отчество»');
    expect(ledger).not.toContain('Игоревна');
  });

  it('without the mark the ledger would keep them (the check above can fail)', async () => {
    expect((await run(false)).ledger).toContain('Игоревна');
  });
});
