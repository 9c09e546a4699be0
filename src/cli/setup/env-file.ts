// The `.env` that `navbot init` writes: read back with dotenv's own parser (so what is written is
// what navbot will read), each setting under its Russian description, replaced atomically and
// readable by its owner only (mode 600 where the OS has modes).
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'dotenv';
import { SETTINGS } from '../../config/settings.js';

export type EnvValues = Record<string, string>;

/** The values of an existing .env, or undefined when there is none. */
export function readEnvFile(file: string): EnvValues | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  return parse(text);
}

/**
 * A value as dotenv reads it back unchanged: bare when it is plain, else in the first quote
 * that it does not contain (single quotes and backticks are literal; double quotes expand \n).
 * Returns undefined for a value dotenv cannot hold (a line break, or every quote and \n at once).
 */
export function quoteEnvValue(value: string): string | undefined {
  if (/[\r\n]/.test(value)) return undefined;
  const candidates = [/^[\w@%+=:,./{}\-[\]~]*$/.test(value) ? value : undefined];
  for (const q of ["'", '`', '"']) if (!value.includes(q) && !(q === '"' && value.includes('\\n'))) candidates.push(`${q}${value}${q}`);
  return candidates.find((c) => c !== undefined && parse(`K=${c}`).K === value);
}

const DESCRIPTIONS: Record<string, string> = Object.fromEntries(Object.values(SETTINGS).map(([name, , description]) => [name, description]));

/** The file's text: a header, then each setting with its description as a comment. */
export function renderEnvFile(values: EnvValues, header: readonly string[]): string {
  const lines = header.map((h) => `# ${h}`);
  for (const [name, value] of Object.entries(values)) {
    const quoted = quoteEnvValue(value);
    if (quoted === undefined) throw new Error(`${name}: значение нельзя записать в .env (перевод строки или все виды кавычек сразу)`);
    lines.push('', `# ${DESCRIPTIONS[name] ?? name}`, `${name}=${quoted}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Replaces `file` at once (temp file + rename); the new file is created with mode 600. */
export function writeEnvFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  try {
    // An existing tmp (from a crash) kept its old mode: make sure of it before the rename.
    fs.chmodSync(tmp, 0o600);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
