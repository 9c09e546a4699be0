// Why a request to the target failed, in words staff can act on. Node's fetch says only «fetch
// failed»; the reason is a code on its cause (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED…), a
// name for a timeout or an abort, sometimes inside an AggregateError (one try per address).

const CERTIFICATE: Record<string, string> = {
  CERT_HAS_EXPIRED: 'срок действия сертификата HTTPS сайта истёк',
  CERT_NOT_YET_VALID: 'сертификат HTTPS сайта ещё не действует (проверьте дату и время на этом компьютере)',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'сайт предъявил самоподписанный сертификат HTTPS',
  SELF_SIGNED_CERT_IN_CHAIN: 'в цепочке сертификата HTTPS сайта есть самоподписанный сертификат (часто — прокси или антивирус организации)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'сертификат HTTPS сайта не удаётся проверить: сервер не передал промежуточные сертификаты',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'сертификат HTTPS сайта выдан неизвестным этому компьютеру центром (часто — прокси или антивирус организации)',
  UNABLE_TO_GET_ISSUER_CERT: 'сертификат HTTPS сайта выдан неизвестным центром сертификации',
  ERR_TLS_CERT_ALTNAME_INVALID: 'сертификат HTTPS выдан на другое имя сайта: проверьте адрес',
  CERT_REVOKED: 'сертификат HTTPS сайта отозван',
};

/** Every code and name along the error's causes (and inside AggregateErrors), outermost first. */
function trail(e: unknown): { codes: string[]; names: string[] } {
  const codes: string[] = [];
  const names: string[] = [];
  const seen = new Set<unknown>();
  const visit = (x: unknown, depth: number) => {
    if (!x || typeof x !== 'object' || seen.has(x) || depth > 6) return;
    seen.add(x);
    const o = x as { code?: unknown; name?: unknown; cause?: unknown; errors?: unknown };
    if (typeof o.code === 'string') codes.push(o.code);
    if (typeof o.name === 'string') names.push(o.name);
    visit(o.cause, depth + 1);
    if (Array.isArray(o.errors)) for (const inner of o.errors) visit(inner, depth + 1);
  };
  visit(e, 0);
  return { codes, names };
}

/** The first system code found (ECONNREFUSED, CERT_HAS_EXPIRED…), if any. */
export function fetchErrorCode(e: unknown): string | undefined {
  return trail(e).codes[0];
}

/**
 * A Russian reason for a failed fetch, ending with the technical code in brackets when there is
 * one (for whoever supports staff). No trailing full stop: callers add their own advice.
 */
export function describeFetchError(e: unknown): string {
  const { codes, names } = trail(e);
  const has = (...xs: string[]) => codes.find((c) => xs.includes(c));
  const tag = (code: string | undefined) => (code ? ` (${code})` : '');
  const cert = codes.find((c) => c in CERTIFICATE) ?? codes.find((c) => /^(ERR_TLS_|CERT_|UNABLE_TO_)/.test(c));
  if (cert) return `${CERTIFICATE[cert] ?? 'сертификат HTTPS сайта не принят'}${tag(cert)}`;
  let code = has('ECONNREFUSED');
  if (code) return `соединение отклонено: по этому адресу и порту никто не отвечает (сервер не запущен или порт указан неверно)${tag(code)}`;
  code = has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL');
  if (code) return `имя сервера не найдено (DNS): проверьте адрес и подключение к интернету${tag(code)}`;
  code = has('ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT');
  if (code || names.includes('TimeoutError')) return `сервер не ответил вовремя: нет сети, мешает прокси или сайт перегружен${tag(code)}`;
  if (names.includes('AbortError')) return 'запрос прерван, не дождавшись ответа';
  code = has('ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE');
  if (code) return `соединение оборвалось: сервер или сеть (прокси, антивирус) закрыли его${tag(code)}`;
  code = has('EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN');
  if (code) return `сервер недоступен из этой сети: нет маршрута до него${tag(code)}`;
  code = codes.find((c) => /^ERR_SSL_|^EPROTO$/.test(c));
  if (code) return `не удалось установить защищённое соединение: возможно, адрес начинается с https://, а сайт работает по http://${tag(code)}`;
  code = has('ERR_INVALID_URL', 'ERR_INVALID_ARG_TYPE');
  if (code) return `адрес записан неверно${tag(code)}`;
  // The first message that says more than «fetch failed» (usually the cause's).
  let message = '';
  for (let x: unknown = e, i = 0; x && i < 6 && !message; x = (x as { cause?: unknown }).cause, i++) {
    const m = x instanceof Error ? x.message : typeof x === 'string' ? x : '';
    if (m && m !== 'fetch failed') message = m;
  }
  return `не удалось соединиться с сайтом${message ? `: ${message}` : ''}${tag(codes[0])}`;
}
