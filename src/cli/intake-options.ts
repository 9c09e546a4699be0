import type { Settings } from '../config/settings.js';
import type { ColumnSet, Field, IntakeOptions } from '../intake/index.js';

/** What intake needs from the settings and the region's profile, and the columns the flow sends (its own, if it declares them). */
export function intakeOptions(settings: Settings, fields?: readonly Field[], columns?: ColumnSet): IntakeOptions {
  const p = settings.profileData;
  return {
    ...(fields ? { fields } : {}),
    ...(columns ? { columns } : {}),
    municipalities: [...p.municipalities],
    ...(settings.municipality ? { defaultMunicipality: settings.municipality } : {}),
    emailTemplate: settings.emailTemplate,
    minAge: p.minAge,
    maxAge: p.maxAge,
  };
}
