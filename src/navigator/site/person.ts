// A captcha on the public site is never solved by the robot: with a person at the screen
// (navbot run --headed) the form is filled, the window brought forward, the person told, and
// navbot waits for the widget's answer (issue: captcha hand-off).
import type { Locator, Page } from 'playwright';
import { waitText } from '../wait-text.js';

export { waitText };

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
