// Chromium switches that save memory without changing what the pages do, each measured with
// `npm run bench` (figures in src/navigator/README.md, «A lean browser»).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Browser-window parts a headless browser does not need: the address bar's suggestion popup is
 * a web page of its own («chrome://omnibox-popup.top-chrome», about 45 MB a context: Chromium
 * opens a window, with its address bar, for every context).
 */
const NOT_NEEDED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup'];

let playwrightList: string[] | null | undefined;

/**
 * The features Playwright itself disables (its `--disable-features`). Chromium reads only the
 * last `--disable-features` switch, so adding ours means repeating Playwright's: read from the
 * installed Playwright, or null when its code no longer looks as expected (then ours are left out).
 */
export function playwrightDisabledFeatures(): string[] | null {
  if (playwrightList !== undefined) return playwrightList;
  try {
    const pkg = createRequire(import.meta.url).resolve('playwright-core/package.json');
    const code = readFileSync(path.join(path.dirname(pkg), 'lib', 'coreBundle.js'), 'utf8');
    const body = /disabledFeatures = \[([\s\S]*?)\]\.filter\(Boolean\)/.exec(code)?.[1];
    const names = body
      ?.split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('//'));
    // Only plain quoted names: anything else (a condition, a spread) and we do not guess.
    playwrightList = names && names.length > 0 && names.every((l) => /^"[\w-]+",?$/.test(l)) ? names.map((l) => l.replace(/[",]/g, '')) : null;
  } catch {
    playwrightList = null;
  }
  return playwrightList;
}

/** The memory savers navbot turns on, each measured (src/navigator/README.md, «A lean browser»). */
export type LeanSwitch = 'no-omnibox-popup' | 'process-per-site' | 'low-end-device';

export const LEAN_SWITCHES: readonly LeanSwitch[] = ['no-omnibox-popup', 'process-per-site', 'low-end-device'];

let chosen: readonly LeanSwitch[] = LEAN_SWITCHES;

/** For the bench: measure the browser with another choice of savers (all by default). */
export function chooseLeanSwitches(names: readonly LeanSwitch[]): void {
  chosen = [...names];
}

/** The switches navbot adds to the browser's own (src/config/browser.ts) for a run. */
export function leanSwitches(): string[] {
  const out: string[] = [];
  const theirs = playwrightDisabledFeatures();
  // The address bar's suggestion popup: a page of ~45 MB in every context's window.
  if (chosen.includes('no-omnibox-popup') && theirs) out.push(`--disable-features=${[...theirs, ...NOT_NEEDED_FEATURES].join(',')}`);
  // The workers' admin pages (one site, one context) share one renderer process: Ext JS is
  // compiled once, not once a page.
  if (chosen.includes('process-per-site')) out.push('--process-per-site');
  // Chromium's memory-saving mode (smaller caches and heaps, no spare renderer): about -40 % of
  // the renderers' memory for about +15 % of their CPU.
  if (chosen.includes('low-end-device')) out.push('--enable-low-end-device-mode');
  return out;
}
