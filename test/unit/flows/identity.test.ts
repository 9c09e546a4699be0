// The ledger's identity rules (flows/accounting/identity.ts): a queue row against what its key,
// and every other key, sent to the same Navigator before.
import { describe, expect, it } from 'vitest';
import { checkIdentity, looseKey, type IdentityRow, type LedgerRecord } from '../../../flows/accounting/identity.js';

const FILE = '/home/staff/май/очередь.xlsx';

function row(over: Partial<IdentityRow['sent']> & { key?: string; fromTemplate?: boolean } = {}): IdentityRow {
  const key = over.key ?? 'К-1';
  return {
    key,
    keyNorm: key.toLowerCase(),
    rowNumber: 2,
    emailFromTemplate: over.fromTemplate ?? true,
    sent: {
      key: key.toLowerCase(),
      birthDate: over.birthDate ?? '2015-05-05',
      sex: over.sex ?? 'male',
      municipality: over.municipality ?? 'г. Блестящий',
      email: over.email ?? `robot+${key.toLowerCase()}@school.ru`,
    },
  };
}

function record(r: IdentityRow, touched: string[], facts: LedgerRecord['facts'] = {}, file = FILE): LedgerRecord {
  return {
    keyNorm: r.keyNorm,
    binding: {
      content: { birthDate: r.sent.birthDate, sex: r.sent.sex, municipality: r.sent.municipality, email: r.sent.email },
      file,
      row: 7,
      at: '2026-04-03T10:00:00.000Z',
      shownKey: r.key,
    },
    touched: new Set(touched),
    facts,
  };
}

const ALL = ['register', 'addChild', 'clearResident', 'confirmChild', 'issueCertificate'];
const decide = (r: IdentityRow, ...records: LedgerRecord[]) => checkIdentity({ rows: [r], ledger: new Map(records.map((x) => [x.keyNorm, x])), file: FILE }).get(r.keyNorm)!;

describe('checkIdentity', () => {
  it('should let a key the ledger does not know go with what the queue says', () => {
    const r = row();
    expect(decide(r)).toEqual({ kind: 'go', sent: r.sent });
  });

  it('should keep the e-mail a key registered with when the template changed since', () => {
    const was = row();
    const now = row({ email: 'navbot+к-1@other.ru' });
    const d = decide(now, record(was, ['register']));
    expect(d).toMatchObject({ kind: 'go', sent: { email: was.sent.email }, templateChanged: { was: was.sent.email, now: 'navbot+к-1@other.ru' } });
  });

  it('should stop a key whose prepared e-mail changed after registration, naming both', () => {
    const d = decide(row({ email: 'new@school.ru', fromTemplate: false }), record(row(), ['register'], { userId: 41 }));
    expect(d.kind).toBe('refuse');
    if (d.kind !== 'refuse') return;
    expect(d.reason).toContain('new@school.ru');
    expect(d.reason).toContain('robot+к-1@school.ru');
    expect(d.reason).toContain('#41');
    expect(d.action).toContain('новый ключ');
  });

  it('should stop a key whose municipality changed after registration', () => {
    const d = decide(row({ municipality: 'Горный район' }), record(row(), ['register']));
    expect(d).toMatchObject({ kind: 'refuse' });
    if (d.kind === 'refuse') expect(d.reason).toMatch(/«Горный район».*«г\. Блестящий»/);
  });

  it('should hand a changed child to the target check once the child was added, with where it was used', () => {
    const d = decide(row({ birthDate: '2019-07-07', sex: 'female' }), record(row(), ALL, { userId: 5, childId: 6, certificateNumber: '55-0000001' }, '/home/staff/апрель/очередь.xlsx'));
    expect(d).toMatchObject({
      kind: 'go',
      previous: { key: 'К-1', birthDate: '2015-05-05', sex: 'male', sameQueue: false, row: 7, userId: '5', childId: '6', certificateNumber: '55-0000001' },
    });
  });

  it('should let a changed child go without a check while no child was added for the key', () => {
    const d = decide(row({ birthDate: '2019-07-07' }), record(row(), ['register']));
    expect(d).toEqual({ kind: 'go', sent: row({ birthDate: '2019-07-07' }).sent });
  });

  it('should stop a row whose e-mail another key holds, naming that key as typed', () => {
    const twin1 = row({ key: 'Т-1', email: 'semya@mail.ru', fromTemplate: false });
    const twin2 = row({ key: 'Т-2', email: 'semya@mail.ru', fromTemplate: false });
    const d = decide(twin2, record(twin1, ALL));
    expect(d).toMatchObject({ kind: 'refuse' });
    if (d.kind === 'refuse') {
      expect(d.reason).toContain('уже занят ключом «Т-1»');
      expect(d.action).not.toMatch(/исправьте ребенка/i);
    }
  });

  it('should not advise clearing an empty «E-mail» cell when the template’s address is another key’s', () => {
    // «№17» was registered as robot+n17@; «N17» in a later queue, its «E-mail» cell empty, gets the same address.
    const first = row({ key: '№17', email: 'robot+n17@school.ru' });
    const later = row({ key: 'N17', email: 'robot+n17@school.ru', fromTemplate: true });
    const d = decide(later, record(first, ALL));
    expect(d).toMatchObject({ kind: 'refuse' });
    if (d.kind !== 'refuse') return;
    expect(d.reason).toContain('уже занят ключом «№17»');
    expect(d.action).not.toMatch(/очистите/i);
    expect(d.action).toContain('Впишите');
    expect(d.action).toContain('ячейка «E-mail» пуста');
    // A typed address that is taken: clearing the cell is the right advice there.
    const typed = decide(row({ key: 'N17', email: 'robot+n17@school.ru', fromTemplate: false }), record(first, ALL));
    expect(typed).toMatchObject({ kind: 'refuse', action: expect.stringContaining('очистите ячейку') });
  });

  it('should ask about a key that differs from a known one only in punctuation or case, for the same child', () => {
    const d = decide(row({ key: 'F-1' }), record(row({ key: 'F1' }), ALL));
    expect(d).toMatchObject({ kind: 'refuse' });
    if (d.kind === 'refuse') {
      expect(d.reason).toContain('«F-1» похож на ключ «F1»');
      expect(d.action).toContain('«F1»');
    }
  });

  it('should not take a look-alike key for a respelling when its child differs', () => {
    const r = row({ key: 'F-1', birthDate: '2012-01-01' });
    expect(decide(r, record(row({ key: 'F1' }), ALL))).toEqual({ kind: 'go', sent: r.sent });
  });

  it('should let the same key and child come from another queue (a re-queued child)', () => {
    const r = row();
    expect(decide(r, record(r, ALL, {}, '/home/staff/апрель/очередь.xlsx'))).toEqual({ kind: 'go', sent: r.sent });
  });

  it('should compare keys loosely without punctuation, spaces or case', () => {
    expect(looseKey('f-1')).toBe(looseKey('f1'));
    expect(looseKey('№ 17')).toBe('17');
    expect(looseKey('a-1')).not.toBe(looseKey('a-2'));
  });

  it('should ask about two rows of one queue whose keys read alike, for the same child', () => {
    const a = { ...row({ key: '2025-017' }), rowNumber: 2 };
    const b = { ...row({ key: '2025 017' }), rowNumber: 3 };
    const out = checkIdentity({ rows: [a, b], ledger: new Map(), file: FILE });
    expect(out.get(a.keyNorm)).toMatchObject({ kind: 'go' });
    const d = out.get(b.keyNorm)!;
    expect(d).toMatchObject({ kind: 'refuse' });
    if (d.kind === 'refuse') expect(d.reason).toContain('«2025 017» (строка 3) похож на ключ «2025-017» (строка 2)');
    // Different children under alike keys are left alone.
    const c = { ...row({ key: '2025 017', birthDate: '2011-01-01' }), rowNumber: 3 };
    expect(checkIdentity({ rows: [a, c], ledger: new Map(), file: FILE }).get(c.keyNorm)).toMatchObject({ kind: 'go' });
  });
});
