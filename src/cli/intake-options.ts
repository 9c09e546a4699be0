import type { Settings } from '../config/settings.js';
import type { IntakeOptions } from '../intake/index.js';

/** What intake needs from the settings and the region's profile. */
export function intakeOptions(settings: Settings): IntakeOptions {
  const p = settings.profileData;
  return {
    municipalities: [...p.municipalities],
    ...(settings.municipality ? { defaultMunicipality: settings.municipality } : {}),
    emailTemplate: settings.emailTemplate,
    minAge: p.minAge,
    maxAge: p.maxAge,
  };
}
