// The field kit never keeps a person's name because a button repeats it (review of issue 22 §4):
// a text seen as data (an answer, a field, a cell) or one that looks like a name, an e-mail or a
// phone is never exempt as an interface text.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { MASK, looksPersonal, Scrubber } from '../../../src/doctor/mask.js';
import { SnapshotRecorder } from '../../../src/doctor/snapshot.js';

const URL_ = 'http://stand.test';

async function zipTexts(recorder: SnapshotRecorder): Promise<string> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'snap-')), 'region-snapshot.zip');
  await recorder.write(file, { findings: { admin: { menu: ['Пользователи сайта'] } }, checks: [], exitCode: 0 });
  const zip = await JSZip.loadAsync(readFileSync(file));
  const texts = await Promise.all(Object.values(zip.files).map((f) => f.async('string')));
  return texts.join('\n');
}

describe('snapshot: interface texts that are personal data', () => {
  it('a user-menu button with the signed-in person\'s name from an answer is masked; the interface\'s own buttons stay', async () => {
    const r = new SnapshotRecorder({ publicUrl: URL_, adminUrl: `${URL_}/admin/`, stand: true, navbotVersion: '0', secrets: [] });
    // The login's answer names the operator; the panel's toolbar shows it as a button.
    (r as unknown as { answer: (m: string, u: string, s: number, j: unknown) => void }).answer('POST', `${URL_}/api/user/login`, 200, { data: { user: { name: 'Квасова З.Я.', title: 'Старший методист' } } });
    r.screens.push({
      name: 'admin-users',
      target: 'admin',
      aria: '- button "Квасова З.Я."\n- button "Старший методист"\n- button "Сохранить"\n- button "Златоцвета Ярополковна Квасова"',
      ext: {
        version: '6.2.0',
        items: [
          { xtype: 'button', window: null, text: 'Квасова З.Я.' },
          { xtype: 'button', window: null, text: 'Старший методист' },
          { xtype: 'button', window: null, text: 'Сохранить' },
          // Never seen as a value, but a name all the same.
          { xtype: 'button', window: null, text: 'Златоцвета Ярополковна Квасова' },
          { xtype: 'tab', window: null, text: 'Пользователи сайта' },
        ],
      },
      dom: [],
    });
    const all = await zipTexts(r);
    expect(all).not.toContain('Квасова');
    expect(all).not.toContain('Златоцвета');
    expect(all).not.toContain('Старший методист');
    expect(all).toContain('"Сохранить"');
    expect(all).toContain('Пользователи сайта');
  });

  it('pinned values are never allowed, in either order; names, e-mails and phones never are', () => {
    const s = new Scrubber();
    s.allow('Иванова М.П.');
    s.pin('Иванова М.П.');
    s.pin('Петров');
    s.allow('Петров');
    expect(s.scrub('Иванова М.П. ▾')).toBe(`${MASK} ▾`);
    expect(s.scrub('Петров')).toBe(MASK);
    s.allow('Сидорова А.В.');
    expect(s.scrub('Сидорова А.В.')).toBe(MASK);
    expect(looksPersonal('Мария Петровна Иванова')).toBe(true);
    expect(looksPersonal('ivanova@mail.test')).toBe(true);
    expect(looksPersonal('+7 (916) 123-45-67')).toBe(true);
    expect(looksPersonal('Пользователи сайта')).toBe(false);
    expect(looksPersonal('Без Внесения Данных')).toBe(false);
    expect(looksPersonal('Система управления Навигатором')).toBe(false);
  });
});
