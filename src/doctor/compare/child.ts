// Questions 7–8: the child card (read, confirmation, where certificates show) and the certificate
// dialog (its types, closed without saving).
import type { SurveyFindings } from '../survey/types.js';
import { q, type CheckList, type CurrentSettings } from './check.js';

/** Items 7 and 8 (their compared texts included). */
export function childChecks(f: SurveyFindings, cur: CurrentSettings, out: CheckList): void {
  const a = f.admin;
  out.put(7);
  if (a.child) {
    const c = a.child;
    out.add({
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
    out.add({
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
    out.add({
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
  } else if (a.skipped.child) out.skipped('admin.child', 7, 'карточка ребёнка', a.skipped.child);
  out.put(8);
  if (a.dialog) {
    out.add({
      id: 'admin.certificateTypes',
      item: 8,
      title: 'типы сертификата в списке',
      status: a.dialog.items.length ? 'info' : 'mismatch',
      expected: `среди них ${q(cur.profile.adminTexts.accountingCertificate)}`,
      found: a.dialog.items,
      note: a.dialog.items.join(', ') || 'список пуст',
    });
    out.add({
      id: 'admin.dialogClosed',
      item: 8,
      title: 'окно закрыто без сохранения',
      status: a.dialog.closed ? 'ok' : 'warning',
      expected: '«Отмена» / крестик, не «Сохранить»',
      found: a.dialog.closed ? 'закрыто' : 'не закрылось',
      ...(a.dialog.closed ? {} : { todo: 'окно «Новый сертификат» не закрылось: закройте его в админ-панели кнопкой «Отмена» (ничего не сохранялось)' }),
    });
  } else if (a.skipped.dialog) out.skipped('admin.dialog', 8, 'выдача сертификата', a.skipped.dialog);
}
