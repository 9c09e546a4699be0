// The secrets the console masks in every answer, taken from config's one settings table: every
// setting publicSettings masks (the Navigator's own and whatever a target declares as a secret),
// the SMTP address's password, and the doctor's sample cabinet password (an environment value, not
// a setting). No setting is named here, so a target's new secret is masked without an edit.
import { publicSettings, SETTINGS, type Settings } from '../config/settings.js';

/** The NAVBOT_* names of the secret settings, as the settings table declares them. */
export function secretSettingEnvs(): string[] {
  // publicSettings of an empty record holds exactly the fields it masks as secrets.
  const masked = publicSettings({ profileData: undefined } as unknown as Settings);
  const table = SETTINGS as unknown as Record<string, readonly [string, ...unknown[]]>;
  return Object.keys(masked)
    .filter((field) => masked[field] === '***' && table[field])
    .map((field) => table[field]![0]);
}

/** Environment-only secrets (no setting holds them): the doctor's sample cabinet password. */
const ENV_ONLY_SECRETS = ['NAVBOT_SAMPLE_PASSWORD'];

/** Every secret value the environment `v` holds, for the console's mask. */
export function consoleSecrets(v: Readonly<Record<string, string | undefined>>): Array<string | undefined> {
  return [...secretSettingEnvs(), ...ENV_ONLY_SECRETS].map((name) => v[name]).concat(smtpPassword(v.NAVBOT_SMTP_URL));
}

/** The password inside an SMTP address (smtp://user:password@host): masked like the others. */
function smtpPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
