// Before a run writes anything (issue 22 §1 review): a profile that names no place where the panel
// shows a child's certificates would let users and children be written, row after row, only for
// each row to stop at the certificate. The run stops at its start instead (exit 2), naming the keys.
import type { Profile } from '../../src/config/profile.js';

const SAMPLE = 'navbot doctor --sample-certified EMAIL';

/** The run's stop, in Russian; undefined when the profile names at least one source. */
export function certificateReadProblem(profile: Profile, until?: string, step = 'issueCertificate'): string | undefined {
  // A phase that ends before the certificate (`--until register`) never reads it.
  if (until !== undefined && until !== step) return undefined;
  const read = profile.adminData.certificateRead;
  if (read.recordField !== '' || read.grid || read.check || read.list) return undefined;
  return (
    'В профиле региона не указано, где админ-панель показывает сертификаты ребенка: adminData.certificateRead.recordField пуст, ' +
    'grid: false, check и list не заданы. Не видя сертификатов, navbot их не выдает (иначе возможен второй), а пользователей и детей ' +
    `зря создал бы. Ничего не отправлено. Запустите ${SAMPLE} (пользователь, у ребенка которого сертификат учета точно есть): ` +
    'он предложит источник в profile.suggested.json; перенесите его в профиль (NAVBOT_PROFILE) и запустите снова.'
  );
}
