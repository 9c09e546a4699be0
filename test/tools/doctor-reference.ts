// `npm run doctor:reference [-- --variant X --out FILE]`: the training stand's digest that
// `navbot doctor --compare` compares a region's snapshot with (src/doctor/stand-reference.json).
// Starts a stand, seeds one placeholder user with one child (as staff would have), runs
// `navbot doctor --snapshot` against it and keeps the snapshot's digest. Remake it whenever the
// default stand's screens or answers change (the e2e doctor-snapshot spec fails until then).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStand } from '../../src/stand/server.js';
import { readSnapshot } from '../../src/doctor/snapshot-read.js';
import { STAND_REFERENCE } from '../../src/doctor/compare-run.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A user with a child, unconfirmed and without certificates: the state a survey reads on the stand. */
export async function seedForSnapshot(url: string, who: { email: string; lastName: string; firstName: string; patronymic: string; phone: string; child: { lastName: string; firstName: string; birthDate: string } }) {
  const post = async (what: string, body: unknown) => {
    const res = await fetch(`${url}/__stand/${what}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`seeding ${what}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: number | string };
  };
  const user = await post('users', { email: who.email, lastName: who.lastName, firstName: who.firstName, patronymic: who.patronymic, phone: who.phone });
  await post('children', { userId: user.id, lastName: who.child.lastName, firstName: who.child.firstName, birthDate: who.child.birthDate, sex: 'female' });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const variant = opt('--variant');
  const out = opt('--out') ?? STAND_REFERENCE;
  const stand = await startStand({ port: 0, control: true, ...(variant ? { variants: variant } : {}) });
  try {
    await seedForSnapshot(stand.url, {
      email: 'robot+etalon@stand.local',
      lastName: 'Без',
      firstName: 'Внесения',
      patronymic: 'Данных',
      phone: '71111111111',
      child: { lastName: 'Образцова', firstName: 'Эталона', birthDate: '2016-05-20' },
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'navbot-reference-'));
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NAVBOT_')));
    // The stand answers from this process: the doctor runs beside it, not blocking it.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'doctor', '--snapshot'], {
      cwd: ROOT,
      env: { ...clean, NAVBOT_PUBLIC_URL: `${stand.url}/`, NAVBOT_ADMIN_URL: `${stand.url}/admin/`, NAVBOT_REPORTS_DIR: path.join(dir, 'reports'), NAVBOT_STATE_DIR: path.join(dir, 'state'), NAVBOT_ACTIONS_PER_SECOND: '100' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const r = { status, stdout: output, stderr: '' };
    const reports = path.join(dir, 'reports');
    const folder = readdirSync(reports).filter((d) => d.startsWith('doctor-')).sort().at(-1);
    if (!folder) throw new Error(`doctor wrote nothing (exit ${r.status}): ${r.stdout}${r.stderr}`);
    const digest = await readSnapshot(path.join(reports, folder, 'region-snapshot.zip'));
    writeFileSync(out, `${JSON.stringify(digest, null, 2)}\n`);
    process.stdout.write(`${out}: экранов ${Object.keys(digest.screens).length}, ответов ${Object.keys(digest.answers).length} (doctor exit ${r.status})\n`);
  } finally {
    await stand.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((e: unknown) => {
    process.stderr.write(`${String((e as Error)?.stack ?? e)}\n`);
    process.exit(1);
  });
}
