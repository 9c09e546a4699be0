// Calls to the console's server: same origin (the token is in a cookie), JSON in and out; an
// answer that is not OK throws with the server's Russian reason.
export async function api(path, o = {}) {
  const init = { method: o.method ?? 'GET', credentials: 'same-origin', headers: {} };
  if (o.body instanceof FormData) init.body = o.body;
  else if (o.body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(o.body);
  } else if (init.method !== 'GET') {
    init.headers['content-type'] = 'application/json';
    init.body = '{}';
  }
  const res = await fetch(path, init);
  const text = await res.text();
  let data;
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    data = { error: text };
  }
  if (!res.ok && !o.keep) throw new Error(data.error ?? ((data.lines ?? []).join('\n') || `Ошибка ${res.status}`));
  return data;
}

/** Russian words for a row's status (core/events.ts RowStatus and the live ones). */
export const STATUS = {
  pending: 'ожидает',
  running: 'в работе',
  issued: 'выполнено',
  already: 'уже было сделано',
  incomplete: 'не хватает данных',
  duplicate: 'дубликат в Навигаторе',
  failed: 'ошибка',
  skipped: 'пропущена',
  'dry-run': 'пробно (ничего не записано)',
  'phase-done': 'этап пройден',
};

export function countsText(counts) {
  const parts = Object.entries(counts ?? {}).filter(([, n]) => n > 0).map(([k, n]) => `${STATUS[k] ?? k}: ${n}`);
  return parts.length ? parts.join(', ') : '—';
}

export function when(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('ru-RU');
}

/** The queue picked on «Очереди», for «Прогон» and «Расписание». */
export const chosen = {
  get queue() {
    return sessionStorage.getItem('navbot.queue') ?? '';
  },
  set queue(v) {
    sessionStorage.setItem('navbot.queue', v);
  },
  /** «region» or «rehearsal» (the button «Репетиция на стенде»). */
  get where() {
    return sessionStorage.getItem('navbot.where') ?? '';
  },
  set where(v) {
    sessionStorage.setItem('navbot.where', v);
  },
  get flow() {
    return sessionStorage.getItem('navbot.flow') ?? '';
  },
  set flow(v) {
    sessionStorage.setItem('navbot.flow', v);
  },
};
