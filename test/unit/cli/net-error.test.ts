// «fetch failed» tells staff nothing: the reason is a code on the error's cause.
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { describeFetchError, fetchErrorCode } from '../../../src/cli/net-error.js';
import { checkUrl } from '../../../src/doctor/checks.js';

/** What Node's fetch throws: TypeError('fetch failed') with the system error as its cause. */
const fetchFailed = (code: string, message = code) => new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });

async function closedPort(): Promise<number> {
  const probe = http.createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

describe('describeFetchError', () => {
  it('names the reason for each kind of failure in Russian, with the code for support', () => {
    expect(describeFetchError(fetchFailed('ECONNREFUSED'))).toBe(
      'соединение отклонено: по этому адресу и порту никто не отвечает (сервер не запущен или порт указан неверно) (ECONNREFUSED)',
    );
    for (const code of ['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']) {
      expect(describeFetchError(fetchFailed(code))).toBe(`сервер не ответил вовремя: нет сети, мешает прокси или сайт перегружен (${code})`);
    }
    expect(describeFetchError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBe(
      'сервер не ответил вовремя: нет сети, мешает прокси или сайт перегружен',
    );
    expect(describeFetchError(new DOMException('This operation was aborted', 'AbortError'))).toBe('запрос прерван, не дождавшись ответа');
    for (const code of ['ENOTFOUND', 'EAI_AGAIN']) {
      expect(describeFetchError(fetchFailed(code))).toBe(`имя сервера не найдено (DNS): проверьте адрес и подключение к интернету (${code})`);
    }
    expect(describeFetchError(fetchFailed('CERT_HAS_EXPIRED'))).toBe('срок действия сертификата HTTPS сайта истёк (CERT_HAS_EXPIRED)');
    expect(describeFetchError(fetchFailed('UNABLE_TO_VERIFY_LEAF_SIGNATURE'))).toContain('не удаётся проверить');
    expect(describeFetchError(fetchFailed('DEPTH_ZERO_SELF_SIGNED_CERT'))).toContain('самоподписанный');
    expect(describeFetchError(fetchFailed('ERR_TLS_CERT_ALTNAME_INVALID'))).toBe('сертификат HTTPS выдан на другое имя сайта: проверьте адрес (ERR_TLS_CERT_ALTNAME_INVALID)');
    expect(describeFetchError(fetchFailed('ECONNRESET'))).toBe('соединение оборвалось: сервер или сеть (прокси, антивирус) закрыли его (ECONNRESET)');
    // Unknown: still Russian, never the bare «fetch failed».
    expect(describeFetchError(new TypeError('fetch failed'))).toBe('не удалось соединиться с сайтом');
    expect(describeFetchError(fetchFailed('EWHATEVER', 'socket hang up'))).toBe('не удалось соединиться с сайтом: socket hang up (EWHATEVER)');
  });

  it('finds the code inside an AggregateError (one attempt per address)', () => {
    const both = new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' }), Object.assign(new Error('b'), { code: 'ECONNREFUSED' })]);
    const e = new TypeError('fetch failed', { cause: both });
    expect(fetchErrorCode(e)).toBe('ECONNREFUSED');
    expect(describeFetchError(e)).toMatch(/^соединение отклонено/);
  });

  it('describes what a real fetch to a closed port throws', async () => {
    const port = await closedPort();
    const e = await fetch(`http://127.0.0.1:${port}/`).catch((x: unknown) => x);
    expect((e as Error).message).toBe('fetch failed');
    expect(describeFetchError(e)).toMatch(/^соединение отклонено: .*\(ECONNREFUSED\)$/);
    // doctor says the same to staff, with the setting to check.
    const r = await checkUrl(`http://127.0.0.1:${port}/`, 'админ-панель', 'NAVBOT_ADMIN_URL', { timeoutMs: 5_000, stand: false });
    expect(r.text).toBe(
      `админ-панель http://127.0.0.1:${port}/ не отвечает: соединение отклонено: по этому адресу и порту никто не отвечает ` +
        '(сервер не запущен или порт указан неверно) (ECONNREFUSED). Проверьте адрес в NAVBOT_ADMIN_URL и доступ к сети.',
    );
  });
});
