// Two workbook bombs xlsx-guard.ts's sheet scan does not see (issue 24):
// - defined names: exceljs expands every name's area cell by cell (one name on
//   'Очередь'!$A$1:$XFD$1048576 in an 11 KB file is 17 billion cells). navbot uses no defined
//   name, and Excel writes them for ordinary things (a print area, an autofilter), so they are
//   taken out of the workbook before exceljs loads it instead of being refused;
// - shared strings: exceljs keeps each <si> and each rich-text run <r> as objects, so a 98 MB
//   sharedStrings.xml packed into 272 KB peaks at 1.6 GB. They are counted as the part is
//   unpacked and refused past the limits (limits.ts).
import JSZip from 'jszip';
import { count, MAX_SHARED_STRINGS, MAX_SHARED_STRINGS_BYTES, MAX_STRING_RUNS, megabytes } from './limits.js';
import { IntakeFileError } from './types.js';

/** The parts exceljs reads as the workbook and as its shared strings (it names them exactly so). */
export const WORKBOOK_PART = /^\/?xl\/workbook\.xml$/;
export const SHARED_STRINGS_PART = /^\/?xl\/sharedStrings\.xml$/;

const DEFINED_NAMES = /<(?:[A-Za-z_][\w.-]*:)?definedNames\b(?:[^>]*\/>|[\s\S]*?<\/(?:[A-Za-z_][\w.-]*:)?definedNames\s*>)/g;
const STRING_TAG = /<(?:[A-Za-z_][\w.-]*:)?(si|r)(?=[\s/>])/g;

/** The workbook without its defined names; the same buffer when it has none. */
export async function withoutDefinedNames(data: Buffer): Promise<Buffer> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    return data; // exceljs says in its own words that this is no workbook
  }
  let changed = false;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir || !WORKBOOK_PART.test(entry.name)) continue;
    const xml = await entry.async('string');
    const stripped = xml.replace(DEFINED_NAMES, '');
    if (stripped !== xml) {
      zip.file(entry.name, stripped);
      changed = true;
    }
  }
  return changed ? zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }) : data;
}

/** Counts a shared strings part chunk by chunk; throws a Russian IntakeFileError past a limit. */
export function sharedStringsCounter(file: string): { bytes(n: number): void; scan(text: string): void } {
  let bytes = 0;
  let strings = 0;
  let runs = 0;
  const refuse = (what: string) =>
    new IntakeFileError(
      'too-large',
      `В книге ${file} ${what} — столько текста в очереди не бывает (очередь на 20 000 строк — несколько мегабайт). ` +
        'Скопируйте нужные строки в новую книгу (шаблон: navbot template), вставьте как значения и сохраните её.',
      file,
    );
  return {
    bytes(n) {
      bytes += n;
      if (bytes > MAX_SHARED_STRINGS_BYTES) throw refuse(`общие строки (xl/sharedStrings.xml) после распаковки занимают больше ${megabytes(MAX_SHARED_STRINGS_BYTES)}`);
    },
    scan(text) {
      STRING_TAG.lastIndex = 0;
      for (let m = STRING_TAG.exec(text); m; m = STRING_TAG.exec(text)) {
        if (m[1] === 'si') {
          if (++strings > MAX_SHARED_STRINGS) throw refuse(`больше ${count(MAX_SHARED_STRINGS)} разных текстов`);
        } else if (++runs > MAX_STRING_RUNS) {
          throw refuse(`больше ${count(MAX_STRING_RUNS)} фрагментов форматированного текста`);
        }
      }
    },
  };
}
