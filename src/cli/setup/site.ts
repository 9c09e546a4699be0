// What `navbot init` reads from the region's site: the municipality list of the registration
// form, through the public site's page object in a headless browser. Any failure (no browser,
// the site does not answer, another form) gives undefined: init then offers the profile's list.
import path from 'node:path';
import { chromium } from 'playwright';
import { resolveBrowser } from '../../config/browser.js';
import { loadProfile } from '../../config/profile.js';
import { siteMunicipalityList } from '../../navigator/targets.js';
import type { EnvValues } from './env-file.js';

export async function siteMunicipalities(publicUrl: string, settings: EnvValues, dir: string, timeoutMs = 20_000): Promise<string[] | undefined> {
  const choice = resolveBrowser(settings.NAVBOT_BROWSER, true);
  if (!choice) return undefined;
  try {
    const profile = loadProfile(settings.NAVBOT_PROFILE ? path.resolve(dir, settings.NAVBOT_PROFILE) : undefined);
    const browser = await chromium.launch({ ...choice.launch, timeout: timeoutMs });
    try {
      const page = await browser.newPage();
      return await siteMunicipalityList(page, { baseUrl: publicUrl, profile, timeoutMs });
    } finally {
      await browser.close();
    }
  } catch {
    return undefined;
  }
}
