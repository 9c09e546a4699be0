// A captcha on the public site is never solved by the robot: with a person at the screen
// (navbot run --headed) the form is filled, the window brought forward, the person told, and
// navbot waits for the widget's answer (issue: captcha hand-off).
import type { Locator, Page } from 'playwright';

/**
 * How long navbot waits for a person, in the units that do not decline (so «до …» and «за …» both
 * read right): 15 000 → «15 с», 300 000 → «5 мин», 90 000 → «1 мин 30 с». Whole minutes
 * rounded down used to show «0 мин» for NAVBOT_CAPTCHA_WAIT_S=15. (report's formatDuration
 * writes tenths for run times, «15,0 с», and navigator may not import report.)
 */
export function waitText(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const [m, s] = [Math.floor(total / 60), total % 60];
  if (m === 0) return `${s} с`;
  return s === 0 ? `${m} мин` : `${m} мин ${s} с`;
}

/**
 * Brings the window forward, tells the person, and waits until the captcha answered: a token
 * field of the form filled by the widget (reCAPTCHA, hCaptcha, SmartCaptcha and the stand's
 * widget all post one), or the «Я не робот» box ticked. False when the time ran out.
 */
export async function waitForPerson(page: Page, form: Locator, captcha: string, handOff: { waitMs: number; say: (text: string) => void }, timeoutMs: number, what = 'регистрации'): Promise<boolean> {
  await page.bringToFront();
  handOff.say(`Пройдите проверку «${captcha}» в окне браузера: navbot заполнил форму ${what} и ждёт до ${waitText(handOff.waitMs)}.`);
  const el = await form.elementHandle({ timeout: timeoutMs });
  try {
    await page.waitForFunction(
      ({ f, label }) => {
        const fields = Array.from((f as HTMLFormElement).querySelectorAll('input, textarea')) as Array<HTMLInputElement>;
        const token = fields.some((x) => /captcha|recaptcha|smart-token|token/i.test(x.name) && x.type !== 'checkbox' && x.value.trim() !== '');
        const ticked = fields.some((x) => x.type === 'checkbox' && x.checked && (x.labels?.[0]?.innerText ?? '').includes(label));
        return token || ticked;
      },
      { f: el, label: captcha },
      { timeout: handOff.waitMs, polling: 250 },
    );
    return true;
  } catch {
    return false;
  } finally {
    await el?.dispose();
  }
}
