// «Прогон»: choose the queue, the procedure, the threads and (optionally) the keys; «Запустить
// прогон» asks «Да, запустить» naming the Navigator and the rows; then live progress from the
// server's events, «Остановить» (as Ctrl+C: the rows in flight finish), and the report's link.
import { html, useEffect, useState } from '/vendor/preact-htm.js';
import { api, chosen, countsText, STATUS } from '/page/api.js';
import { FlowSelect } from '/page/queues.js';

const MODE = { run: 'прогон', 'dry-run': 'пробный прогон', rehearsal: 'репетиция на учебном стенде' };

function minutes(s) {
  if (s === undefined) return '—';
  if (s < 60) return 'меньше минуты';
  return `${Math.round(s / 60)} мин`;
}

function Progress({ summary, rows }) {
  if (!summary) return null;
  return html`
    <p data-testid="progress-summary">
      Обработано ${summary.ended} из ${summary.total}${summary.perMinute !== undefined ? ` · ${summary.perMinute} строк в минуту` : ''}${!summary.finished ? ` · осталось примерно: ${minutes(summary.secondsLeft)}` : ''}
    </p>
    <progress max=${summary.total || 1} value=${summary.ended}></progress>
    ${summary.notice && html`<div class="banner info" data-testid="notice"><b>Пройдите проверку в окне браузера.</b> ${summary.notice}</div>`}
    <p class="muted">${countsText(summary.counts)}</p>
    <table data-testid="rows">
      <thead><tr><th>Строка</th><th>Ключ</th><th>Состояние</th><th>Шаг</th><th>Причина / что делать</th></tr></thead>
      <tbody>${rows.map((r) => html`<tr data-key=${r.label ?? r.key}><td>${r.row ?? ''}</td><td>${r.label ?? r.key}</td><td>${STATUS[r.status] ?? r.status}</td><td>${r.step ?? ''}</td><td>${[r.reason, r.action].filter(Boolean).join(' — ')}</td></tr>`)}</tbody>
    </table>`;
}

function Outcome({ outcome }) {
  return html`<div class=${`banner ${outcome.exitCode === 0 ? 'good' : 'error'}`} data-testid="outcome">
    <p>${outcome.message}</p>
    ${outcome.counts && html`<p>${countsText(outcome.counts)}</p>`}
    ${outcome.hasReport && html`<p><a href=${`/runs/${outcome.runId}/report.html`} target="_blank">Отчёт</a> · <a href=${`/runs/${outcome.runId}/report.xlsx`}>Таблица (xlsx)</a></p>`}
  </div>`;
}

function useLiveRun() {
  const [view, setView] = useState({ active: false, rows: [], lines: [] });
  useEffect(() => {
    const source = new EventSource('/api/run/stream');
    source.onmessage = (m) => {
      const msg = JSON.parse(m.data);
      if (msg.type === 'state') setView(msg.view);
      else
        setView((v) => {
          const rows = v.rows.some((r) => r.key === msg.row.key) ? v.rows.map((r) => (r.key === msg.row.key ? msg.row : r)) : [...v.rows, msg.row];
          return { ...v, rows, summary: msg.summary };
        });
    };
    return () => source.close();
  }, []);
  return view;
}

function Scheduled({ scheduled }) {
  const p = scheduled.progress;
  return html`<div class="banner info" data-testid="scheduled">
    <p><b>Идёт прогон по расписанию</b> (${scheduled.label}, с ${new Date(scheduled.startedAt).toLocaleString('ru-RU')}). Новый прогон можно начать после его конца.</p>
    ${p && html`<p>Очередь «${p.queue}»: обработано ${p.summary.ended} из ${p.summary.total}. ${countsText(p.summary.counts)}</p>`}
  </div>`;
}

export function Run() {
  const view = useLiveRun();
  const [flows, setFlows] = useState([]);
  const [queues, setQueues] = useState([]);
  const [form, setForm] = useState({ queue: chosen.queue, flow: chosen.flow, concurrency: '', only: '', dryRun: false, dayPhase: false, where: chosen.where || 'region' });
  const [plan, setPlan] = useState(undefined);
  const [error, setError] = useState('');
  const [scheduled, setScheduled] = useState(undefined);
  useEffect(() => {
    api('/api/flows').then((r) => {
      setFlows(r.flows);
      setForm((f) => ({ ...f, flow: f.flow || r.flows[0].name }));
    });
    api('/api/queues').then((r) => {
      setQueues(r.queues);
      setForm((f) => ({ ...f, queue: f.queue || (r.queues[0]?.name ?? '') }));
    }).catch((e) => setError(e.message));
  }, []);
  useEffect(() => {
    if (view.active) return undefined;
    const look = () => api('/api/run').then((r) => setScheduled(r.scheduled)).catch(() => undefined);
    look();
    const every = setInterval(look, 5000);
    return () => clearInterval(every);
  }, [view.active]);
  const body = () => ({
    queue: form.queue,
    flow: form.flow,
    ...(form.concurrency ? { concurrency: Number(form.concurrency) } : {}),
    ...(form.only.trim() ? { only: form.only.split(/[\s,;]+/).filter(Boolean) } : {}),
    dryRun: form.dryRun && form.where === 'region' && !form.dayPhase,
    dayPhase: form.dayPhase && form.where === 'region',
    rehearsal: form.where === 'rehearsal',
  });
  const ask = async () => {
    setError('');
    try {
      setPlan(await api('/api/run/plan', { method: 'POST', body: body() }));
    } catch (e) {
      setError(e.message);
    }
  };
  const start = async () => {
    setPlan(undefined);
    try {
      await api('/api/run', { method: 'POST', body: body() });
    } catch (e) {
      setError(e.message);
    }
  };
  const stop = () => api('/api/run/stop', { method: 'POST' }).catch((e) => setError(e.message));
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.type === 'checkbox' ? e.target.checked : e.target.value });
  return html`
    ${scheduled && !view.active && html`<${Scheduled} scheduled=${scheduled} />`}
    <section class="card">
      <h2>Прогон</h2>
      ${view.active
        ? html`<p>Идёт ${MODE[view.mode] ?? 'прогон'}: очередь «${view.queueName}», ${view.flow}. Окно браузера можно закрыть — прогон продолжится.</p>
            <button class="danger" onClick=${stop} disabled=${view.stopping}>${view.stopping ? 'Останавливаю…' : 'Остановить'}</button>`
        : html`<div class="row">
              <div><label for="run-queue">Очередь</label><select id="run-queue" value=${form.queue} onChange=${set('queue')}>
                ${queues.length === 0 && html`<option value="">— сначала загрузите очередь на вкладке «Очереди» —</option>`}
                ${queues.map((q) => html`<option value=${q.name}>${q.name}</option>`)}</select></div>
              <div><label for="run-flow">Процедура</label><${FlowSelect} id="run-flow" flows=${flows} value=${form.flow} onChange=${(v) => setForm({ ...form, flow: v })} /></div>
              <div><label for="run-concurrency">Потоков (1–16)</label><input id="run-concurrency" type="number" min="1" max="16" placeholder="из настроек" value=${form.concurrency} onInput=${set('concurrency')} /></div>
            </div>
            <label for="run-where">Где выполнить</label><select id="run-where" value=${form.where} onChange=${(e) => ((chosen.where = e.target.value), set('where')(e))}>
              <option value="region">в Навигаторе (по настройкам)</option>
              <option value="rehearsal">репетиция на учебном стенде (в регион ничего не отправляется)</option></select>
            <label for="run-only">Только строки с ключами (через запятую; пусто — все)</label><input id="run-only" value=${form.only} onInput=${set('only')} />
            <label><input type="checkbox" checked=${form.dryRun} onChange=${set('dryRun')} style="min-width:0" /> Пробный прогон (ничего не записывать, показать, что будет сделано)</label>
            <label><input type="checkbox" checked=${form.dayPhase} onChange=${set('dayPhase')} style="min-width:0" /> Дневной этап: только регистрация на сайте, по одной строке, с проверкой «Я не робот» в окне браузера (остальное сделает ночной прогон)</label>
            <p><button onClick=${ask} disabled=${!form.queue || (!!scheduled && form.where === 'region')}>Запустить прогон</button></p>`}
      ${error && html`<div class="banner error">${error}</div>`}
      ${view.lines.length > 0 && html`<pre class="lines">${view.lines.join('\n')}</pre>`}
      ${view.outcome && !view.active && html`<${Outcome} outcome=${view.outcome} />`}
      <${Progress} summary=${view.summary} rows=${view.rows} />
    </section>
    ${plan && html`<div class="modal" role="dialog" aria-modal="true"><div>
      <h2>Запустить ${form.where === 'rehearsal' ? 'репетицию' : form.dryRun ? 'пробный прогон' : 'прогон'}?</h2>
      <p>Куда: <b>${plan.target}</b>${plan.isStand ? ' (учебный стенд)' : ''}</p>
      <p>Процедура: ${plan.flow}. Строк к обработке: <b>${plan.rows}</b>${plan.invalid ? `; строк с ошибками: ${plan.invalid} — пока они не исправлены, прогон всей очереди не начнётся (можно указать ключи готовых строк)` : ''}.</p>
      ${plan.fileError && html`<div class="banner error">${plan.fileError}</div>`}
      <p class="row"><button onClick=${start}>Да, запустить</button><button class="secondary" onClick=${() => setPlan(undefined)}>Отмена</button></p>
    </div></div>`}`;
}
