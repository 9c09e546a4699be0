// What the certificate step takes from the panel (issue 22 §1 review): an object of the
// accounting type with an empty number is a certificate whose number is unread, never «none»;
// cancelled and deleted certificates are not counted; only the save's own answer, with success
// said or not denied, is the save's.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { defaultProfile } from '../../../src/config/profile.js';
import { PanelDriver, sameRequest, type Outcome } from '../../../src/navigator/admin/driver.js';
import { certificatesOf, readCertificates } from '../../../src/navigator/admin/certificate-read.js';
import { MissingElementError } from '../../../src/core/errors.js';

const d = { profile: defaultProfile() };

describe('certificatesOf', () => {
  it('an object with the number key empty is a certificate whose number is unread, not «none»', () => {
    expect(certificatesOf(d, { category_name: 'Сертификат учета', number: null })).toEqual([{ type: 'Сертификат учета', number: '' }]);
    expect(certificatesOf(d, { category_name: 'Сертификат учета', number: '  ' })).toEqual([{ type: 'Сертификат учета', number: '' }]);
    expect(certificatesOf(d, [{ category_name: 'Сертификат учета', number: '' }])).toEqual([{ type: 'Сертификат учета', number: '' }]);
    // No certificate at all: the check's `data: null`, an empty object.
    expect(certificatesOf(d, null)).toEqual([]);
    expect(certificatesOf(d, {})).toEqual([]);
    // Not certificates: no number key.
    expect(certificatesOf(d, { id: 1 })).toBeNull();
  });

  it('cancelled and deleted certificates are not counted as issued (field names from the profile)', () => {
    expect(certificatesOf(d, { category_name: 'Сертификат учета', number: '55-1', is_cancelled: true })).toEqual([]);
    expect(certificatesOf(d, [{ category_name: 'Сертификат учета', number: '55-1', is_deleted: 1 }, { category_name: 'Сертификат учета', number: '55-2', is_deleted: 0, is_cancelled: false }])).toEqual([
      { type: 'Сертификат учета', number: '55-2' },
    ]);
    const p = defaultProfile();
    p.adminData.certificateFields.cancelled = 'annulled';
    expect(certificatesOf({ profile: p }, { category_name: 'Сертификат учета', number: '55-1', annulled: '1' })).toEqual([]);
  });
});

/** A page whose Ext.Ajax and kept write answers are given. */
function fakePage(o: { answers?: unknown[]; ajax?: { status: number; body: unknown } }): Page {
  return {
    evaluate: async (fn: unknown) => (String(fn).includes('__navbotProbe') ? o.answers ?? [] : o.ajax),
  } as unknown as Page;
}

const outcome = { writesBefore: 0 } as Outcome;
const save = { method: 'POST', path: '/api/rest/certificate' };

describe('the save\'s own answer', () => {
  it('matches the save request by method and path, not another write after the click', () => {
    expect(sameRequest({ method: 'POST', url: '/api/rest/certificate?_dc=1' }, save)).toBe(true);
    expect(sameRequest({ method: 'POST', url: 'https://x.example/api/rest/certificate' }, save)).toBe(true);
    expect(sameRequest({ method: 'POST', url: '/api/pfdod/billing/check/event/certificate/kid/70?eventId=5' }, save)).toBe(false);
    expect(sameRequest({ method: 'PUT', url: '/api/rest/certificate' }, save)).toBe(false);
    expect(sameRequest({ method: 'POST', url: '/api/kid/70/certificate' }, { method: 'POST', path: '/api/kid/{kid_id}/certificate' })).toBe(true);
    expect(sameRequest({ method: 'POST', url: '/api/rest/certificate' }, { method: 'POST', path: '' })).toBe(false);
  });

  it('a POST check answered after the save is not the save\'s answer; a denied success is none', async () => {
    const check = { n: 2, method: 'POST', url: '/api/pfdod/billing/check/event/certificate/kid/70?eventId=5', status: 200, body: { success: true, data: { id: 9, number: null } } };
    const denied = { n: 1, method: 'POST', url: '/api/rest/certificate', status: 200, body: { error: 'Нет прав', data: { id: 1 } } };
    const driver = new PanelDriver(fakePage({ answers: [denied, check] }), defaultProfile(), 1000);
    expect(await driver.answer(outcome, save)).toBeUndefined();
    const ok = { ...denied, body: { success: true, data: { id: 1, number: '55-1' } } };
    const driver2 = new PanelDriver(fakePage({ answers: [ok, check] }), defaultProfile(), 1000);
    expect(await driver2.answer(outcome, save)).toEqual({ id: 1, number: '55-1' });
  });
});

describe('a configured endpoint that is not there', () => {
  it('404/405 stops the run (MissingElementError naming the path), not a row-level «cannot read»', async () => {
    const p = defaultProfile();
    p.adminData.certificateRead = { recordField: '', grid: false, check: { path: '/api/check/kid/{kid_id}', eventId: '5' }, list: null };
    for (const status of [404, 405]) {
      const driver = new PanelDriver(fakePage({ ajax: { status, body: null } }), p, 1000);
      const e = await readCertificates(driver, 'Редактирование ребенка', '70', false).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(MissingElementError);
      expect((e as MissingElementError).reason).toContain('POST /api/check/kid/70');
    }
  });
});
