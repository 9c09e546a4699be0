// The sample's cabinet on the public site: with --sample and NAVBOT_SAMPLE_PASSWORD, its «ДЕТИ»
// tab (public-forms.ts reads it; a login is the only write); the structure found so far goes into
// the working profile.
import type { Page } from 'playwright';
import type { SurveyContext } from './context.js';
import { emptyStructure, surveyChildrenTab } from './public-forms.js';

/** With a sample and its password: the cabinet's «ДЕТИ» tab (a login is the only write). */
export async function surveyCabinet(sv: SurveyContext, page: Page): Promise<void> {
  const st = (sv.findings.site.structure ??= emptyStructure());
  for (const k of ['forms', 'fieldsBy', 'municipality'] as const) if (st[k] !== null) (sv.work.publicStructure as Record<string, unknown>)[k] = st[k];
  if (!sv.o.sample) return void st.notes.push(`вкладка «${sv.work.publicTexts.childrenTab}» не осмотрена: нужен navbot doctor --sample EMAIL`);
  if (!sv.o.samplePassword) return void st.notes.push(`вкладка «${sv.work.publicTexts.childrenTab}» не осмотрена: не задан NAVBOT_SAMPLE_PASSWORD (пароль кабинета заглушки ${sv.o.sample})`);
  try {
    await surveyChildrenTab(page, { baseUrl: sv.o.publicUrl, profile: sv.work, timeoutMs: sv.o.timeoutMs, email: sv.o.sample, password: sv.o.samplePassword, shot: (name) => sv.shot(page, name) }, st);
    if (st.children) sv.work.publicStructure.children = st.children;
  } catch (e) {
    sv.fail('кабинет заглушки на сайте', e);
  }
}
