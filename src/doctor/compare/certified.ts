// `navbot doctor --sample-certified EMAIL [--event-id ID]`: the survey's certificate finding
// (survey/certified.ts) as one check of the doctor's list, and the working
// adminData.certificateRead for profile.suggested.json — only sources seen showing the number.
import type { CertifiedFinding } from '../survey/certified.js';
import type { SurveyCheck } from './check.js';

const said = (name: string, s: { numbers: string[]; where: string; error?: string; others?: string[] } | null) =>
  s === null
    ? null
    : s.error
      ? `${name}: не ответил (${s.error})`
      : s.numbers.length
        ? `${name}: номер ${s.numbers.join(', ')}`
        : s.others?.length
          ? `${name}: сертификата учёта нет, только другого типа (${[...new Set(s.others)].join(', ')})`
          : `${name}: ответил, сертификата нет`;

export function certifiedCheck(f: CertifiedFinding): SurveyCheck {
  const seen = [
    said(`поле записи «${f.sources.record?.where ?? ''}»`, f.sources.record),
    said('таблица в карточке', f.sources.grid),
    said(`проверка по мероприятию ${f.sources.check?.where ?? ''}`, f.sources.check),
    said(`список ${f.sources.list?.where ?? ''}`, f.sources.list),
  ].filter(Boolean);
  const base = { id: 'admin.certificateSample', item: 7, title: `где панель показывает выданный сертификат (--sample-certified ${f.email})`, expected: 'номер сертификата в источнике из профиля', found: f, profileKey: 'adminData.certificateRead' };
  if (f.currentWorks) {
    return { ...base, status: 'ok', ok: true, note: `профиль его видит; ${seen.join('; ') || 'источники не опрошены'}` };
  }
  if (!f.suggested) {
    return {
      ...base,
      status: 'mismatch',
      ok: false,
      note: [f.error, ...seen].filter(Boolean).join('; '),
      todo: 'номер не показал ни один источник: проверьте, что у ребёнка этого пользователя есть сертификат; для проверки по мероприятию укажите --event-id ID; без источника navbot сертификаты не выдает',
    };
  }
  return {
    ...base,
    status: 'mismatch',
    ok: false,
    suggested: f.suggested,
    note: seen.join('; '),
    todo: 'профиль не видит этот сертификат; в profile.suggested.json — adminData.certificateRead с источниками, которые показали номер: используйте его (NAVBOT_PROFILE)',
  };
}
