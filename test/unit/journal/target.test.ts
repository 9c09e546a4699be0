// Which Navigator a ledger belongs to, and what a key's entries say about its binding.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeTarget, knownTargets, targetFor } from '../../../src/journal/target.js';
import { Journal } from '../../../src/journal/journal.js';

describe('targetFor', () => {
  it('should give one id to one Navigator however its URLs are written', () => {
    const a = targetFor('http://127.0.0.1:8080/', 'http://127.0.0.1:8080/admin/');
    expect(targetFor('HTTP://127.0.0.1:8080', 'http://127.0.0.1:8080/admin/#activity_order').id).toBe(a.id);
    // The scheme, a default port and the panel's path are not part of a Navigator's identity.
    const region = targetFor('https://p38.навигатор.дети/', 'https://admin.p38.навигатор.дети/');
    expect(targetFor('http://p38.навигатор.дети/', 'https://admin.p38.навигатор.дети:443/panel/').id).toBe(region.id);
    expect(a.id).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
    expect(region.id).toMatch(/^p38-/);
    expect(region.label).toContain('p38.навигатор.дети');
  });

  it('should tell two stands on other ports, and two regions, apart', () => {
    const a = targetFor('http://127.0.0.1:8080/', 'http://127.0.0.1:8080/admin/');
    expect(targetFor('http://127.0.0.1:8090/', 'http://127.0.0.1:8090/admin/').id).not.toBe(a.id);
    expect(targetFor('https://p38.навигатор.дети/', 'https://admin.p38.навигатор.дети/').id).not.toBe(
      targetFor('https://p59.навигатор.дети/', 'https://admin.p59.навигатор.дети/').id,
    );
  });

  it('should list the targets a state folder has ledgers for', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'navbot-target-'));
    const a = targetFor('http://127.0.0.1:8080/', 'http://127.0.0.1:8080/admin/');
    describeTarget(dir, a);
    describeTarget(dir, a);
    expect(knownTargets(dir).map((t) => t.id)).toEqual([a.id]);
  });
});

describe('a key binding in the ledger', () => {
  it('should keep the latest binding and which steps used it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'navbot-bind-'));
    const j = Journal.open(dir, 'ledger-1', { runId: 'r1' });
    const bind = { content: { birthDate: '2015-05-05', sex: 'male', municipality: 'г. Блестящий', email: 'a@b.ru' }, queue: 'q-1', file: '/q.xlsx', row: 2, shownKey: 'К-1' };
    j.recordBinding('к-1', bind);
    j.recordIntent('к-1', 'register', 1);
    j.recordDone('к-1', 'register', { userId: 5 });
    j.recordBinding('к-1', { ...bind, content: { ...bind.content, birthDate: '2015-05-06' } });
    j.close();
    const again = Journal.open(dir, 'ledger-1', { runId: 'r2' });
    const s = again.rowState('к-1');
    expect(s.binding?.content.birthDate).toBe('2015-05-06');
    expect(s.binding?.shownKey).toBe('К-1');
    expect([...s.touched]).toEqual(['register']);
    expect([...s.intended]).toEqual(['register']);
    expect(s.status).toBe('pending');
    again.recordDone('к-1', 'row', { certificateNumber: '55-1' });
    expect(again.rowState('к-1').issued).toMatchObject({ run: 'r2', facts: { certificateNumber: '55-1' } });
  });
});
