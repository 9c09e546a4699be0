// The region profile (issue 23): each target declares its sections (src/navigator/<target>/profile.ts,
// listed in target-profiles.ts) and config composes them, naming no target. The profile file's
// format — keys, their order, defaults, the Russian wording of a bad file's errors — is what
// regions' files and doctor's profile.suggested.json rely on, and stays as it was.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultProfile, loadProfile, profileSchema } from '../../../src/config/profile.js';
import { ADMIN_PROFILE } from '../../../src/navigator/admin/profile.js';
import { SITE_PROFILE } from '../../../src/navigator/site/profile.js';
import { TARGET_PROFILES } from '../../../src/navigator/target-profiles.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SECTIONS = ['publicPaths', 'publicTexts', 'adminTexts', 'adminData', 'adminStructure', 'publicStructure'];

const loadBad = (data: unknown): string => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'navbot-profile-')), 'bad.json');
  writeFileSync(file, JSON.stringify(data));
  try {
    loadProfile(file);
    return '';
  } catch (e) {
    return (e as Error).message.replace(file, 'FILE');
  }
};

describe('region profile', () => {
  it('keeps the file format: the same keys in the same order, the targets’ sections among them', () => {
    const p = defaultProfile();
    expect(Object.keys(p)).toEqual(['name', 'municipalities', ...SECTIONS, 'placeholder', 'minAge', 'maxAge']);
    expect(Object.keys(TARGET_PROFILES)).toEqual(SECTIONS);
    for (const key of SECTIONS) expect(profileSchema.shape[key as keyof typeof profileSchema.shape]).toBe(TARGET_PROFILES[key as keyof typeof TARGET_PROFILES]);
    expect(Object.keys(SITE_PROFILE).sort()).toEqual(['publicPaths', 'publicStructure', 'publicTexts']);
    expect(Object.keys(ADMIN_PROFILE).sort()).toEqual(['adminData', 'adminStructure', 'adminTexts']);
    expect(p.publicPaths).toEqual({ register: '/', login: '/login', cabinet: '/cabinet' });
    expect(p.publicStructure).toEqual({ forms: 'pages', fieldsBy: 'label', municipality: 'select', children: 'list' });
    expect(p.adminTexts.issueCertificate).toBe('Выдать сертификат');
    expect(p.adminData.certificateRead).toEqual({ recordField: '', grid: true, check: null, list: null });
    expect(p.adminStructure.usersVia).toBe('menu');
    expect(p.placeholder).toEqual({ lastName: 'Без', firstName: 'Внесения', patronymic: 'Данных', phone: '+7 (111) 111-11-11' });
    expect([p.minAge, p.maxAge]).toEqual([5, 17]);
  });

  it('a bad file’s errors are in Russian, in the file’s order across config’s and the targets’ sections', () => {
    expect(loadBad({ adminTexts: { save: 1 }, publicTexts: 3, minAge: -1, maxAge: 40, municipalities: [], name: 5 })).toBe(
      'Файл профиля FILE содержит ошибки: name: нужно текст в кавычках; municipalities: нужно не меньше 1 элементов; publicTexts: нужно объект { … }; adminTexts.save: нужно текст в кавычках; minAge: нужно не меньше 0; maxAge: нужно не больше 18',
    );
    expect(loadBad({ publicStructure: { forms: 'x' }, adminStructure: { usersVia: 2 }, adminData: { certificateRead: { check: { eventId: '' } } }, placeholder: { phone: 7 } })).toBe(
      'Файл профиля FILE содержит ошибки: adminData.certificateRead.check.eventId: нужно не меньше 1 символов; adminStructure.usersVia: недопустимое значение; publicStructure.forms: недопустимое значение; placeholder.phone: нужно текст в кавычках',
    );
  });

  it('config names no target’s section: the targets declare them', () => {
    const dir = path.join(ROOT, 'src/config');
    const named = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => SECTIONS.filter((s) => readFileSync(path.join(dir, f), 'utf8').includes(s)).map((s) => `${f}: ${s}`));
    expect(named).toEqual([]);
  });
});
