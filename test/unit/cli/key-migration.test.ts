// Ledgers written before issue 21 hold keys in the form the older navbot normalised them to
// («X-01» as Cyrillic «х-01», «AB-7» as «ав-7»), and placeholder accounts have e-mails and
// passwords made from that form. After the change of a key's identity: the old record is found,
// its e-mail and password are kept, and a key an older navbot split in two stops with both named.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { accountingPlugin, ACCOUNTING_LAYOUT } from '../../../flows/accounting/plugin.js';
import { ledgerRecords, mergedKeyRefusal } from '../../../src/journal/records.js';
import { passwordBasis } from '../../../src/cli/commands/password.js';
import { derivePassword } from '../../../src/core/password.js';
import { normaliseKey } from '../../../src/intake/key.js';
import type { Entry } from '../../../src/journal/entry.js';
import { keyForms, ledgerKeyOf } from '../../../src/journal/key-forms.js';
import { ledgerDir, targetFor } from '../../../src/journal/target.js';

const at = '2026-01-01T00:00:00.000Z';
const PUBLIC = 'http://127.0.0.1:8080/';
const ADMIN = 'http://127.0.0.1:8080/admin/';

/** What navbot wrote for a key that earned a user, a child and a certificate. */
function issued(key: string, shownKey: string, email: string, ids: { user: string; child: string; number: string }, flow?: string): Entry[] {
  const f = flow ? { flow } : {};
  return [
    { at, run: 'r0', key, ...f, step: 'row', kind: 'bind', bind: { content: { birthDate: '2016-03-05', sex: 'male', municipality: 'г. Лесной', email }, queue: 'q1', file: '/data/очередь-1.xlsx', row: 2, shownKey } },
    { at, run: 'r0', key, ...f, step: 'register', kind: 'intent', attempt: 1 },
    { at, run: 'r0', key, ...f, step: 'register', kind: 'done', facts: { userId: ids.user } },
    { at, run: 'r0', key, ...f, step: 'addChild', kind: 'intent', attempt: 1 },
    { at, run: 'r0', key, ...f, step: 'addChild', kind: 'done', facts: { childId: ids.child } },
    { at, run: 'r0', key, ...f, step: 'certificate', kind: 'intent', attempt: 1 },
    { at, run: 'r0', key, ...f, step: 'certificate', kind: 'done', facts: { certificateNumber: ids.number } },
    { at, run: 'r0', key, ...f, step: 'row', kind: 'done', facts: { userId: ids.user, childId: ids.child, certificateNumber: ids.number } },
  ];
}

const OLD_X = issued('х-01', 'X-01', 'robot+kh-01@school.ru', { user: '12', child: '70', number: '55-0000134' });

function stateWith(entries: readonly Entry[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'navbot-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const ledger = ledgerDir(dir);
  mkdirSync(ledger, { recursive: true });
  writeFileSync(path.join(ledger, `${targetFor(PUBLIC, ADMIN).id}.jsonl`), entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
  return dir;
}

describe('a ledger written before the key’s identity changed', () => {
  it('finds the old record by the key’s identity, and the row keeps the e-mail it registered with', () => {
    expect(normaliseKey('X-01')).toBe('x-01'); // Latin now; the ledger holds Cyrillic «х-01»
    const ledger = ledgerRecords(OLD_X, normaliseKey);
    expect([...ledger.keys()]).toEqual(['x-01']);
    expect(ledger.get('x-01')).toMatchObject({ keyNorm: 'x-01', facts: { userId: '12', childId: '70', certificateNumber: '55-0000134' } });
    const row = { key: 'X-01', keyNorm: 'x-01', rowNumber: 2, sent: { key: 'x-01', birthDate: '2016-03-05', sex: 'male' as const, municipality: 'г. Лесной', email: 'robot+x-01@school.ru' }, marks: { emailFromTemplate: true } };
    const prepared = accountingPlugin.prepare({ rows: [row], ledger: () => ledger, file: '/data/очередь-2.xlsx' });
    const plan = prepared.rows.get('x-01');
    expect(plan).toMatchObject({ kind: 'go', sent: { email: 'robot+kh-01@school.ru' } });
    // The child the old record holds is this key's, not another's.
    expect((plan as { plan: { claimedChildren: Map<string, string> } }).plan.claimedChildren.get('70')).toBe(row.sent.key);
    expect(prepared.notices.join(' ')).toContain('robot+kh-01@school.ru');
  });

  it('keeps the old password: the basis is the form the ledger holds, for the run and for `navbot password`', () => {
    const forms = keyForms(OLD_X, normaliseKey);
    expect(ledgerKeyOf(forms, 'x-01')).toEqual({ key: 'х-01' });
    const state = stateWith(OLD_X);
    expect(passwordBasis(state, PUBLIC, ADMIN, normaliseKey('X-01'))).toEqual({ kind: 'key', key: 'х-01' });
    expect(passwordBasis(state, PUBLIC, ADMIN, normaliseKey('х-01'))).toEqual({ kind: 'key', key: 'х-01' });
    expect(derivePassword('s', 'х-01')).not.toBe(derivePassword('s', 'x-01'));
    // A key new to the ledger: its identity.
    expect(passwordBasis(state, PUBLIC, ADMIN, normaliseKey('AB-9'))).toEqual({ kind: 'key', key: 'ab-9' });
    // No ledger for this Navigator: said so, the identity is the basis.
    expect(passwordBasis(state, 'http://10.0.0.1/', 'http://10.0.0.1/admin/', 'x-01')).toMatchObject({ kind: 'no-ledger' });
  });

  it('reads the accounting flow’s entries only, named or written before flows had names', () => {
    const named = issued('х-01', 'X-01', 'robot+kh-01@school.ru', { user: '12', child: '70', number: '55-0000134' }, 'accounting-certificate');
    const other = issued('x-01', 'X-01', 'x@school.ru', { user: '99', child: '99', number: '1' }, 'registry-apply');
    expect(passwordBasis(stateWith([...named, ...other]), PUBLIC, ADMIN, 'x-01')).toEqual({ kind: 'key', key: 'х-01' });
  });

  it('a key an older navbot kept under two forms («ав-7» and «ab-7»): no record is picked, the row stops naming both', () => {
    const entries = [
      ...issued('ав-7', 'AB-7', 'robot+av-7@school.ru', { user: '21', child: '81', number: '55-0000134' }),
      ...issued('ab-7', 'ab-7', 'robot+ab-7@school.ru', { user: '22', child: '82', number: '55-0000135' }),
    ];
    expect(ledgerRecords(entries, normaliseKey).has('ab-7')).toBe(false);
    expect(ledgerKeyOf(keyForms(entries, normaliseKey), 'ab-7')).toEqual({ merged: ['ав-7', 'ab-7'] });
    expect(passwordBasis(stateWith(entries), PUBLIC, ADMIN, 'ab-7')).toEqual({ kind: 'merged', forms: ['ав-7', 'ab-7'] });

    const stop = mergedKeyRefusal('Ab-7', ['ав-7', 'ab-7'], entries, ACCOUNTING_LAYOUT);
    expect(stop.kind).toBe('refuse');
    for (const part of ['«Ab-7»', '«AB-7» (в учёте «ав-7»)', 'robot+av-7@school.ru', 'ID пользователя 21', '55-0000134', '«ab-7»', 'robot+ab-7@school.ru', 'ID пользователя 22', '55-0000135', 'очередь-1.xlsx', 'не выбирает']) {
      expect(stop.reason).toContain(part);
    }
    expect(stop.action).toContain('robot+av-7@school.ru и robot+ab-7@school.ru');
    expect(stop.action).toContain('уберите строку из очереди');
  });
});

describe('the other spellings a row looks at before registering', () => {
  const row = (key: string, keyNorm: string, email: string, otherEmails?: string[]) => ({
    key,
    keyNorm,
    rowNumber: 2,
    sent: { key: keyNorm, birthDate: '2016-03-05', sex: 'male' as const, municipality: 'г. Лесной', email },
    marks: { emailFromTemplate: true, ...(otherEmails ? { otherEmails } : {}) },
  });
  const others = (p: ReturnType<typeof accountingPlugin.prepare>, key: string) => (p.rows.get(key) as { plan?: { otherEmails?: string[] } }).plan?.otherEmails;

  it('are carried to the row, except an address another key holds («AV-7» has av-7, the Cyrillic spelling of «AB-7»)', () => {
    const alone = accountingPlugin.prepare({ rows: [row('AB-7', 'ab-7', 'robot+ab-7@school.ru', ['robot+av-7@school.ru'])], ledger: () => new Map(), file: '/q.xlsx' });
    expect(others(alone, 'ab-7')).toEqual(['robot+av-7@school.ru']);
    const withAv = accountingPlugin.prepare({
      rows: [row('AB-7', 'ab-7', 'robot+ab-7@school.ru', ['robot+av-7@school.ru']), { ...row('AV-7', 'av-7', 'robot+av-7@school.ru'), rowNumber: 3 }],
      ledger: () => new Map(),
      file: '/q.xlsx',
    });
    expect(others(withAv, 'ab-7')).toBeUndefined();
    const inLedger = accountingPlugin.prepare({
      rows: [row('AB-7', 'ab-7', 'robot+ab-7@school.ru', ['robot+av-7@school.ru'])],
      ledger: () => ledgerRecords(issued('av-7', 'AV-7', 'robot+av-7@school.ru', { user: '5', child: '50', number: '55-0000100' }), normaliseKey),
      file: '/q.xlsx',
    });
    expect(others(inLedger, 'ab-7')).toBeUndefined();
  });
});
