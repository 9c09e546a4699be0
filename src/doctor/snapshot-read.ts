// Reading a region-snapshot.zip back (no network, no browser) into its *digest*: what
// `doctor --compare` compares — per screen, the Ext components and page controls by their labels
// and kinds; the answers' shapes; `/api/config` keys; the modules; the menu; why screens were not
// reached. The training stand's own digest is kept in stand-reference.json (made by
// `npm run doctor:reference`, test/tools/doctor-reference.ts).
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { DomItem, ExtItem } from './outline.js';
import type { AnswerRecord, ModulesRecord, SnapshotManifest } from './snapshot.js';
import { SNAPSHOT_KIND } from './snapshot.js';
import type { Shape } from './shapes.js';

export interface ScreenDigest {
  target: 'admin' | 'site';
  ext: ExtItem[] | null;
  dom: DomItem[];
}

export interface SnapshotDigest {
  kind: 'navbot-snapshot-digest';
  screens: Record<string, ScreenDigest>;
  answers: Record<string, Shape>;
  config: { status: number | null; keys: string[] };
  modules: { status: number | null; modules: ModulesRecord['modules'] };
  menu: string[];
  /** Why a screen was not reached (the survey's words), by the survey's stage. */
  skipped: Record<string, string>;
}

/** A file that is not a snapshot navbot wrote (Russian, for the CLI). */
export class SnapshotFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotFileError';
  }
}

async function text(zip: JSZip, name: string, file: string): Promise<string> {
  const entry = zip.file(name);
  if (!entry) throw new SnapshotFileError(`в файле ${file} нет ${name}: это не снимок navbot doctor --snapshot или он неполон`);
  return entry.async('string');
}

async function parsed<T>(zip: JSZip, name: string, file: string): Promise<T> {
  try {
    return JSON.parse(await text(zip, name, file)) as T;
  } catch (e) {
    if (e instanceof SnapshotFileError) throw e;
    throw new SnapshotFileError(`в файле ${file} испорчен ${name}: пришлите снимок заново`);
  }
}

/** Reads a zip (or a digest .json) into a digest; a bad file is a SnapshotFileError. */
export async function readSnapshot(file: string): Promise<SnapshotDigest> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (e) {
    throw new SnapshotFileError(`файл ${file} не прочитан (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): проверьте путь`);
  }
  if (file.endsWith('.json')) {
    try {
      const d = JSON.parse(data.toString('utf8')) as SnapshotDigest;
      if (d.kind === 'navbot-snapshot-digest') return d;
    } catch {
      /* reported below */
    }
    throw new SnapshotFileError(`файл ${file} — не снимок региона и не его выжимка`);
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    throw new SnapshotFileError(`файл ${file} — не zip-архив. Нужен region-snapshot.zip, который пишет navbot doctor --snapshot`);
  }
  const manifest = await parsed<SnapshotManifest>(zip, 'manifest.json', file);
  if (manifest.kind !== SNAPSHOT_KIND) throw new SnapshotFileError(`файл ${file} — zip, но не снимок navbot doctor --snapshot (manifest.json другого вида)`);
  const screens: Record<string, ScreenDigest> = {};
  for (const s of manifest.screens ?? []) {
    const o = await parsed<{ ext: { items: ExtItem[] } | null; dom: DomItem[] }>(zip, s.outline, file);
    // A screen seen twice (a retry) keeps its first visit.
    screens[s.name] ??= { target: s.target, ext: o.ext ? o.ext.items : null, dom: o.dom ?? [] };
  }
  const answers = await parsed<Record<string, AnswerRecord>>(zip, 'answers.json', file);
  const config = await parsed<{ status: number | null; keys: string[] }>(zip, 'config.json', file);
  const modules = await parsed<ModulesRecord>(zip, 'modules.json', file);
  const found = await parsed<{ findings?: { admin?: { menu?: string[]; skipped?: Record<string, string> } } }>(zip, 'findings.json', file);
  return {
    kind: 'navbot-snapshot-digest',
    screens,
    answers: Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.shape])),
    config: { status: config.status ?? null, keys: config.keys ?? [] },
    modules: { status: modules.status ?? null, modules: modules.modules ?? [] },
    menu: found.findings?.admin?.menu ?? [],
    skipped: found.findings?.admin?.skipped ?? {},
  };
}
