// «Расписание»: the night runs navbot installed (crontab / Task Scheduler), add and remove; the
// morning e-mail's settings and «Отправить пробное письмо».
import { html, useEffect, useState } from '/vendor/preact-htm.js';
import { api, chosen, when } from '/page/api.js';

export function Schedule() {
  const [data, setData] = useState(undefined);
  const [queues, setQueues] = useState([]);
  const [form, setForm] = useState({ queue: chosen.queue, at: '02:30', days: 'будни' });
  const [result, setResult] = useState(undefined);
  const load = () => api('/api/schedule').then(setData).catch((e) => setResult({ ok: false, lines: [e.message] }));
  useEffect(() => {
    load();
    api('/api/queues').then((r) => {
      setQueues(r.queues);
      setForm((f) => ({ ...f, queue: f.queue || (r.queues[0]?.name ?? '') }));
    });
  }, []);
  const call = async (path, body) => {
    setResult(await api(path, { method: 'POST', body, keep: true }).catch((e) => ({ ok: false, lines: [e.message] })));
    load();
  };
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.value });
  return html`
    <section class="card">
      <h2>Ночные прогоны</h2>
      ${!data && html`<p class="muted">Загрузка…</p>`}
      ${data?.problem && html`<div class="banner error">${data.problem}</div>`}
      ${data && !data.problem && data.runs.length === 0 && html`<p data-testid="schedule-empty">Ночных прогонов пока нет.</p>`}
      ${data && data.runs.length > 0 && html`<table data-testid="schedule-list">
        <thead><tr><th>Очередь</th><th>Время</th><th>Дни</th><th>Следующий запуск</th>${data.system === 'windows' ? html`<th>Состояние</th>` : ''}</tr></thead>
        <tbody>${data.runs.map((r) => html`<tr><td>${r.name}</td><td>${r.time ?? ''}</td><td>${r.days ?? ''}</td>
          <td>${/^\d{4}-/.test(r.next) ? when(r.next) : r.next}</td>${data.system === 'windows' ? html`<td>${r.status}</td>` : ''}</tr>`)}</tbody></table>`}
      <div class="row">
        <div><label for="sch-queue">Очередь</label><select id="sch-queue" value=${form.queue} onChange=${set('queue')}>
          ${queues.map((q) => html`<option value=${q.name}>${q.name}</option>`)}</select></div>
        <div><label for="sch-at">Время (ЧЧ:ММ)</label><input id="sch-at" value=${form.at} onInput=${set('at')} style="min-width:6rem" /></div>
        <div><label for="sch-days">Дни (будни, выходные, пн-пт, пн,ср,пт; пусто — каждый день)</label><input id="sch-days" value=${form.days} onInput=${set('days')} /></div>
      </div>
      <p class="row">
        <button onClick=${() => call('/api/schedule', form)} disabled=${!form.queue}>Добавить ночной прогон</button>
        <button class="secondary" onClick=${() => call('/api/schedule/remove', { queue: form.queue })} disabled=${!form.queue}>Удалить прогон этой очереди</button>
      </p>
      ${result && html`<pre class=${`lines banner ${result.ok ? 'good' : 'error'}`} data-testid="schedule-result">${result.lines.join('\n')}</pre>`}
      <p class="muted">Ночной прогон берёт копию очереди, загруженную в пульт: после правок в файле загрузите его снова на вкладке «Очереди». Компьютер в это время должен быть включён. Если в это время открыт прогон в пульте, ночной прогон подождёт до следующего раза.</p>
    </section>
    <section class="card">
      <h2>Утреннее письмо со сводкой</h2>
      ${data && html`<p>Кому: ${data.mail.to || 'не задано (NAVBOT_NOTIFY_TO в .env)'}; почтовый сервер: ${data.mail.smtp || 'не задан (NAVBOT_SMTP_URL в .env)'}.</p>`}
      <button class="secondary" onClick=${() => call('/api/mail/test')}>Отправить пробное письмо</button>
    </section>`;
}
