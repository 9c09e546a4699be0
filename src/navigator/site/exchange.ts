// The public site's page exchanges the page object waits on: opening a page (a 5xx, 429 or an
// anti-bot 403 is the Navigator's state, retried), a form's POST and its JSON answer, and the
// messages a refusal shows. Each waits for the site's answer, never for time.
import type { Locator, Page, Request, Response } from 'playwright';
import { SystemError } from '../../core/errors.js';
import { soon } from '../soon.js';

/** The vendor's reply envelope, as far as this page object reads it. */
export interface SiteReply {
  success?: boolean;
  message?: string;
  errors?: Record<string, string>;
}

/** Opens `url` on the page; a page the site cannot serve now is a system fault. */
export async function openSitePage(page: Page, url: string, timeoutMs: number): Promise<void> {
  let response: Response | null;
  try {
    response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  } catch (e) {
    throw new SystemError(`Публичный сайт не открылся (${url}): ${(e as Error).message}`, { cause: e });
  }
  // 5xx, «too many requests» and an anti-bot 403 are the Navigator's state, not a missing page: retried.
  if (response && (response.status() >= 500 || response.status() === 429 || response.status() === 403)) {
    throw new SystemError(`Публичный сайт ответил ошибкой ${response.status()} на ${url}`);
  }
}

/**
 * Clicks a submit button and waits for the site's answer to the POST it sends. 5xx, a non-JSON
 * reply, a lost response or none within the timeout are system faults.
 */
export async function submitForm(page: Page, button: Locator, what: string, timeoutMs: number): Promise<{ status: number; json: SiteReply }> {
  const isPost = (r: Request) => r.method() === 'POST' && (r.resourceType() === 'fetch' || r.resourceType() === 'xhr');
  const sent = page.waitForRequest(isPost, { timeout: timeoutMs });
  sent.catch(() => undefined);
  await button.click({ timeout: timeoutMs });
  let request: Request;
  try {
    request = await sent;
  } catch (e) {
    throw new SystemError(`Сайт не отправил запрос (${what}) после нажатия кнопки`, { cause: e });
  }
  const timed = page.waitForResponse((r) => r.request() === request, { timeout: timeoutMs });
  timed.catch(() => undefined);
  let response: Response | null;
  try {
    response = await Promise.race([request.response(), timed]);
  } catch (e) {
    throw new SystemError(`Сайт не ответил за ${Math.round(timeoutMs / 1000)} с (${what})`, { cause: e });
  }
  if (!response) throw new SystemError(`Ответ сайта потерян (${what}): ${request.failure()?.errorText ?? 'соединение разорвано'}`);
  const status = response.status();
  if (status >= 500) {
    const body = await response.json().catch(() => undefined);
    const message = body && typeof body === 'object' ? (body as SiteReply).message : undefined;
    throw new SystemError(`Сайт ответил ошибкой ${status} (${what})${message ? `: ${message}` : ''}`);
  }
  const type = (await response.headerValue('content-type')) ?? '';
  if (!type.includes('json')) throw new SystemError(`Сайт прислал непонятный ответ (${what}, HTTP ${status}, ${type || 'без типа'})`);
  // The page may navigate away at once (success), after which the body can no longer be read:
  // then the HTTP status tells success, and the page itself shows the rest.
  const body: unknown = await response.json().catch(() => undefined);
  const json: SiteReply = body && typeof body === 'object' ? (body as SiteReply) : { success: status < 400 };
  return { status, json };
}


/** The messages the page shows after a refusal (field errors and the form's status). */
export async function shownMessages(page: Page, scope: Locator, json: SiteReply, timeoutMs: number): Promise<string[]> {
  const shown = scope.getByRole('alert').or(scope.getByRole('status')).filter({ hasText: /\S/ });
  await soon(page, shown.first(), timeoutMs);
  const texts = (await shown.allInnerTexts()).map((s) => s.trim()).filter(Boolean);
  const fallback = [json.message ?? '', ...Object.values(json.errors ?? {})].filter(Boolean);
  return [...new Set(texts.length > 0 ? texts : fallback)];
}
