// Questions 3–6: the menu, the users section and how the panel is built (adminStructure), the
// users table, the sample user's card, the «Дети» tab.
import type { Profile } from '../../config/profile.js';
import { structureFrom } from '../survey/structure.js';
import type { SurveyFindings } from '../survey/types.js';
import type { CheckList, CurrentSettings, SurveyCheck } from './check.js';

const ID_KIND: Record<string, string> = { number: 'числа', digits: 'строки из цифр', uuid: 'UUID (строки)', text: 'строки', none: 'нет' };

/** Items 3 to 6 (their compared texts included). */
export function usersChecks(f: SurveyFindings, cur: CurrentSettings, out: CheckList): void {
  const a = f.admin;
  if (a.skipped.menu) out.skipped('admin.menu', 3, 'меню админ-панели', a.skipped.menu);
  out.put(3);
  if (a.section) {
    out.add({
      id: 'admin.section',
      item: 3,
      title: 'раздел пользователей сайта — таблица Ext JS',
      status: a.section.ext ? 'ok' : 'mismatch',
      expected: 'таблица Ext JS',
      found: a.section.ext ? `таблица Ext JS «${a.section.title}»` : 'таблица Ext JS не появилась (раздел, возможно, на React)',
      ...(a.section.ext ? {} : { todo: 'этот раздел navbot прочитать не может: сообщите разработчикам navbot (снимок экрана — в папке обзора)' }),
    });
  } else if (a.skipped.section) out.skipped('admin.section', 3, 'раздел пользователей сайта', a.skipped.section);
  if (a.structure) out.checks.push(...structureChecks(a.structure, cur.profile));
  out.put(4);
  if (a.section?.ext) {
    out.add({ id: 'admin.paging', item: 4, title: 'строка листания таблицы', status: 'info', expected: 'Отображаются записи 1 - 25 из N', found: a.section.paging, note: `${a.section.paging ? `«${a.section.paging}»; ` : ''}пользователей: ${a.section.total ?? a.section.rows}; столбцы: ${a.section.columns.map((c) => c.text + (c.hidden ? ' (скрыт)' : '')).join(', ')}` });
  }
  if (a.user) {
    out.add({
      id: 'admin.sample',
      item: 5,
      title: a.user.how === 'sample' ? `образец --sample ${cur.sample ?? a.user.email}` : 'образец: первый пользователь в таблице',
      status: a.user.placeholder === false && a.user.how === 'sample' ? 'warning' : 'info',
      expected: 'пользователь-заглушка',
      found: { id: a.user.id, email: a.user.email, placeholder: a.user.placeholder },
      note: `#${a.user.id} ${a.user.email}${a.user.placeholder === null ? '' : a.user.placeholder ? ' (заглушка)' : ' (не заглушка: только прочитан)'}`,
    });
  } else if (a.skipped.user) {
    const notFound = cur.sample !== undefined && f.errors.some((e) => e.stage.startsWith('образец'));
    if (!notFound) out.skipped('admin.sample', 5, 'карточка пользователя', a.skipped.user);
  }
  out.put(5);
  if (a.userCard) {
    out.add({
      id: 'admin.userFlags',
      item: 5,
      title: '«Резидент РФ» и «Проверен» образца',
      status: 'info',
      expected: 'читаются из записи карточки',
      found: { resident: a.userCard.resident, verified: a.userCard.verified, fromRecord: a.userCard.fromRecord },
      note: `Резидент РФ: ${a.userCard.resident === null ? '?' : a.userCard.resident ? 'да' : 'нет'}, Проверен: ${a.userCard.verified === null ? '?' : a.userCard.verified ? 'да' : 'нет'} (${a.userCard.fromRecord ? 'из записи панели' : 'с флажков на экране'}); кнопки: ${a.userCard.buttons.join(', ')}; карточка закрыта без сохранения`,
    });
  } else if (a.skipped.userCard && a.user) out.skipped('admin.userCard', 5, 'карточка пользователя', a.skipped.userCard);
  out.put(6);
  if (a.kids) {
    out.add({
      id: 'admin.kidIds',
      item: 6,
      title: 'id детей в записях вкладки',
      status: a.kids.count === 0 ? 'info' : a.kids.fromRecords ? 'ok' : 'warning',
      expected: `поле записи ${cur.profile.adminData.kidFields.id}`,
      found: { idKind: a.kids.idKind, children: a.kids.count, fields: a.kids.recordFields },
      note: `детей: ${a.kids.count}; id — ${ID_KIND[a.kids.idKind]}; столбцы: ${a.kids.columns.map((c) => c.text).join(', ')}`,
      ...(a.kids.count > 0 && !a.kids.fromRecords ? { todo: `в записях нет поля ${cur.profile.adminData.kidFields.id}: navbot читает id из столбца «ID»; если его нет — укажите поле в профиле adminData.kidFields.id` } : {}),
    });
  } else if (a.skipped.kids) out.skipped('admin.kids', 6, 'вкладка «Дети»', a.skipped.kids);
}

const STRUCTURE_TITLES: Record<string, string> = {
  menuButton: 'меню разделов: дерево или кнопка, открывающая меню (рабочий стол)',
  usersInWindow: 'список пользователей сайта: на странице или в окне',
  searchBy: 'поле поиска в списке пользователей: по подсказке в поле или по подписи',
  searchButton: 'кнопка поиска',
  questionWindows: 'вопрос «Да»/«Нет»: окно сообщения или окно панели',
  refusalWindows: 'отказ панели: окно сообщения или окно ошибки',
};

/** How the panel is built (issue 22 §2–3): a check per adminStructure key that differs from the profile. */
function structureChecks(s: NonNullable<SurveyFindings['admin']['structure']>, profile: Profile): SurveyCheck[] {
  const current = profile.adminStructure;
  const found = structureFrom(s, current);
  const out: SurveyCheck[] = [];
  for (const [key, value] of Object.entries(found) as Array<[keyof typeof current, unknown]>) {
    if (JSON.stringify(value) === JSON.stringify(current[key])) continue;
    const dialogs = key === 'questionWindows' || key === 'refusalWindows';
    out.push({
      id: `admin.structure.${key}`,
      item: 3,
      title: STRUCTURE_TITLES[key] ?? key,
      // The dialogs doctor cannot see: proposed from public sources, navbot copes either way.
      status: dialogs ? 'info' : 'mismatch',
      ok: dialogs,
      expected: current[key],
      found: value,
      profileKey: `adminStructure.${key}`,
      suggested: value,
      ...(dialogs ? { propose: true, note: s.dialogs.note } : { todo: 'панель устроена иначе, чем в профиле: используйте profile.suggested.json (NAVBOT_PROFILE)' }),
    });
  }
  return out;
}
