// The list of targets (like flows/index.ts for flows): the one file that names every target
// module. Generic parts (runner, CLI) loop over it; a flow names the targets it `uses`.
import type { Settings } from '../config/settings.js';
import { adminTarget, type AdminHandle } from './admin/target.js';
import { registryTarget, type RegistryHandle } from './registry/target.js';
import { siteTarget, type SiteHandle } from './site/target.js';

/** What `navbot init` reads from the region's site (the CLI reaches targets through this door only). */
export { siteMunicipalityList } from './site/target.js';
import { settingOf, type TargetModule } from './target.js';

/** Each target's handle, by its name: what `offer.target(name)` gives a flow. */
export interface TargetHandles {
  admin: AdminHandle;
  site: SiteHandle;
  registry: RegistryHandle;
}

export type TargetName = keyof TargetHandles;

/** In the order their reachability is checked. */
export const TARGETS: { readonly [N in TargetName]: TargetModule<TargetHandles[N]> } = {
  site: siteTarget,
  admin: adminTarget,
  registry: registryTarget,
};

export function targetModule(name: TargetName): TargetModule {
  return TARGETS[name] as TargetModule;
}

/** Every target's secrets (passwords) in these settings, and those of `more` (a flow's own targets): the redaction list. */
export function targetSecrets(s: Partial<Settings>, more: readonly TargetModule[] = []): string[] {
  return [...Object.values(TARGETS), ...more].flatMap((t) => t.settings.secrets.flatMap((k) => settingOf(s, k) ?? []));
}
