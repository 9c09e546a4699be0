// What the ledger says of a key's certificate, and what the step decides where the panel cannot
// show certificates (issue 22 §1).
import { describe, expect, it } from 'vitest';
import { decideRead, decideUnread, memoryOf } from '../../../flows/accounting/certificate-decision.js';
import type { LedgerRecord } from '../../../src/procedure/plugin.js';
import { BusinessError } from '../../../src/core/errors.js';
import { defaultProfile } from '../../../src/config/profile.js';
import { certificateReadProblem } from '../../../flows/accounting/certificate-preflight.js';

const rec = (over: Partial<LedgerRecord>): LedgerRecord => ({ keyNorm: 'k-1', touched: new Set(), facts: {}, ...over });

describe('memoryOf (the ledger)', () => {
  it('a number navbot made is «issued»; a numberless issue too; an intent without an outcome is «save sent»', () => {
    expect(memoryOf(undefined)).toEqual({ saveSent: false });
    expect(memoryOf(rec({ touched: new Set(['issueCertificate']), made: { certificateNumber: '55-1' }, facts: { certificateNumber: '55-1' } }))).toEqual({ issuedNumber: '55-1', saveSent: false });
    expect(memoryOf(rec({ touched: new Set(['issueCertificate']), made: { certificateIssued: true } }))).toEqual({ issuedWithoutNumber: true, saveSent: false });
    expect(memoryOf(rec({ touched: new Set(['register', 'addChild', 'issueCertificate']), facts: { userId: '7', childId: '70' } }))).toEqual({ saveSent: true });
    // Found done (somebody else's number): not an open intent.
    expect(memoryOf(rec({ touched: new Set(['issueCertificate']), facts: { certificateNumber: '55-2' } }))).toEqual({ saveSent: false });
    expect(memoryOf(rec({ touched: new Set(['confirmChild']) }))).toEqual({ saveSent: false });
  });
});

describe('decideUnread', () => {
  it('the ledger\'s number, or «issued without number», else a stop with a reason', () => {
    expect(decideUnread({ issuedNumber: '55-9', saveSent: true }, [], '#1')).toEqual({ facts: { certificateNumber: '55-9' } });
    expect(decideUnread({ issuedWithoutNumber: true, saveSent: false }, [], '#1')).toEqual({ facts: { certificateIssued: true } });
    const maybe = (() => {
      try {
        decideUnread({ saveSent: true }, ['POST /x ответил HTTP 403'], '#1');
      } catch (e) {
        return e as BusinessError;
      }
    })();
    expect(maybe).toBeInstanceOf(BusinessError);
    expect(maybe?.reason).toMatch(/^Сертификат, возможно, уже выдан.*HTTP 403/);
    expect(() => decideUnread(undefined, [], '#1')).toThrow(/не может прочитать, есть ли у ребенка #1 сертификат учета/);
    expect(() => decideUnread({ saveSent: false }, [], '#1')).toThrow(BusinessError);
  });
});

describe('decideRead', () => {
  it('an incomplete source\'s «none» never outweighs a certificate this target saw issued; for a save sent without an answer the source decides', () => {
    const none = { known: true as const, complete: false };
    expect(decideRead({ saveSent: false }, none, '#1')).toBeUndefined();
    // A save sent without an answer: the region's own source saying none decides (one save more).
    expect(decideRead({ saveSent: true }, none, '#1')).toBeUndefined();
    expect(decideRead({ issuedNumber: '55-5', saveSent: true }, none, '#1')).toEqual({ facts: { certificateNumber: '55-5' } });
    expect(decideRead({ issuedWithoutNumber: true, saveSent: false }, none, '#1')).toEqual({ facts: { certificateIssued: true } });
    expect(decideRead({ issuedNumber: '55-3', saveSent: false }, none, '#1')).toEqual({ facts: { certificateNumber: '55-3' } });
    const all = { known: true as const, complete: true };
    expect(decideRead({ saveSent: true }, all, '#1')).toBeUndefined();
    expect(decideRead({ issuedWithoutNumber: true, saveSent: false }, all, '#1')).toEqual({ facts: { certificateIssued: true } });
    expect(decideRead(undefined, { known: true, complete: false, unread: true }, '#1')).toEqual({ facts: { certificateIssued: true } });
    expect(decideRead(undefined, { known: true, complete: false, number: '55-4' }, '#1')).toEqual({ facts: { certificateNumber: '55-4' } });
  });
});

describe('certificateReadProblem (the run\'s start)', () => {
  it('no source at all stops the run naming the keys and doctor; any source, or a phase before the certificate, passes', () => {
    const p = defaultProfile();
    expect(certificateReadProblem(p)).toBeUndefined();
    p.adminData.certificateRead = { recordField: '', grid: false, check: null, list: null };
    expect(certificateReadProblem(p)).toMatch(/adminData\.certificateRead.*navbot doctor --sample-certified/s);
    expect(certificateReadProblem(p, 'register')).toBeUndefined();
    expect(certificateReadProblem(p, 'issueCertificate')).toBeDefined();
    p.adminData.certificateRead.list = { path: '/x/{kid_id}' };
    expect(certificateReadProblem(p)).toBeUndefined();
  });
});
