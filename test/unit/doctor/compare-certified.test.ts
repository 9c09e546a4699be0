// `doctor --sample-certified`: only sources seen showing the number are suggested (issue 22 §1).
import { describe, expect, it } from 'vitest';
import { certifiedCheck } from '../../../src/doctor/compare/certified.js';
import { suggestedProfile } from '../../../src/doctor/compare/suggestion.js';
import { defaultProfile } from '../../../src/config/profile.js';
import { suggestion, type CertifiedFinding } from '../../../src/doctor/survey/certified.js';

const profile = defaultProfile();
const none = { record: null, grid: null, check: null, list: null };

describe('suggestion', () => {
  it('names only the sources that showed a number; the check only with its event id', () => {
    expect(suggestion(none, { profile })).toBeNull();
    expect(suggestion({ ...none, grid: { where: 'Сертификаты', numbers: [] }, list: { where: '/x', numbers: [], error: 'HTTP 405' } }, { profile })).toBeNull();
    expect(suggestion({ ...none, check: { where: '/c/{kid_id}', numbers: ['55-1'] }, list: { where: '/x', numbers: [], error: 'HTTP 405' } }, { profile, eventId: '9' })).toEqual({
      recordField: '',
      grid: false,
      check: { path: '/c/{kid_id}', eventId: '9' },
      list: null,
    });
    expect(suggestion({ record: { where: 'certificates', numbers: ['55-1'] }, grid: { where: 'Сертификаты', numbers: ['55-1'] }, check: null, list: { where: '/l/{kid_id}', numbers: ['55-1'] } }, { profile })).toEqual({
      recordField: 'certificates',
      grid: true,
      check: null,
      list: { path: '/l/{kid_id}' },
    });
  });
});

describe('certifiedCheck', () => {
  const base: CertifiedFinding = { email: 'a@b.c', userId: '1', childId: '2', sources: none, currentWorks: false, suggested: null };
  it('ok where the profile already sees it; a suggestion that lands in profile.suggested.json; nothing suggested when nothing showed', () => {
    expect(certifiedCheck({ ...base, currentWorks: true })).toMatchObject({ status: 'ok', ok: true });
    const blind = certifiedCheck({ ...base, error: 'ни один источник не показал номер' });
    expect(blind).toMatchObject({ status: 'mismatch', ok: false });
    expect(blind.suggested).toBeUndefined();
    expect(suggestedProfile(profile, [blind])).not.toHaveProperty('adminData');
    const read = { recordField: '', grid: false, check: { path: '/c/{kid_id}', eventId: '9' }, list: null };
    const found = certifiedCheck({ ...base, sources: { ...none, check: { where: '/c/{kid_id}', numbers: ['55-1'] } }, suggested: read });
    expect(found.note).toContain('55-1');
    const other = certifiedCheck({ ...base, sources: { ...none, record: { where: 'document', numbers: [], others: ['birth'] } }, error: 'ни один источник не показал номер' });
    expect(other.note).toContain('поле записи «document»: сертификата учёта нет, только другого типа (birth)');
    expect((suggestedProfile(profile, [found]) as { adminData: { certificateRead: unknown } }).adminData.certificateRead).toEqual(read);
  });
});
