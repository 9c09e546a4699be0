// Questions 1–2: the vendor's fingerprint (Ext JS), the login answer and its lifetime, the
// administrator's permissions as the login answer lists them.
import type { SurveyFindings } from '../survey/types.js';
import type { CheckList } from './check.js';

const secs = (s: number) => (s % 60 === 0 && s >= 60 ? `${s / 60} мин` : `${s} с`);

/** Items 1 and 2. */
export function loginChecks(f: SurveyFindings, out: CheckList): void {
  const a = f.admin;
  // 1. Vendor fingerprint, the login answer, the token's lifetime.
  out.add({
    id: 'admin.ext',
    item: 1,
    title: 'админ-панель на Ext JS',
    status: a.ext.present ? 'ok' : f.errors.some((e) => e.unreachable) ? 'skipped' : 'mismatch',
    expected: 'Ext JS (classic)',
    found: a.ext.present ? `Ext JS ${a.ext.version ?? ''}`.trim() : 'нет',
    ...(a.ext.present ? {} : { todo: 'проверьте NAVBOT_ADMIN_URL: navbot работает с админ-панелью «Система управления Навигатором» на Ext JS' }),
  });
  if (a.login) {
    const l = a.login;
    const vendor = l.keys.includes('data') && (l.keys.includes('success') || l.keys.includes('err_code'));
    out.add({
      id: 'admin.loginAnswer',
      item: 1,
      title: 'ответ на вход в админ-панель',
      status: l.status < 400 ? 'info' : 'mismatch',
      expected: 'конверт поставщика { data, success, err_code }',
      found: { status: l.status, keys: l.keys, session: l.session, vendorEnvelope: vendor },
      note: `${vendor ? 'конверт поставщика' : 'не конверт поставщика'}; ${l.session === 'bearer' ? 'токен в ответе (access_token), панель шлёт его в заголовке Authorization' : l.session === 'cookie' ? 'сессия в cookie' : 'способ сессии не виден'}; поля: ${l.keys.join(', ') || '—'}`,
    });
    out.add({
      id: 'admin.tokenLifetime',
      item: 1,
      title: 'срок жизни входа',
      status: l.lifetimeSec !== null && l.lifetimeSec < 300 ? 'warning' : 'info',
      expected: 'около 30 мин (NAVIGATOR.md); navbot входит заново, когда вход истёк',
      found: l.lifetimeSec === null ? 'не указан в ответе' : { seconds: l.lifetimeSec, expiresAt: l.expiresAt },
      note: l.lifetimeSec === null ? 'ответ входа не называет срок: navbot войдёт заново, если панель попросит' : `вход живёт ${secs(l.lifetimeSec)} (до ${l.expiresAt})`,
      ...(l.lifetimeSec !== null && l.lifetimeSec < 300 ? { todo: 'вход живёт меньше 5 минут: navbot будет часто входить заново; это не ошибка, но прогон будет дольше' } : {}),
    });
  } else if (a.ext.present) {
    out.skipped('admin.loginAnswer', 1, 'ответ на вход в админ-панель', a.loggedIn ? 'сессия уже была открыта' : 'вход не выполнен');
  }
  // 2. Permissions (where the login answer lists them).
  if (a.login?.perms) {
    const perms = a.login.perms;
    const users = perms.filter((p) => /siteuser|user/i.test(p));
    const kids = perms.filter((p) => /kid|child|certificate/i.test(p));
    const missing = [users.length ? '' : 'пользователи сайта', kids.length ? '' : 'дети и сертификаты'].filter(Boolean);
    out.add({
      id: 'admin.perms',
      item: 2,
      title: 'права администратора на пользователей и детей',
      status: missing.length ? 'warning' : 'ok',
      expected: 'права на пользователей сайта и на детей (просмотр, правка, подтверждение, выдача сертификата)',
      found: { users, kids, all: perms },
      note: `пользователи: ${users.join(', ') || 'нет'}; дети: ${kids.join(', ') || 'нет'}`,
      ...(missing.length ? { todo: `в ответе входа нет прав на ${missing.join(' и ')}: попросите оператора Навигатора выдать их учётной записи ${'NAVBOT_ADMIN_EMAIL'}` } : {}),
    });
  } else {
    out.add({ id: 'admin.perms', item: 2, title: 'права администратора', status: 'info', expected: 'список прав в ответе входа', found: null, note: 'ответ входа прав не перечисляет: права проверятся на деле (карточки ниже открылись — значит, просмотр есть)' });
  }
}
