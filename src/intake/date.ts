// «Дата рождения»: an Excel date, a serial number, or text ДД.ММ.ГГГГ. The day is a calendar day:
// no time zone ever touches it (exceljs gives dates as UTC midnight, so the UTC fields are read).
import { display, type CellValue } from './cells.js';
import { bad, ok, type Checked } from './check.js';
import { collapseSpaces, shown } from './text.js';

export interface Ymd {
  y: number;
  m: number; // 1..12
  d: number; // 1..31
}

const MONTHS_IN = ['январе', 'феврале', 'марте', 'апреле', 'мае', 'июне', 'июле', 'августе', 'сентябре', 'октябре', 'ноябре', 'декабре'];

export const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export const daysInMonth = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
export const isoOf = (v: Ymd) => `${pad(v.y, 4)}-${pad(v.m)}-${pad(v.d)}`;
export const ruOf = (v: Ymd) => `${pad(v.d)}.${pad(v.m)}.${pad(v.y, 4)}`;

/** The local calendar date of a moment (the robot's «today»). */
export function localYmd(d: Date): Ymd {
  return { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() };
}

function utcYmd(d: Date): Ymd {
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

/**
 * Excel serial day → calendar date. 1900 system: day 1 is 01.01.1900 and Excel counts a
 * 29.02.1900 that never was (serial 60), so serials after it are one day ahead. 1904 system:
 * day 0 is 01.01.1904.
 */
export function fromSerial(serial: number, date1904 = false): Ymd | undefined {
  const day = Math.floor(serial);
  let utcMs: number;
  if (date1904) utcMs = Date.UTC(1904, 0, 1) + day * 86_400_000;
  else if (day === 60 || day < 1) return undefined;
  else utcMs = Date.UTC(1899, 11, day < 60 ? 31 : 30) + day * 86_400_000;
  return utcYmd(new Date(utcMs));
}

const FORMAT_FIX = 'Впишите дату как ДД.ММ.ГГГГ, например 05.03.2016, или выберите формат ячейки «Дата».';

function checkCalendar(y: number, m: number, d: number, raw: string): Checked<Ymd> {
  if (m < 1 || m > 12) return bad(`в дате «${shown(raw)}» нет месяца ${m}`, `Проверьте месяц (от 01 до 12). ${FORMAT_FIX}`);
  if (d < 1 || d > daysInMonth(y, m)) {
    return bad(
      `такой даты нет: в ${MONTHS_IN[m - 1]} ${y} года ${daysInMonth(y, m)} дней`,
      'Проверьте день и месяц по свидетельству о рождении.',
    );
  }
  return ok({ y, m, d });
}

/**
 * Text forms: Д.М.ГГГГ and ДД.ММ.ГГГГ (also with '/' or '-' between the parts, the same one
 * twice), ISO ГГГГ-ММ-ДД, with an optional trailing «г.» or a midnight time as CSV exports add.
 * Two-digit years are refused: 05.03.16 could be 1916 or 2016.
 */
export function parseDateText(raw: string): Checked<Ymd> {
  const s = collapseSpaces(raw)
    .replace(/\s*г(ода?)?\.?$/i, '')
    .replace(/\s+0?0:00(:00)?$/, '');
  let m = /^(\d{1,2})([./-])(\d{1,2})\2(\d{2,4})$/.exec(s);
  if (m) {
    if (m[4]!.length !== 4) {
      return bad(`в дате «${shown(raw)}» год не из четырёх цифр`, 'Впишите год полностью, например 05.03.2016.');
    }
    return checkCalendar(Number(m[4]), Number(m[3]), Number(m[1]), raw);
  }
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return checkCalendar(Number(m[1]), Number(m[2]), Number(m[3]), raw);
  return bad(`«${shown(raw)}» не похоже на дату`, FORMAT_FIX);
}

/** Whole years from `birth` to `today`; born 29 February comes of age on 28 February (ГК РФ, ст. 192). */
export function ageAt(birth: Ymd, today: Ymd): number {
  let age = today.y - birth.y;
  const bd = Math.min(birth.d, daysInMonth(today.y, birth.m));
  if (today.m < birth.m || (today.m === birth.m && today.d < bd)) age--;
  return age;
}

const cmp = (a: Ymd, b: Ymd) => a.y - b.y || a.m - b.m || a.d - b.d;

export function years(n: number): string {
  const t = n % 100;
  const u = n % 10;
  if (t >= 11 && t <= 14) return `${n} лет`;
  if (u === 1) return `${n} год`;
  if (u >= 2 && u <= 4) return `${n} года`;
  return `${n} лет`;
}

export interface BirthDateRules {
  minAge: number;
  maxAge: number;
  today: Ymd;
  date1904?: boolean;
}

/** Reads a birth date cell and checks it against today and the certificate's age range. */
export function parseBirthDate(cell: CellValue, rules: BirthDateRules): Checked<string> {
  let v: Checked<Ymd>;
  switch (cell.kind) {
    case 'empty':
      return bad('дата рождения не заполнена', FORMAT_FIX);
    case 'date':
      v = ok(utcYmd(cell.d));
      break;
    case 'number': {
      const y = fromSerial(cell.n, rules.date1904);
      v = y && y.y >= 1900 && y.y <= 2199
        ? ok(y)
        : bad(`число ${display(cell)} не похоже на дату`, `${FORMAT_FIX} Если вписали без точек (05032016) — поставьте точки.`);
      break;
    }
    case 'text':
      v = parseDateText(cell.text);
      break;
    default:
      v = bad(`в ячейке «${shown(display(cell))}», а не дата`, FORMAT_FIX);
  }
  if (!v.ok) return v;
  const birth = v.value;
  const { today, minAge, maxAge } = rules;
  const range = `от ${minAge} до ${maxAge} лет включительно`;
  if (cmp(birth, today) > 0) {
    return bad(`дата ${ruOf(birth)} ещё не наступила`, 'Проверьте год рождения: дата не может быть в будущем.');
  }
  const age = ageAt(birth, today);
  if (age >= 18) {
    return bad(
      `ребёнку уже ${years(age)}: сертификат выдаётся детям до 18 лет (${range})`,
      'Проверьте год рождения; если он верен, удалите строку.',
    );
  }
  if (age < minAge || age > maxAge) {
    return bad(
      `ребёнку ${years(age)}, а сертификат выдаётся детям ${range}`,
      'Проверьте год рождения; если он верен, удалите строку или дождитесь нужного возраста.',
    );
  }
  return ok(isoOf(birth));
}
