// `--flow <path>` (issue 23, item 5): a value that is a path loads a module's flow plug-in, any
// other value names one of navbot's flows; a path that does not load, or a module that exports no
// plug-in (or one whose name or targets clash with navbot's), ends navbot with exit 2 in Russian.
// A plug-in target's own NAVBOT_* settings reach it, are masked in run.json and are redacted.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isFlowPath, loadFlow } from '../../../src/cli/flow-load.js';
import { CliExit } from '../../../src/cli/exit-codes.js';
import { loadSettings, publicSettings } from '../../../src/config/settings.js';
import { targetSecrets } from '../../../src/navigator/targets.js';
import { usedTargets } from '../../../src/procedure/targets.js';
import type { RowOffer } from '../../../src/procedure/plugin.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const FIXTURE = 'test/fixtures/flows/visit/index.ts';
const fixtureUrl = pathToFileURL(path.join(ROOT, FIXTURE)).href;
const dir = mkdtempSync(path.join(os.tmpdir(), 'navbot-flow-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A module in the temp folder; `body` may import the fixture's plug-in as `p`. */
function moduleFile(name: string, body: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `import p from '${fixtureUrl}';\n${body}\n`);
  return file;
}

async function refusal(value: string): Promise<CliExit> {
  const e = await loadFlow(value, ROOT).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CliExit);
  expect((e as CliExit).code).toBe(2);
  return e as CliExit;
}

describe('--flow <path>', () => {
  it('tells a path from a name', () => {
    expect(isFlowPath('audit')).toBe(false);
    expect(isFlowPath('registry-apply')).toBe(false);
    expect(isFlowPath('flows/visit.ts')).toBe(true);
    expect(isFlowPath('C:\\flows\\visit')).toBe(true);
    expect(isFlowPath('visit.mjs')).toBe(true);
  });

  it('loads a module’s default export, resolving its own targets; a name stays a name', async () => {
    const flow = await loadFlow(FIXTURE, ROOT);
    expect(flow.name).toBe('visit-fixture');
    expect(usedTargets(flow).map((t) => t.title)).toEqual(['стойка посещений']);
    expect((await loadFlow('audit', ROOT)).name).toBe('audit');
    expect((await loadFlow(undefined, ROOT)).name).toBe('accounting-certificate');
  });

  it('takes a plug-in exported as `plugin`', async () => {
    const file = moduleFile('named.mjs', 'export const plugin = p;');
    expect((await loadFlow(file)).name).toBe('visit-fixture');
  });

  it('refuses a file that is not there, a module that fails to load, and one without a plug-in', async () => {
    expect((await refusal('no/such/flow.ts')).message).toContain('не найден (--flow)');
    const broken = moduleFile('broken.mjs', "throw new Error('поломка при загрузке');");
    expect((await refusal(broken)).message).toMatch(/^Не удалось загрузить процедуру из .*broken\.mjs \(--flow\): поломка при загрузке\./);
    const empty = moduleFile('empty.mjs', 'export const x = 1;');
    expect((await refusal(empty)).message).toContain('нет процедуры. Модуль процедуры должен экспортировать её: export default definePlugin');
  });

  it('refuses a plug-in named as navbot’s flow, one using a target nobody has, one whose own target takes navbot’s name', async () => {
    const clash = moduleFile('clash.mjs', "export default { ...p, name: 'audit' };");
    expect((await refusal(clash)).message).toContain('называется «audit», как процедура navbot');
    const nowhere = moduleFile('nowhere.mjs', "export default { ...p, uses: ['nowhere'] };");
    expect((await refusal(nowhere)).message).toContain('работает с целью «nowhere», которой нет ни в navbot, ни в самой процедуре');
    const taken = moduleFile('taken.mjs', "export default { ...p, uses: ['admin'], targets: [{ ...p.targets[0], name: 'admin' }] };");
    expect((await refusal(taken)).message).toContain('приносит свою цель «admin», но так называется цель navbot');
  });
});

describe('offer.target stays strict', () => {
  it('a flow gets only the targets its `uses` names (a compile-time check, tsc)', () => {
    const offer = { target: () => ({}) } as unknown as RowOffer<'registry'>;
    // @ts-expect-error the registry's flows do not use the admin panel
    offer.target('admin');
    // @ts-expect-error nor a target only a plug-in brings
    offer.target('visit-desk');
    expect(offer.target('registry')).toEqual({});
  });
});

describe('a plug-in target’s own settings', () => {
  it('are read by their NAVBOT_* names, never shown in run.json, and their secrets are redacted', async () => {
    const flow = await loadFlow(FIXTURE, ROOT);
    const s = loadSettings({ NAVBOT_VISIT_URL: 'http://127.0.0.1:9/', NAVBOT_VISIT_TOKEN: 'tok-7f3e9a1c', NAVBOT_CONCURRENCY: '1' });
    const [desk] = usedTargets(flow);
    expect(desk!.url(s)).toBe('http://127.0.0.1:9/');
    expect(s.extra).toEqual({ NAVBOT_VISIT_URL: 'http://127.0.0.1:9/', NAVBOT_VISIT_TOKEN: 'tok-7f3e9a1c' });
    expect(JSON.stringify(publicSettings(s))).not.toContain('tok-7f3e9a1c');
    expect(targetSecrets(s, flow.targets)).toContain('tok-7f3e9a1c');
    expect(targetSecrets(s)).not.toContain('tok-7f3e9a1c');
  });
});
