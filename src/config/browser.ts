// Which browser navbot drives. Our machines cannot download one, so we look for an installed one:
// an explicit path or channel (NAVBOT_BROWSER), an installed Edge/Chrome, a browser that a user
// installed through Playwright, then Debian's /usr/bin/chromium.
import { existsSync } from 'node:fs';
import { chromium, type LaunchOptions } from 'playwright';

export interface BrowserChoice {
  /** What was chosen, for messages: a path or a channel name. */
  describe: string;
  launch: LaunchOptions;
}

const CHANNELS = ['msedge', 'chrome'] as const;

const CHANNEL_PATHS: Record<string, Record<string, string[]>> = {
  win32: {
    msedge: ['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', 'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe'],
    chrome: ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe'],
  },
  darwin: {
    msedge: ['/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'],
    chrome: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
  },
  linux: {
    msedge: ['/opt/microsoft/msedge/msedge'],
    chrome: ['/opt/google/chrome/chrome'],
  },
};

const LINUX_FALLBACKS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Flags that keep a headless browser quiet on a closed network and usable as root in CI. */
export const BROWSER_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-gpu',
  '--disable-dev-shm-usage',
];

/** A headed browser's own words when it finds no screen to open its window on (X11, Wayland). */
const NO_DISPLAY = /XServer|X server|\$DISPLAY|cannot open display|Wayland|ozone_platform|platform failed to initialize/i;

/**
 * Why the browser did not start, in Russian, with what to do (doctor and run say the same). A
 * headed browser (NAVBOT_HEADLESS=false, --headed) on a PC without a screen — a service, an SSH
 * session, a server without a desktop — cannot open its window: a setting of this PC, not a
 * fault of the Navigator.
 */
export function describeLaunchFailure(error: unknown, browser: string, headless: boolean): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!headless && NO_DISPLAY.test(message)) {
    return `браузер не может открыть окно: нет экрана (DISPLAY) — navbot запущен без графического сеанса, а NAVBOT_HEADLESS=false (или --headed) просит показывать окно браузера; уберите NAVBOT_HEADLESS=false или запустите в сеансе с экраном`;
  }
  const first = message.split('\n').find((l) => l.trim() && !/^browserType\.launch: Target page, context or browser has been closed$/.test(l.trim())) ?? message.split('\n')[0];
  return `браузер ${browser} найден, но не запускается: ${first?.trim()}. Проверьте установку браузера или укажите другой в NAVBOT_BROWSER`;
}

/** What a launch names the browser by, for messages: its path or channel. */
export function browserName(launch: LaunchOptions): string {
  return launch.executablePath ?? launch.channel ?? 'chromium';
}

function channelInstalled(channel: string): boolean {
  const paths = CHANNEL_PATHS[process.platform]?.[channel] ?? [];
  if (process.platform === 'win32' && process.env.LOCALAPPDATA && channel === 'chrome') {
    paths.push(`${process.env.LOCALAPPDATA}\\Google\\Chrome\\Application\\chrome.exe`);
  }
  return paths.some((p) => existsSync(p));
}

function playwrightOwnBrowser(): string | undefined {
  try {
    const p = chromium.executablePath();
    return p && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Resolves the browser. `setting` is NAVBOT_BROWSER: a file path, or a channel (msedge, chrome,
 * chromium). Returns undefined when nothing is installed.
 */
export function resolveBrowser(setting?: string, headless = true): BrowserChoice | undefined {
  const base: LaunchOptions = { headless, args: [...BROWSER_ARGS, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])] };
  const wanted = setting?.trim();
  if (wanted) {
    if (existsSync(wanted)) return { describe: wanted, launch: { ...base, executablePath: wanted } };
    if (/^(msedge|chrome)(-beta|-dev|-canary)?$/.test(wanted)) return { describe: wanted, launch: { ...base, channel: wanted } };
    return undefined;
  }
  for (const channel of CHANNELS) {
    if (channelInstalled(channel)) return { describe: channel, launch: { ...base, channel } };
  }
  const own = playwrightOwnBrowser();
  if (own) return { describe: own, launch: { ...base, executablePath: own } };
  for (const p of LINUX_FALLBACKS) {
    if (existsSync(p)) return { describe: p, launch: { ...base, executablePath: p } };
  }
  return undefined;
}
