// «История»: the runs (newest first) with their counts, each run's report and its table; the
// ledger (what navbot knows of this Navigator, `navbot ledger`) with a search by key.
import { html, useEffect, useState } from '/vendor/preact-htm.js';
import { api, countsText, when } from '/page/api.js';

const MODE = { run: 'прогон', 'dry-run': 'пробный', rehearsal: 'репетиция', demo: 'демо' };

function Ledger() {
  const [q, setQ] = useState('');
  const [data, setData] = useState(undefined);
  const [error, setError] = useState('');
  const find = (e) => {
    e?.preventDefault();
    api(`/api/ledger?q=${encodeURIComponent(q)}`).then(setData).catch((err) => setError(err.message));
  };
  useEffect(() => find(), []);
  return html`
    <section class="card">
      <h2>Учёт navbot (журнал)</h2>
      <form class="row" onSubmit=${find}>
        <div><label for="ledger-q">Поиск по ключу</label><input id="ledger-q" value=${q} onInput=${(e) => setQ(e.target.value)} /></div>
        <div><button type="submit">Найти</button></div>
      </form>
      ${error && html`<div class="banner error">${error}</div>`}
      ${data && html`<p class="muted">Навигатор ${data.target}: ключей всего ${data.total}, показано ${data.lines.length}.</p>
        ${data.warnings.map((w) => html`<div class="banner info">${w}</div>`)}
        <table data-testid="ledger"><thead><tr><th>Ключ</th><th>Состояние</th><th>Пользователь</th><th>Ребёнок</th><th>Сертификат</th><th>Очередь, строка</th><th>Последняя ошибка</th></tr></thead>
        <tbody>${data.lines.map((l) => html`<tr><td>${l.key}</td><td>${l.state}</td><td>${l.userId ?? ''}</td><td>${l.childId ?? ''}</td><td>${l.certificateNumber ?? ''}</td><td>${l.queue ?? ''}${l.row ? `, ${l.row}` : ''}</td><td>${l.lastError ?? ''}</td></tr>`)}</tbody></table>`}
    </section>`;
}

export function History() {
  const [runs, setRuns] = useState(undefined);
  const [error, setError] = useState('');
  useEffect(() => {
    api('/api/runs').then((r) => setRuns(r.runs)).catch((e) => setError(e.message));
  }, []);
  return html`
    <section class="card">
      <h2>Прогоны</h2>
      ${error && html`<div class="banner error">${error}</div>`}
      ${runs && runs.length === 0 && html`<p class="muted">Прогонов ещё не было.</p>`}
      ${runs && runs.length > 0 && html`<table data-testid="runs">
        <thead><tr><th>Начат</th><th>Очередь</th><th>Вид</th><th>Куда</th><th>Итог</th><th>Код</th><th>Отчёт</th></tr></thead>
        <tbody>${runs.map((r) => html`<tr data-run=${r.runId}>
          <td>${when(r.startedAt)}</td><td>${r.queue}${r.flow ? html`<br /><span class="muted">${r.flow}</span>` : ''}</td><td>${MODE[r.mode] ?? r.mode}</td><td>${r.target}</td>
          <td>${countsText(r.counts)}</td><td>${r.endedAt ? (r.exitCode ?? '—') : 'идёт'}</td>
          <td>${r.report ? html`<a href=${`/runs/${r.runId}/report.html`} target="_blank">Отчёт</a>` : '—'}${r.table ? html` · <a href=${`/runs/${r.runId}/report.xlsx`}>xlsx</a>` : ''}</td>
        </tr>`)}</tbody></table>`}
    </section>
    <${Ledger} />`;
}
