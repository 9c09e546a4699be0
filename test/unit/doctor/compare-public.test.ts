// The public site's structure as doctor's checks (issue 22 §3): a difference is a blocking
// mismatch whose value goes into profile.suggested.json; a part not seen is skipped with its reason.
import { describe, expect, it } from 'vitest';
import { publicStructureChecks } from '../../../src/doctor/compare/public.js';
import { suggestedProfile } from '../../../src/doctor/compare/suggestion.js';
import { surveyExitCode } from '../../../src/doctor/compare/checks.js';
import { defaultProfile, profileSchema } from '../../../src/config/profile.js';
import { emptyStructure } from '../../../src/doctor/survey/public-forms.js';
import { parseVariants, standSettings } from '../../../src/stand/settings.js';

describe('publicStructureChecks', () => {
  const current = defaultProfile().publicStructure;

  it('the training stand as seen: all ok, nothing suggested', () => {
    const checks = publicStructureChecks({ ...emptyStructure(), forms: 'pages', fieldsBy: 'label', municipality: 'select', children: 'list' }, current);
    expect(checks.map((c) => c.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(surveyExitCode(checks)).toBe(0);
    expect(suggestedProfile(defaultProfile(), checks)).not.toHaveProperty('publicStructure');
  });

  it('a modal with placeholders and a custom list: mismatches, and the suggested profile carries them', () => {
    const checks = publicStructureChecks({ ...emptyStructure(), forms: 'modal', fieldsBy: 'placeholder', municipality: 'list', children: 'form' }, current);
    expect(checks.filter((c) => c.status === 'mismatch').map((c) => c.profileKey)).toEqual([
      'publicStructure.forms',
      'publicStructure.fieldsBy',
      'publicStructure.municipality',
      'publicStructure.children',
    ]);
    expect(surveyExitCode(checks)).toBe(2);
    const suggested = suggestedProfile(defaultProfile(), checks);
    expect(suggested.publicStructure).toEqual({ forms: 'modal', fieldsBy: 'placeholder', municipality: 'list', children: 'form' });
    expect(profileSchema.parse(suggested).publicStructure.children).toBe('form');
  });

  it('the «ДЕТИ» tab not seen (no password): skipped with the reason, the profile keeps its value', () => {
    const found = { ...emptyStructure(), forms: 'pages' as const, fieldsBy: 'label' as const, municipality: 'select' as const, notes: ['вкладка «ДЕТИ» не осмотрена: не задан NAVBOT_SAMPLE_PASSWORD'] };
    const children = publicStructureChecks(found, current).find((c) => c.id === 'publicStructure.children')!;
    expect(children).toMatchObject({ status: 'skipped', ok: true });
    expect(children.todo).toContain('NAVBOT_SAMPLE_PASSWORD');
    expect(suggestedProfile(defaultProfile(), publicStructureChecks(found, current))).not.toHaveProperty('publicStructure');
  });

  it('nothing surveyed: no checks', () => {
    expect(publicStructureChecks(undefined, current)).toEqual([]);
  });
});

describe('stand variants modal-register and kids-form', () => {
  it('set the public site structure and combine', () => {
    expect(parseVariants('modal-register,kids-form')).toEqual(['modal-register', 'kids-form']);
    const both = standSettings({ variants: ['modal-register', 'kids-form', 'captcha-widget'] });
    expect(both).toMatchObject({ publicForms: 'modal', publicChildren: 'form', rules: { captchaWidget: true } });
    expect(standSettings({})).toMatchObject({ publicForms: 'pages', publicChildren: 'list' });
  });
});
