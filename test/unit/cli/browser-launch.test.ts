// A browser that cannot open a window (headed, no screen) is a setting of this PC: doctor checks
// the browser in the mode the run will use, and both say the same words (issue 21, part 4).
import { describe, expect, it } from 'vitest';
import { browserName, describeLaunchFailure, resolveBrowser } from '../../../src/config/browser.js';
import { checkBrowser } from '../../../src/doctor/checks.js';
import { SettingsStopError } from '../../../src/core/errors.js';
import { BrowserHost } from '../../../src/runner/browser.js';
import { Politeness } from '../../../src/runner/politeness.js';

/** What Playwright says when a headed Chromium finds no X server (its first line and its log). */
const NO_X = new Error(
  [
    'browserType.launch: Target page, context or browser has been closed',
    'Browser logs:',
    "║ Looks like you launched a headed browser without having a XServer running.                     ║",
    "║ Set either 'headless: true' or use 'xvfb-run <your-playwright-app>' before running Playwright. ║",
    '  - [pid=1][err] [1:1:ERROR:ui/ozone/platform/x11/ozone_platform_x11.cc:257] Missing X server or $DISPLAY',
  ].join('\n'),
);

describe('describeLaunchFailure', () => {
  it('says a headed browser has no screen, and how to fix it, instead of «browser closed»', () => {
    const text = describeLaunchFailure(NO_X, '/usr/bin/chromium', false);
    expect(text).toMatch(/^браузер не может открыть окно: нет экрана \(DISPLAY\)/);
    expect(text).toContain('уберите NAVBOT_HEADLESS=false или запустите в сеансе с экраном');
    expect(text).not.toMatch(/Target page|closed/);
  });
  it('names the browser and its first real complaint for any other failure', () => {
    const text = describeLaunchFailure(new Error('browserType.launch: Failed to launch: spawn /opt/x/chrome EACCES\nCall log: …'), '/opt/x/chrome', true);
    expect(text).toBe('браузер /opt/x/chrome найден, но не запускается: browserType.launch: Failed to launch: spawn /opt/x/chrome EACCES. Проверьте установку браузера или укажите другой в NAVBOT_BROWSER');
    // Headless, an X complaint cannot be about the window.
    expect(describeLaunchFailure(NO_X, 'chromium', true)).not.toContain('нет экрана');
  });
  it('names a launch by its path or channel', () => {
    expect(browserName({ executablePath: '/usr/bin/chromium' })).toBe('/usr/bin/chromium');
    expect(browserName({ channel: 'msedge' })).toBe('msedge');
  });
});

describe('doctor checkBrowser', () => {
  // Only Linux can be without a screen; elsewhere a window always opens.
  it.runIf(process.platform === 'linux')('checks the mode the run will use: headed without DISPLAY is not ready, headless is', async () => {
    const saved = { DISPLAY: process.env.DISPLAY, WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY };
    delete process.env.DISPLAY;
    delete process.env.WAYLAND_DISPLAY;
    try {
      const headed = await checkBrowser(undefined, false);
      expect(headed.ok).toBe(false);
      expect(headed.area).toBe('settings');
      expect(headed.text).toContain('браузер не может открыть окно: нет экрана (DISPLAY)');
      const headless = await checkBrowser(undefined, true);
      expect(headless).toMatchObject({ ok: true, area: 'settings' });
      // The run's browser host: the same words, as a stop with exit 2 (not a fault to retry).
      const host = new BrowserHost({ launch: resolveBrowser(undefined, false)!.launch, politeness: new Politeness(100), origins: [], timeoutMs: 10_000, backoffMs: 10 });
      const error = await host.newContext().then(
        () => undefined,
        (e: unknown) => e,
      );
      await host.close();
      expect(error).toBeInstanceOf(SettingsStopError);
      expect((error as SettingsStopError).exitCode).toBe(2);
      expect((error as Error).message).toContain(headed.text.replace(/\.$/, ''));
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
    }
  }, 60_000);
});
