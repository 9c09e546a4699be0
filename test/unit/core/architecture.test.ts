// DESIGN.md's parts and nevers (.dependency-cruiser.cjs), checked with dependency-cruiser: the
// repository has no violation and no cycle, and the rules do catch a part that breaks them.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { cruise, type ICruiseOptions, type IForbiddenRuleType, type IViolation } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const config = createRequire(import.meta.url)(path.join(ROOT, '.dependency-cruiser.cjs')) as { forbidden: IForbiddenRuleType[]; options: ICruiseOptions };

async function violations(baseDir: string, dirs: string[]): Promise<IViolation[]> {
  const tsConfig = extractTSConfig(path.join(ROOT, 'tsconfig.json'));
  const { tsConfig: _ignored, ...options } = config.options as ICruiseOptions & { tsConfig?: unknown };
  const result = await cruise(dirs, { ...options, baseDir, ruleSet: { forbidden: config.forbidden }, validate: true }, undefined, { tsConfig });
  if (typeof result.output === 'string') throw new Error(result.output);
  return result.output.summary.violations;
}

const describeViolation = (v: IViolation) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name).join(' → ')})` : ''}`;

describe('architecture (DESIGN.md parts)', () => {
  it('src and flows keep the parts, the stand apart and no cycles', async () => {
    const found = await violations(ROOT, ['src', 'flows']);
    expect(found.map(describeViolation)).toEqual([]);
  }, 60_000);

  it('the rules catch core importing the runner, the runner importing the stand or a flow, the CLI a flow module, and a cycle', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'navbot-arch-'));
    const put = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    put('src/core/errors.ts', "import { run } from '../runner/runner.js';\nexport const e = run;\n");
    put('src/runner/runner.ts', "import { start } from '../stand/server.js';\nexport const run = start;\n");
    put('src/stand/server.ts', 'export const start = 1;\n');
    put('flows/a.ts', "import { b } from './b.js';\nexport const a = b;\n");
    put('flows/b.ts', "import { a } from './a.js';\nexport const b = () => a;\n");
    put('src/procedure/plugin.ts', 'export const definePlugin = 1;\n');
    put('flows/index.ts', "import { a } from './a.js';\nexport const FLOWS = [a];\n");
    put('src/runner/worker.ts', "import { a } from '../../flows/a.js';\nimport { definePlugin } from '../procedure/plugin.js';\nexport const w = [a, definePlugin];\n");
    put('src/cli/run.ts', "import { b } from '../../flows/b.js';\nimport { FLOWS } from '../../flows/index.js';\nexport const r = [b, FLOWS];\n");
    const found = await violations(dir, ['src', 'flows']);
    const names = found.map((v) => v.rule.name);
    expect(names).toEqual(expect.arrayContaining(['core-imports-only-itself', 'only-cli-knows-the-stand', 'no-circular', 'runner-knows-no-flow', 'cli-knows-flows-by-the-registry']));
    // Through the plug-in interface and the registry is the allowed way.
    expect(found.filter((v) => /(procedure\/plugin|flows\/index)\.ts$/.test(v.to) && v.rule.name !== 'no-circular').map(describeViolation)).toEqual([]);
  }, 60_000);

  it('the console (issue 25) knows flows only by the registry, no stand, and only its CLI command imports it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'navbot-arch-'));
    const put = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    put('flows/a.ts', 'export const a = 1;\n');
    put('flows/index.ts', "import { a } from './a.js';\nexport const FLOWS = [a];\n");
    put('src/stand/server.ts', 'export const start = 1;\n');
    put('src/console/server.ts', "import { a } from '../../flows/a.js';\nimport { FLOWS } from '../../flows/index.js';\nimport { start } from '../stand/server.js';\nexport const s = [a, FLOWS, start];\n");
    put('src/runner/runner.ts', "import { s } from '../console/server.js';\nexport const r = s;\n");
    put('src/cli/commands/console.ts', "import { s } from '../../console/server.js';\nexport const c = s;\n");
    const found = await violations(dir, ['src', 'flows']);
    expect(found.map((v) => `${v.rule.name}: ${v.from}`).sort()).toEqual(
      expect.arrayContaining([
        'console-knows-flows-by-the-registry: src/console/server.ts',
        'only-cli-knows-the-stand: src/console/server.ts',
        'only-the-console-command-starts-the-console: src/runner/runner.ts',
      ]),
    );
    expect(found.filter((v) => v.from === 'src/cli/commands/console.ts' || /flows\/index\.ts$/.test(v.to)).map(describeViolation)).toEqual([]);
  }, 60_000);

  it('the rules catch a target importing another, the kit naming a target, a generic part in a target’s folder, a flow reaching past the ports or into the runner, and settings or profile sections that are not data', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'navbot-arch-'));
    const put = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    put('src/navigator/ports.ts', 'export const p = 1;\n');
    put('src/navigator/registry/port.ts', 'export const rp = 1;\n');
    put('src/navigator/registry/pages.ts', "import { rp } from './port.js';\nimport { p } from '../ports.js';\nexport const Registry = [rp, p];\n");
    put('src/navigator/admin/panel.ts', "import { Registry } from '../registry/pages.js';\nexport const AdminPanel = Registry;\n");
    put('src/navigator/ext.ts', "import { AdminPanel } from './admin/panel.js';\nexport const ext = AdminPanel;\n");
    put('src/navigator/targets.ts', "import { AdminPanel } from './admin/panel.js';\nexport const TARGETS = [AdminPanel];\n");
    put('src/runner/worker.ts', "import { TARGETS } from '../navigator/targets.js';\nexport const w = TARGETS;\n");
    put('flows/x/apply.ts', "import { rp } from '../../src/navigator/registry/port.js';\nimport { p } from '../../src/navigator/ports.js';\nimport { Registry } from '../../src/navigator/registry/pages.js';\nexport const a = [rp, p, Registry];\n");
    put('flows/x/accept.ts', "import { w } from '../../src/runner/worker.js';\nexport const b = w;\n");
    // A target's settings are data config reads: one that imports its page object would pull it into config.
    put('src/navigator/registry/settings.ts', "import { Registry } from './pages.js';\nexport const REGISTRY_SETTINGS = { Registry };\n");
    put('src/navigator/target-settings.ts', "import { REGISTRY_SETTINGS } from './registry/settings.js';\nexport const TARGET_SETTINGS = REGISTRY_SETTINGS;\n");
    put('src/config/settings.ts', "import { TARGET_SETTINGS } from '../navigator/target-settings.js';\nimport { p } from '../navigator/ports.js';\nexport const S = [TARGET_SETTINGS, p];\n");
    // A target's profile sections are data config composes: one that imports its page object would pull it into config.
    put('src/navigator/site/session.ts', 'export const SiteSession = 1;\n');
    put('src/navigator/site/profile.ts', "import { SiteSession } from './session.js';\nexport const SITE_PROFILE = { SiteSession };\n");
    put('src/navigator/target-profiles.ts', "import { SITE_PROFILE } from './site/profile.js';\nexport const TARGET_PROFILES = SITE_PROFILE;\n");
    put('src/config/profile.ts', "import { TARGET_PROFILES } from '../navigator/target-profiles.js';\nexport const P = TARGET_PROFILES;\n");
    // Generic parts go through the door (targets.ts, the kit), never into a target's folder.
    put('src/navigator/shared-login.ts', 'export const SharedLogin = 1;\n');
    put('src/runner/browser.ts', "import { AdminPanel } from '../navigator/admin/panel.js';\nimport { SharedLogin } from '../navigator/shared-login.js';\nexport const b = [AdminPanel, SharedLogin];\n");
    put('src/cli/phase-lines.ts', "import { Registry } from '../navigator/registry/pages.js';\nimport { TARGETS } from '../navigator/targets.js';\nexport const l = [Registry, TARGETS];\n");
    put('src/console/engine.ts', "import { rp } from '../navigator/registry/port.js';\nexport const e = rp;\n");
    put('src/report/html.ts', "import { AdminPanel } from '../navigator/admin/panel.js';\nexport const h = AdminPanel;\n");
    const found = await violations(dir, ['src', 'flows']);
    const by = (rule: string) => found.filter((v) => v.rule.name === rule).map((v) => `${v.from} → ${v.to}`);
    expect(by('a-target-knows-no-other-target')).toEqual(['src/navigator/admin/panel.ts → src/navigator/registry/pages.ts']);
    expect(by('the-kit-knows-no-target')).toEqual(['src/navigator/ext.ts → src/navigator/admin/panel.ts']);
    expect(by('flows-use-targets-by-their-ports')).toEqual(['flows/x/apply.ts → src/navigator/registry/pages.ts']);
    expect(by('flows-imports-only-core-config-navigator-intake-procedure')).toEqual(['flows/x/accept.ts → src/runner/worker.ts']);
    expect(by('target-settings-are-data')).toEqual(['src/navigator/registry/settings.ts → src/navigator/registry/pages.ts']);
    expect(by('target-profiles-are-data')).toEqual(['src/navigator/site/profile.ts → src/navigator/site/session.ts']);
    expect(by('generic-parts-reach-targets-through-the-door').sort()).toEqual([
      'src/cli/phase-lines.ts → src/navigator/registry/pages.ts',
      'src/console/engine.ts → src/navigator/registry/port.ts',
      'src/report/html.ts → src/navigator/admin/panel.ts',
      'src/runner/browser.ts → src/navigator/admin/panel.ts',
    ]);
    // config reads the targets' settings and profile lists, nothing else of navigator.
    expect(by('config-imports-only-core')).toEqual(['src/config/settings.ts → src/navigator/ports.ts']);
  }, 60_000);
});
