// `navbot doctor`: what the survey found (src/doctor/survey/), turned into checks a staff
// member reads (Russian, ✓/✗, what to do), the survey.json record, the suggested profile and the
// exit code. Pure functions: no browser, no files.
import { defaultProfile, profileSchema, type Profile } from '../../config/profile.js';
import { compareLists, median, type TextFinding } from '../survey/match.js';
import type { SurveyFindings } from '../survey/types.js';
import { structureFrom } from '../survey/structure.js';
import { CODE } from '../codes.js';

/**
 * ok: as navbot needs it; spelling: the region writes it otherwise but navbot copes (the
 * suggested profile records the region's spelling); mismatch: navbot would fail here (exit 2);
 * warning: navbot works, a person should know; skipped: not looked at (why in `found`/`todo`);
 * unreachable: the target stopped answering (exit 3); info: a fact, nothing to judge.
 */
export type CheckStatus = 'ok' | 'spelling' | 'mismatch' | 'warning' | 'skipped' | 'unreachable' | 'info';

export interface SurveyCheck {
  /** Stable id: the profile key for texts (`adminTexts.menuSiteUsers`), else a name (`admin.ext`). */
  id: string;
  /** Which of the issue's ten questions it answers (1–10). */
  item: number;
  /** What was checked, for staff. */
  title: string;
  status: CheckStatus;
  /** Does not stop navbot (ok, spelling, warning, skipped, info). */
  ok: boolean;
  expected: unknown;
  found: unknown;
  /** The profile key this check reads, when it is a profile value. */
  profileKey?: string;
  /** The value for the suggested profile (the region's), when it differs. */
  suggested?: unknown;
  /** Goes into the suggested profile although navbot copes without it (info). */
  propose?: boolean;
  /** What to do (Russian). */
  todo?: string;
  note?: string;
}

export const ITEMS: Record<number, string> = {
  1: 'Поставщик и вход',
  2: 'Права администратора',
  3: 'Меню',
  4: 'Таблица пользователей сайта',
  5: 'Карточка пользователя',
  6: 'Вкладка «Дети»',
  7: 'Карточка ребёнка',
  8: 'Выдача сертификата (окно открыто и закрыто без сохранения)',
  9: 'Публичный сайт',
  10: 'Скорость ответа',
};

/** Which question a text belongs to, by where it was looked for. */
function itemOf(f: TextFinding): number {
  const k = f.key;
  if (k.startsWith('publicTexts.')) return 9;
  if (/^adminTexts\.login/.test(k)) return 1;
  if (k === 'adminTexts.menuSiteUsers') return 3;
  if (f.where.startsWith('таблица пользователей') || f.where.startsWith('поле поиска')) return 4;
  if (f.where.includes('вкладка')) return 6;
  if (f.where.startsWith('карточка пользователя') || f.where.startsWith('заголовок карточки пользователя')) return 5;
  if (f.where.includes('ребёнка')) return 7;
  return 8;
}

const q = (s: unknown) => `«${String(s)}»`;

/** A profile text compared with the region → a check. */
export function textCheck(f: TextFinding): SurveyCheck {
  const base = { id: `${f.key}@${f.where}`, item: itemOf(f), title: `${f.where}: ${q(f.expected)}`, expected: f.expected, found: f.found, profileKey: f.key, ...(f.note ? { note: f.note } : {}) };
  switch (f.status) {
    case 'same':
      return { ...base, status: 'ok', ok: true };
    case 'unchecked':
      return { ...base, status: 'skipped', ok: true, todo: f.note ?? 'не проверено' };
    case 'spelling':
      return f.works
        ? { ...base, status: 'spelling', ok: true, ...(f.suggest === false ? {} : { suggested: f.found }), note: f.note ?? `в регионе написано ${q(f.found)}: navbot сравнивает без учёта ё и регистра и справится` }
        : {
            ...base,
            status: 'mismatch',
            ok: false,
            ...(f.suggest === false ? {} : { suggested: f.found }),
            todo: `укажите в профиле ${f.key}: ${q(f.found)} (на сайте буква ё/е стоит иначе, а сайт navbot ищет надпись буква в букву)`,
          };
    case 'renamed':
      return {
        ...base,
        status: 'mismatch',
        ok: false,
        ...(f.suggest === false ? {} : { suggested: f.found }),
        todo: f.suggest === false ? (f.note ?? 'надписи на двух экранах расходятся') : `укажите в профиле ${f.key}: ${q(f.found)}`,
      };
    case 'missing':
      return {
        ...base,
        status: 'mismatch',
        ok: false,
        todo: `на экране нет ни ${q(f.expected)}, ни похожей надписи${f.seen && f.seen.length ? ` (есть: ${f.seen.map(q).join(', ')})` : ''}; найдите её в регионе и укажите в профиле ${f.key}`,
      };
  }
}

export interface Pace {
  medianMs: number;
  samples: number;
  actionsPerSecond: number;
  timeoutMs: number;
}

/**
 * The pace a region's answer time suggests: a timeout of at least ten answers (never below the
 * default), and at most one action per second — when answers take longer than a second, one
 * action per answer time, so that requests never pile up on a slow server.
 */
export function suggestPace(samples: readonly number[], defaults: { timeoutMs: number; actionsPerSecond: number }): Pace {
  const m = Math.round(median(samples));
  const timeoutMs = Math.min(600_000, Math.max(defaults.timeoutMs, Math.ceil((10 * m) / 1000) * 1000));
  const actionsPerSecond = m <= 1000 ? Math.min(1, defaults.actionsPerSecond) : Math.max(0.01, Math.floor(100_000 / m) / 100);
  return { medianMs: m, samples: samples.length, actionsPerSecond, timeoutMs };
}

export interface CurrentSettings {
  timeoutMs: number;
  actionsPerSecond: number;
  profile: Profile;
  sample?: string;
}

const secs = (s: number) => (s % 60 === 0 && s >= 60 ? `${s / 60} мин` : `${s} с`);
const ID_KIND: Record<string, string> = { number: 'числа', digits: 'строки из цифр', uuid: 'UUID (строки)', text: 'строки', none: 'нет' };

/** Every check of the survey, in the issue's order. */
export function buildChecks(f: SurveyFindings, cur: CurrentSettings, defaults: { timeoutMs: number; actionsPerSecond: number }): { checks: SurveyCheck[]; pace: Pace } {
  const checks: SurveyCheck[] = [];
  const add = (c: Omit<SurveyCheck, 'ok'> & { ok?: boolean }) =>
    checks.push({ ...c, ok: c.ok ?? !(c.status === 'mismatch' || c.status === 'unreachable') });
  const a = f.admin;
  const skipped = (id: string, item: number, title: string, why: string) => add({ id, item, title, status: 'skipped', expected: null, found: null, todo: `не проверено: ${why}` });

  // 1. Vendor fingerprint, the login answer, the token's lifetime.
  add({
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
    add({
      id: 'admin.loginAnswer',
      item: 1,
      title: 'ответ на вход в админ-панель',
      status: l.status < 400 ? 'info' : 'mismatch',
      expected: 'конверт поставщика { data, success, err_code }',
      found: { status: l.status, keys: l.keys, session: l.session, vendorEnvelope: vendor },
      note: `${vendor ? 'конверт поставщика' : 'не конверт поставщика'}; ${l.session === 'bearer' ? 'токен в ответе (access_token), панель шлёт его в заголовке Authorization' : l.session === 'cookie' ? 'сессия в cookie' : 'способ сессии не виден'}; поля: ${l.keys.join(', ') || '—'}`,
    });
    add({
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
    skipped('admin.loginAnswer', 1, 'ответ на вход в админ-панель', a.loggedIn ? 'сессия уже была открыта' : 'вход не выполнен');
  }
  // 2. Permissions (where the login answer lists them).
  if (a.login?.perms) {
    const perms = a.login.perms;
    const users = perms.filter((p) => /siteuser|user/i.test(p));
    const kids = perms.filter((p) => /kid|child|certificate/i.test(p));
    const missing = [users.length ? '' : 'пользователи сайта', kids.length ? '' : 'дети и сертификаты'].filter(Boolean);
    add({
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
    add({ id: 'admin.perms', item: 2, title: 'права администратора', status: 'info', expected: 'список прав в ответе входа', found: null, note: 'ответ входа прав не перечисляет: права проверятся на деле (карточки ниже открылись — значит, просмотр есть)' });
  }
  // 3–8: texts compared on each screen, plus the facts of each screen.
  const texts = f.texts.map(textCheck);
  const put = (item: number) => checks.push(...texts.filter((c) => c.item === item));
  put(1);
  if (a.skipped.menu) skipped('admin.menu', 3, 'меню админ-панели', a.skipped.menu);
  put(3);
  if (a.section) {
    add({
      id: 'admin.section',
      item: 3,
      title: 'раздел пользователей сайта — таблица Ext JS',
      status: a.section.ext ? 'ok' : 'mismatch',
      expected: 'таблица Ext JS',
      found: a.section.ext ? `таблица Ext JS «${a.section.title}»` : 'таблица Ext JS не появилась (раздел, возможно, на React)',
      ...(a.section.ext ? {} : { todo: 'этот раздел navbot прочитать не может: сообщите разработчикам navbot (снимок экрана — в папке обзора)' }),
    });
  } else if (a.skipped.section) skipped('admin.section', 3, 'раздел пользователей сайта', a.skipped.section);
  if (a.structure) checks.push(...structureChecks(a.structure, cur.profile));
  put(4);
  if (a.section?.ext) {
    add({ id: 'admin.paging', item: 4, title: 'строка листания таблицы', status: 'info', expected: 'Отображаются записи 1 - 25 из N', found: a.section.paging, note: `${a.section.paging ? `«${a.section.paging}»; ` : ''}пользователей: ${a.section.total ?? a.section.rows}; столбцы: ${a.section.columns.map((c) => c.text + (c.hidden ? ' (скрыт)' : '')).join(', ')}` });
  }
  if (a.user) {
    add({
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
    if (!notFound) skipped('admin.sample', 5, 'карточка пользователя', a.skipped.user);
  }
  put(5);
  if (a.userCard) {
    add({
      id: 'admin.userFlags',
      item: 5,
      title: '«Резидент РФ» и «Проверен» образца',
      status: 'info',
      expected: 'читаются из записи карточки',
      found: { resident: a.userCard.resident, verified: a.userCard.verified, fromRecord: a.userCard.fromRecord },
      note: `Резидент РФ: ${a.userCard.resident === null ? '?' : a.userCard.resident ? 'да' : 'нет'}, Проверен: ${a.userCard.verified === null ? '?' : a.userCard.verified ? 'да' : 'нет'} (${a.userCard.fromRecord ? 'из записи панели' : 'с флажков на экране'}); кнопки: ${a.userCard.buttons.join(', ')}; карточка закрыта без сохранения`,
    });
  } else if (a.skipped.userCard && a.user) skipped('admin.userCard', 5, 'карточка пользователя', a.skipped.userCard);
  put(6);
  if (a.kids) {
    add({
      id: 'admin.kidIds',
      item: 6,
      title: 'id детей в записях вкладки',
      status: a.kids.count === 0 ? 'info' : a.kids.fromRecords ? 'ok' : 'warning',
      expected: `поле записи ${cur.profile.adminData.kidFields.id}`,
      found: { idKind: a.kids.idKind, children: a.kids.count, fields: a.kids.recordFields },
      note: `детей: ${a.kids.count}; id — ${ID_KIND[a.kids.idKind]}; столбцы: ${a.kids.columns.map((c) => c.text).join(', ')}`,
      ...(a.kids.count > 0 && !a.kids.fromRecords ? { todo: `в записях нет поля ${cur.profile.adminData.kidFields.id}: navbot читает id из столбца «ID»; если его нет — укажите поле в профиле adminData.kidFields.id` } : {}),
    });
  } else if (a.skipped.kids) skipped('admin.kids', 6, 'вкладка «Дети»', a.skipped.kids);
  put(7);
  if (a.child) {
    const c = a.child;
    add({
      id: 'admin.childRead',
      item: 7,
      title: 'карточка ребёнка читается',
      status: c.readError ? 'mismatch' : 'ok',
      expected: 'дата рождения, пол, подтверждён ли',
      found: c.readError ?? { fromRecord: c.fromRecord, confirmed: c.confirmed },
      note: `${c.fromRecord ? 'из записи панели' : 'с полей карточки'}; кнопки: ${c.buttons.join(', ')}`,
      ...(c.readError ? { todo: `navbot не смог прочитать ребёнка: ${c.readError}` } : {}),
    });
    const conf = c.confirmation;
    add({
      id: 'admin.confirmation',
      item: 7,
      title: 'как показано подтверждение',
      status: conf.recordField || conf.statusShown ? 'ok' : 'mismatch',
      expected: `поле записи ${cur.profile.adminData.kidFields.approved} или строка «${cur.profile.adminTexts.confirmationStatus}»`,
      found: conf,
      note: `${conf.block ? `блок «${conf.block}»: ${conf.labels.join(', ') || 'пусто (ребёнок не подтверждён)'}` : 'блока подтверждения нет'}; ${conf.recordField ? 'navbot читает запись' : conf.statusShown ? 'navbot читает строку статуса' : ''}`,
      ...(conf.recordField || conf.statusShown ? {} : { todo: `ни записи, ни строки «${cur.profile.adminTexts.confirmationStatus}»: укажите в профиле adminData.kidFields.approved или adminTexts.confirmationStatus` }),
    });
    // The profile's certificate sources (adminData.certificateRead) asked on this child: they
    // answered (with or without a certificate), or navbot would stop every row at the certificate.
    const cert = c.certificates;
    const readOk = cert.endpoint.error === null;
    const r = cur.profile.adminData.certificateRead;
    const configured = [r.recordField && `поле записи «${r.recordField}»`, r.grid && `таблица «${cur.profile.adminTexts.certificates}»`, r.check && `проверка ${r.check.path}?eventId=${r.check.eventId}`, r.list && `список ${r.list.path}`].filter(Boolean).join(', ');
    add({
      id: 'admin.certificatesShown',
      item: 7,
      title: 'где видны сертификаты ребёнка',
      status: readOk ? 'ok' : 'mismatch',
      expected: `профиль adminData.certificateRead: ${configured || 'ничего не указано'}`,
      found: cert,
      note: [
        readOk ? `источники профиля ответили (сертификатов у этого ребёнка: ${cert.endpoint.count})` : `источники профиля не ответили: ${cert.endpoint.error}`,
        cert.grid ? `в карточке есть таблица «${cert.grid.title}» (${cert.grid.columns.join(', ')})` : 'таблицы сертификатов в карточке нет',
      ].join('; '),
      ...(readOk
        ? {}
        : { todo: 'navbot не увидит, выдан ли сертификат, и не будет выдавать: укажите в профиле adminData.certificateRead (recordField, grid, check {path, eventId} или list {path}); где панель показывает номер, найдёт navbot doctor --sample-certified EMAIL [--event-id ID] (пользователь, у ребёнка которого сертификат точно есть)' }),
    });
  } else if (a.skipped.child) skipped('admin.child', 7, 'карточка ребёнка', a.skipped.child);
  put(8);
  if (a.dialog) {
    add({
      id: 'admin.certificateTypes',
      item: 8,
      title: 'типы сертификата в списке',
      status: a.dialog.items.length ? 'info' : 'mismatch',
      expected: `среди них ${q(cur.profile.adminTexts.accountingCertificate)}`,
      found: a.dialog.items,
      note: a.dialog.items.join(', ') || 'список пуст',
    });
    add({
      id: 'admin.dialogClosed',
      item: 8,
      title: 'окно закрыто без сохранения',
      status: a.dialog.closed ? 'ok' : 'warning',
      expected: '«Отмена» / крестик, не «Сохранить»',
      found: a.dialog.closed ? 'закрыто' : 'не закрылось',
      ...(a.dialog.closed ? {} : { todo: 'окно «Новый сертификат» не закрылось: закройте его в админ-панели кнопкой «Отмена» (ничего не сохранялось)' }),
    });
  } else if (a.skipped.dialog) skipped('admin.dialog', 8, 'выдача сертификата', a.skipped.dialog);
  // 9. The public site.
  put(9);
  const s = f.site;
  if (s.municipalities) {
    const d = compareLists(cur.profile.municipalities, s.municipalities);
    const differs = d.missingOnSite.length + d.extraOnSite.length + d.spelledOtherwise.length > 0;
    add({
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
    add({ id: 'site.municipalities', item: 9, title: 'муниципалитеты сайта', status: 'mismatch', expected: 'список на странице регистрации', found: null, todo: 'на странице регистрации не найден список муниципалитетов' });
  }
  const captcha = s.captcha.checkbox ?? s.captcha.widget ?? (s.captcha.siteKey ? `ключ виджета ${s.captcha.siteKey}` : null);
  if (s.register) {
    add({
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
    add({
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
  // 10. Answer time.
  const pace = suggestPace(f.timing, defaults);
  const slowTimeout = cur.timeoutMs < 10 * pace.medianMs;
  const tooFast = pace.medianMs > 1000 && cur.actionsPerSecond > pace.actionsPerSecond;
  add({
    id: 'timing',
    item: 10,
    title: 'время ответа (медиана GET)',
    status: f.timing.length === 0 ? 'skipped' : slowTimeout || tooFast ? 'warning' : 'ok',
    expected: `NAVBOT_TIMEOUT_MS ≥ 10 × медиана, NAVBOT_ACTIONS_PER_SECOND ≤ ${pace.actionsPerSecond}`,
    found: { medianMs: pace.medianMs, samples: pace.samples, timeoutMs: cur.timeoutMs, actionsPerSecond: cur.actionsPerSecond },
    suggested: { NAVBOT_ACTIONS_PER_SECOND: pace.actionsPerSecond, NAVBOT_TIMEOUT_MS: pace.timeoutMs },
    note: `медиана ${pace.medianMs} мс по ${pace.samples} запросам; предлагается NAVBOT_ACTIONS_PER_SECOND=${pace.actionsPerSecond}, NAVBOT_TIMEOUT_MS=${pace.timeoutMs}`,
    ...(slowTimeout || tooFast
      ? { todo: `укажите в .env NAVBOT_TIMEOUT_MS=${Math.max(pace.timeoutMs, cur.timeoutMs)}${tooFast ? ` и NAVBOT_ACTIONS_PER_SECOND=${pace.actionsPerSecond}` : ''}: регион отвечает медленно` }
      : {}),
  });
  // Whatever stopped a step.
  for (const e of f.errors) {
    add({
      id: `error.${e.stage}`,
      item: 0,
      title: e.stage,
      status: e.unreachable ? 'unreachable' : 'mismatch',
      expected: 'шаг выполнен',
      found: e.message,
      todo: e.unreachable
        ? 'Навигатор не ответил как следует: проверьте сеть и запустите navbot doctor позже'
        : 'посмотрите снимок экрана этого шага в папке обзора; если экран устроен иначе, чем ждёт navbot, укажите надписи в профиле или сообщите разработчикам navbot',
    });
  }
  return { checks, pace };
}

/** 0 ready, 2 a mismatch (the profile or settings must change), 3 the target stopped answering. */
export function surveyExitCode(checks: readonly SurveyCheck[]): number {
  if (checks.some((c) => c.status === 'mismatch')) return CODE.invalid;
  if (checks.some((c) => c.status === 'unreachable')) return CODE.unreachable;
  return CODE.ok;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The parts of `value` that differ from `base` (objects recursively; lists and texts whole). */
export function differences(value: unknown, base: unknown): unknown {
  if (isObject(value) && isObject(base)) {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      const d = differences(v, base[k]);
      if (d !== undefined) out[k] = d;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return JSON.stringify(value) === JSON.stringify(base) ? undefined : value;
}

function setPath(target: Json, key: string, value: unknown): void {
  const parts = key.split('.');
  let at = target;
  for (const p of parts.slice(0, -1)) {
    if (!isObject(at[p])) at[p] = {};
    at = at[p] as Json;
  }
  at[parts.at(-1)!] = value;
}

/** What doctor appends to the profile's name in its suggestion: « — по обзору navbot doctor 2026-12-06 (http://…)». */
const SURVEY_SUFFIX = / — по обзору navbot doctor \d{4}-\d{2}-\d{2} \(.*\)$/u;

/**
 * The suggested profile's name: the profile's own name and the latest survey. A profile that was
 * itself suggested loses its earlier suffix first, so the name does not grow each round.
 */
export function suggestedName(current: string, day: string, url: string): string {
  let base = current;
  while (SURVEY_SUFFIX.test(base)) base = base.replace(SURVEY_SUFFIX, '');
  return `${base} — по обзору navbot doctor ${day} (${url})`;
}

/**
 * The profile to use next: what the current profile already says differently from the defaults,
 * plus what the survey found differing (only those keys), in the format `loadProfile` reads.
 */
export function suggestedProfile(current: Profile, checks: readonly SurveyCheck[], name?: string): Json {
  const out = (differences(current, defaultProfile()) as Json | undefined) ?? {};
  for (const c of checks) {
    if (c.profileKey && c.suggested !== undefined && (c.status === 'mismatch' || c.status === 'spelling' || c.propose)) setPath(out, c.profileKey, c.suggested);
  }
  if (name) out.name = name;
  // Only what loadProfile accepts: parse to be sure, write what was built.
  profileSchema.parse(out);
  return out;
}

/** The differences for the summary: profile key, profile's text, region's text, and whether navbot copes. */
export function differencesList(checks: readonly SurveyCheck[]): Array<{ key: string; expected: unknown; found: unknown; blocking: boolean; where: string }> {
  const seen = new Set<string>();
  const out: Array<{ key: string; expected: unknown; found: unknown; blocking: boolean; where: string }> = [];
  for (const c of checks) {
    if (!c.profileKey || !(c.status === 'mismatch' || c.status === 'spelling')) continue;
    const id = `${c.profileKey}=${JSON.stringify(c.found)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ key: c.profileKey, expected: c.expected, found: c.found, blocking: c.status === 'mismatch', where: c.title.split(':')[0]! });
  }
  return out;
}

const MARK: Record<CheckStatus, string> = { ok: '✓', spelling: '✓', info: '✓', mismatch: '✗', unreachable: '✗', warning: '!', skipped: '–' };

const short = (v: unknown) => {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.length > 6 ? `${v.slice(0, 6).join(', ')}… (${v.length})` : v.join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

/** One line for a check (Russian). */
export function checkLine(c: SurveyCheck): string {
  const mark = MARK[c.status];
  if (c.status === 'mismatch' || c.status === 'unreachable') {
    const found = c.profileKey && typeof c.expected === 'string' ? ` — в регионе ${c.found === null ? 'нет' : q(c.found)}` : c.found !== null && typeof c.found !== 'object' ? ` — ${c.found}` : '';
    return `${mark} ${c.title}${found}. Что делать: ${c.todo ?? 'см. survey.json'}`;
  }
  if (c.status === 'spelling') return `${mark} ${c.title} — в регионе ${q(c.found)} (только написание: navbot справится)`;
  if (c.status === 'skipped') return `${mark} ${c.title} — ${c.todo ?? 'не проверено'}`;
  if (c.status === 'warning') return `${mark} ${c.title}${c.note ? ` — ${c.note}` : ''}${c.todo ? `. Что делать: ${c.todo}` : ''}`;
  const tail = c.note ?? (c.profileKey ? '' : short(c.found));
  return `${mark} ${c.title}${tail ? ` — ${tail}` : ''}`;
}

/** The Russian summary: checks by question, the differences, what to do, the verdict. */
export function summaryLines(checks: readonly SurveyCheck[], o: { dir: string; suggestedFile: string; pace: Pace; exitCode: number }): string[] {
  const lines: string[] = [];
  for (const item of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
    const mine = checks.filter((c) => c.item === item);
    if (!mine.length) continue;
    lines.push(`${item}. ${ITEMS[item]}`);
    // Texts as in the profile: one line per screen; everything else one line each, in order.
    const groups = new Map<string, SurveyCheck[]>();
    for (const c of mine) {
      if (c.status === 'ok' && c.profileKey && typeof c.expected === 'string') {
        const where = `${c.title.split(':')[0]}${c.note ? ` — ${c.note}` : ''}`;
        if (!groups.has(where)) {
          groups.set(where, []);
          lines.push(`\u0000${where}`);
        }
        groups.get(where)!.push(c);
      } else lines.push(`  ${checkLine(c)}`);
    }
    for (const [where, list] of groups) {
      const [place, note] = where.split(' — ');
      const i = lines.indexOf(`\u0000${where}`);
      lines[i] = `  ✓ ${place}: ${list.map((c) => q(c.expected)).join(', ')}${note ? ` — ${note}` : ''}`;
    }
  }
  const stops = checks.filter((c) => c.item === 0);
  if (stops.length) {
    lines.push('Не удалось пройти');
    for (const c of stops) lines.push(`  ${checkLine(c)}`);
  }
  const diffs = differencesList(checks);
  if (diffs.length) {
    lines.push(`Отличия от профиля (${diffs.length}):`);
    for (const d of diffs) {
      lines.push(`  ${d.blocking ? '✗' : '✓'} ${d.key}: в профиле ${q(short(d.expected))}, в регионе ${q(short(d.found))}${d.blocking ? '' : ' (только написание — navbot справится)'}`);
    }
    const blocking = diffs.filter((d) => d.blocking);
    if (blocking.length) {
      lines.push(`Что делать: используйте profile.suggested.json: NAVBOT_PROFILE=${o.suggestedFile}`);
      lines.push('  (в нём профиль с тем, что найдено в регионе; проверьте его и запустите navbot doctor ещё раз)');
    } else {
      lines.push(`Можно записать написание региона в профиль: NAVBOT_PROFILE=${o.suggestedFile}`);
    }
  }
  lines.push(`Скорость: медиана ответа ${o.pace.medianMs} мс (${o.pace.samples} запросов GET); предлагается NAVBOT_ACTIONS_PER_SECOND=${o.pace.actionsPerSecond}, NAVBOT_TIMEOUT_MS=${o.pace.timeoutMs}.`);
  lines.push(`Обзор записан: ${o.dir} (survey.json, profile.suggested.json, снимки экранов).`);
  return lines;
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
