// Workbook bombs past the sheet scan (issue 24, item 3): a defined name over a whole sheet
// (exceljs expands it cell by cell) and shared strings that unpack to ~100 MB. Each ends quickly
// and in bounded memory: the defined names are dropped (navbot reads none), the shared strings
// refused with a Russian reason (exit 2 in the CLI).
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntakeFileError, readQueue } from '../../../src/intake/index.js';
import { OPTIONS, tempDir, utc } from './helpers.js';

const dir = tempDir();
const MAX_MS = 2000;
const MAX_MB = 300;

/** A valid one-row queue written by exceljs, then `part` changed by `patch`. */
async function patched(name: string, part: string, patch: (xml: string) => string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Очередь');
  ws.addRow(['Ключ', 'Дата рождения', 'Пол', 'Муниципалитет']);
  ws.addRow(['1', utc(2016, 3, 5), 'М', 'г. Лесной']);
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  zip.file(part, patch(await zip.file(part)!.async('string')));
  const file = path.join(dir, name);
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } }));
  return file;
}

async function attempt(file: string) {
  global.gc?.();
  const rss = process.memoryUsage().rss;
  let peak = rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  try {
    const result = await readQueue(file, OPTIONS).then(
      (q) => ({ queue: q, error: undefined }),
      (e: unknown) => ({ queue: undefined, error: e }),
    );
    return { ...result, ms: performance.now() - t0, grewMb: (Math.max(peak, process.memoryUsage().rss) - rss) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

describe('workbook bombs', () => {
  it('a defined name over a whole sheet in an ~11 KB file: the queue is read, fast and in little memory', async () => {
    const file = await patched('defined-name.xlsx', 'xl/workbook.xml', (xml) =>
      xml.replace(/<\/sheets>/, `</sheets><definedNames><definedName name="b">'Очередь'!$A$1:$XFD$1048576</definedName><definedName name="_xlnm.Print_Area" localSheetId="0">'Очередь'!$A:$XFD</definedName></definedNames>`),
    );
    expect(statSync(file).size).toBeLessThan(12_000);
    const { queue, error, ms, grewMb } = await attempt(file);
    expect(error).toBeUndefined();
    expect(queue!.rows.map((r) => r.key)).toEqual(['1']);
    expect(ms).toBeLessThan(MAX_MS);
    expect(grewMb).toBeLessThan(MAX_MB);
  });

  it('five million shared strings (~90 MB unpacked) in a small file: refused in Russian, fast and in little memory', async () => {
    const many = '<si><t>a</t></si>'.repeat(5_000_000);
    const file = await patched('strings.xlsx', 'xl/sharedStrings.xml', (xml) => xml.replace('</sst>', `${many}</sst>`));
    expect(statSync(file).size).toBeLessThan(400_000);
    const { error, ms, grewMb } = await attempt(file);
    expect(error).toBeInstanceOf(IntakeFileError);
    expect((error as IntakeFileError).code).toBe('too-large');
    expect((error as IntakeFileError).message).toMatch(/^В книге .*strings\.xlsx (больше 1 000 000 разных текстов|общие строки \(xl\/sharedStrings\.xml\) после распаковки занимают больше 40 МБ)/);
    expect(ms).toBeLessThan(MAX_MS);
    expect(grewMb).toBeLessThan(MAX_MB);
  });

  it('more distinct texts than a queue has cells: refused by count', async () => {
    const many = '<si><t/></si>'.repeat(1_000_001);
    const file = await patched('strings-count.xlsx', 'xl/sharedStrings.xml', (xml) => xml.replace('</sst>', `${many}</sst>`));
    const { error, ms } = await attempt(file);
    expect((error as IntakeFileError).message).toContain('больше 1 000 000 разных текстов');
    expect(ms).toBeLessThan(MAX_MS);
  });

  it('rich-text runs are counted too', async () => {
    const runs = `<si>${'<r><t>a</t></r>'.repeat(2_000_001)}</si>`;
    const file = await patched('runs.xlsx', 'xl/sharedStrings.xml', (xml) => xml.replace('</sst>', `${runs}</sst>`));
    const { error } = await attempt(file);
    expect((error as IntakeFileError).message).toContain('больше 2 000 000 фрагментов форматированного текста');
  });

  it('one 60 MB text: refused by size', async () => {
    const file = await patched('one-text.xlsx', 'xl/sharedStrings.xml', (xml) => xml.replace('</sst>', `<si><t>${'a'.repeat(60 * 2 ** 20)}</t></si></sst>`));
    const { error, ms, grewMb } = await attempt(file);
    expect((error as IntakeFileError).message).toContain('общие строки (xl/sharedStrings.xml) после распаковки занимают больше 40 МБ');
    expect(ms).toBeLessThan(MAX_MS);
    expect(grewMb).toBeLessThan(MAX_MB);
  });
});
