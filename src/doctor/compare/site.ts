// Question 9: the public site — its compared texts, municipalities, captcha, e-mail confirmation.
import { compareLists } from '../survey/match.js';
import type { SurveyFindings } from '../survey/types.js';
import { q, type CheckList, type CurrentSettings } from './check.js';

/** Item 9. */
export function siteChecks(f: SurveyFindings, cur: CurrentSettings, out: CheckList): void {
  // 9. The public site.
  out.put(9);
  const s = f.site;
  if (s.municipalities) {
    const d = compareLists(cur.profile.municipalities, s.municipalities);
    const differs = d.missingOnSite.length + d.extraOnSite.length + d.spelledOtherwise.length > 0;
    out.add({
      id: 'site.municipalities',
      item: 9,
      title: 'муниципалитеты сайта и профиля',
      status: differs ? 'mismatch' : 'ok',
      expected: cur.profile.municipalities,
      found: s.municipalities,
      profileKey: 'municipalities',
      ...(differs ? { suggested: s.municipalities } : {}),
      note: `на сайте ${s.municipalities.length}, в профиле ${cur.profile.municipalities.length}`,
      ...(differs
        ? {
            todo: [
              d.missingOnSite.length ? `нет на сайте: ${d.missingOnSite.map(q).join(', ')}` : '',
              d.extraOnSite.length ? `нет в профиле: ${d.extraOnSite.map(q).join(', ')}` : '',
              d.spelledOtherwise.length ? `написаны иначе: ${d.spelledOtherwise.map((x) => `${q(x.profile)} → ${q(x.site)}`).join(', ')}` : '',
              'укажите в профиле municipalities список сайта',
            ]
              .filter(Boolean)
              .join('; '),
          }
        : {}),
    });
  } else if (s.register) {
    out.add({ id: 'site.municipalities', item: 9, title: 'муниципалитеты сайта', status: 'mismatch', expected: 'список на странице регистрации', found: null, todo: 'на странице регистрации не найден список муниципалитетов' });
  }
  const captcha = s.captcha.checkbox ?? s.captcha.widget ?? (s.captcha.siteKey ? `ключ виджета ${s.captcha.siteKey}` : null);
  if (s.register) {
    out.add({
      id: 'site.captcha',
      item: 9,
      title: 'капча при регистрации',
      status: captcha ? 'warning' : 'ok',
      expected: 'нет',
      found: captcha ? s.captcha : 'нет',
      ...(captcha
        ? {
            note: `есть: ${captcha}`,
            todo: 'navbot капчу не проходит — регистрацию на сайте пройдёт человек (navbot подскажет e-mail и пароль строки: navbot password <ключ>), дальше navbot продолжит сам',
          }
        : {}),
    });
    out.add({
      id: 'site.emailConfirmation',
      item: 9,
      title: 'подтверждение e-mail',
      status: 'info',
      expected: 'не обязательно',
      found: s.emailConfirmation ?? 'на страницах не упоминается',
      note: s.emailConfirmation
        ? `сайт пишет: «${s.emailConfirmation}»; navbot подтверждает e-mail заглушки сам (флажок «Проверен» в админ-панели)`
        : 'без регистрации не узнать; если сайт потребует подтверждения, navbot отметит «Проверен» в админ-панели сам',
    });
  }
}
