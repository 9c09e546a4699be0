// The console's mask list comes from the settings table (review R1, finding 1): every secret-kind
// setting — the Navigator's own and each one a target declares — and the SMTP password.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consoleSecrets, secretSettingEnvs } from '../../../src/console/secrets.js';
import { TARGET_SETTINGS } from '../../../src/navigator/target-settings.js';

describe('console secrets', () => {
  it('lists every secret setting of the table, a target-declared one included', () => {
    const targetSecrets = Object.values(TARGET_SETTINGS as Record<string, { env: string; kind: string }>)
      .filter((s) => s.kind === 'secret')
      .map((s) => s.env);
    expect(targetSecrets.length).toBeGreaterThan(0);
    expect(secretSettingEnvs().sort()).toEqual(['NAVBOT_ADMIN_PASSWORD', 'NAVBOT_SECRET', ...targetSecrets].sort());
  });

  it('takes the values of those settings, the sample password and the SMTP password', () => {
    const values = consoleSecrets({ NAVBOT_ADMIN_PASSWORD: 'a1', NAVBOT_SAMPLE_PASSWORD: 's1', NAVBOT_SMTP_URL: 'smtp://u:m%40il@h:587', NAVBOT_MUNICIPALITY: 'x' });
    expect(values).toEqual(expect.arrayContaining(['a1', 's1', 'm@il']));
    expect(values).not.toContain('x');
  });

  it('the console names no setting of a target itself', () => {
    for (const f of ['src/console/engine.ts', 'src/console/secrets.ts']) expect(fs.readFileSync(f, 'utf8')).not.toMatch(/REGISTRY/);
  });
});
