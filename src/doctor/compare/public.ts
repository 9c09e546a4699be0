// `navbot doctor`: the public site's structure as checks (item 9). Each part the survey saw
// (forms on pages or in a modal, fields by label or placeholder, municipality select or list,
// «ДЕТИ» as a list or the form at once) is compared with profile.publicStructure; a difference is
// a mismatch whose value goes into profile.suggested.json (publicStructure.*). A part not seen
// (no sample, no NAVBOT_SAMPLE_PASSWORD) is skipped with the reason.
import type { Profile } from '../../config/profile.js';
import type { PublicStructureFinding } from '../survey/public-forms.js';
import type { SurveyCheck } from './check.js';

type Structure = Profile['publicStructure'];

const TITLE: Record<keyof Structure, string> = {
  forms: 'публичный сайт: формы регистрации и входа (pages — свои страницы, modal — вкладки одного окна)',
  fieldsBy: 'публичный сайт: поля форм (label — по подписи, placeholder — по подсказке в поле)',
  municipality: 'публичный сайт: выбор муниципалитета (select — выпадающий список, list — свой список по щелчку)',
  children: 'публичный сайт: вкладка «ДЕТИ» (list — список и кнопка добавления, form — форма ребёнка сразу)',
};

export function publicStructureChecks(found: PublicStructureFinding | undefined, current: Structure): SurveyCheck[] {
  if (!found) return [];
  const out: SurveyCheck[] = [];
  for (const key of ['forms', 'fieldsBy', 'municipality', 'children'] as const) {
    const seen = found[key];
    const base = { id: `publicStructure.${key}`, item: 9, title: TITLE[key], expected: current[key], found: seen, profileKey: `publicStructure.${key}` };
    if (seen === null) {
      const why = key === 'children' ? found.notes.find((n) => n.includes('«')) : found.notes[0];
      out.push({ ...base, status: 'skipped', ok: true, todo: `не проверено${why ? `: ${why}` : ''}` });
    } else if (seen === current[key]) {
      out.push({ ...base, status: 'ok', ok: true });
    } else {
      out.push({
        ...base,
        status: 'mismatch',
        ok: false,
        suggested: seen,
        todo: `в регионе «${seen}», в профиле «${current[key]}»: используйте profile.suggested.json (publicStructure.${key})`,
      });
    }
  }
  return out;
}
