import type { Settings } from '../config/settings.js';
import type { ColumnSet, IntakeOptions } from '../intake/index.js';

/** What intake needs from the settings and the region's profile, and the columns the flow sends. */
export function intakeOptions(settings: Settings, columns: ColumnSet): IntakeOptions {
  const p = settings.profileData;
  return {
    columns,
    municipalities: [...p.municipalities],
    ...(settings.municipality ? { defaultMunicipality: settings.municipality } : {}),
    emailTemplate: settings.emailTemplate,
    minAge: p.minAge,
    maxAge: p.maxAge,
  };
}
