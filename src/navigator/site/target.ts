// The Navigator's public site as a target: its address (NAVBOT_PUBLIC_URL), reachability, and a
// worker's session on it (session.ts).
import { defineTarget, originOf } from '../target.js';
import type { Page } from 'playwright';
import { SiteSession, type SiteHandle } from './session.js';
import { PublicSite } from './site.js';

export type { SiteHandle } from './session.js';

export const siteTarget = defineTarget<SiteHandle>({
  name: 'site',
  title: 'публичный сайт',
  settings: { url: 'publicUrl', secrets: [] },
  url: (s) => s.publicUrl,
  origins: (s) => [originOf(s.publicUrl)],
  session: (host, settings) => new SiteSession(host, settings),
});

/** The registration form's municipality list (`navbot init`), read on a page the caller opened. */
export function siteMunicipalityList(page: Page, options: ConstructorParameters<typeof PublicSite>[1]): Promise<string[]> {
  return new PublicSite(page, options).municipalities();
}
