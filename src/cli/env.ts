// The one place that reads process.env and .env (DESIGN.md: only entry points read the environment).
import { config as loadDotenv } from 'dotenv';
import { loadSettings, SettingsError, type SettingName, type Settings } from '../config/settings.js';
import { CliExit, EXIT } from './exit-codes.js';
import { createRedactor } from '../core/redact.js';
import { maskConsoleWith } from './console-gate.js';
import { targetSecrets } from '../navigator/targets.js';

let loaded = false;

export function environment(): Record<string, string | undefined> {
  if (!loaded) {
    loadDotenv({ quiet: true });
    loaded = true;
  }
  return process.env;
}

/** Settings for a command; a bad setting ends the CLI with exit code 2 and a Russian message. */
export function settingsFor(overrides: Partial<Record<SettingName, unknown>> = {}): Settings {
  try {
    const settings = loadSettings(environment(), overrides);
    // From here on nothing printed can show the admin password or the secret.
    maskConsoleWith(createRedactor([settings.secret, ...targetSecrets(settings)]));
    return settings;
  } catch (e) {
    if (e instanceof SettingsError) throw new CliExit(EXIT.invalid, e.message);
    throw e;
  }
}
