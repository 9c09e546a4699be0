// Playwright traces record typed values and request bodies, so a failed row's trace could carry
// the admin password or a placeholder password. Every text entry of the archive is redacted
// before the trace is kept.
import { readFile, writeFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { Redactor } from './redact.js';

const BINARY = /\.(png|jpe?g|webp|gif|woff2?|ttf|ico|wasm)$/i;

export async function redactTrace(file: string, redactor: Redactor): Promise<void> {
  const zip = await JSZip.loadAsync(await readFile(file));
  for (const entry of Object.values(zip.files)) {
    if (entry.dir || BINARY.test(entry.name)) continue;
    const bytes = await entry.async('uint8array');
    // Resources are stored under content hashes without extensions: keep what is not UTF-8 text.
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      continue;
    }
    const clean = redactor.text(text);
    if (clean !== text) zip.file(entry.name, clean);
  }
  await writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}
