// «Очереди»: the template per procedure, a queue picked or dropped, and its check — every finding
// of `validate` in a table (row, column, value, what is wrong, how to fix).
import { html, useEffect, useState } from '/vendor/preact-htm.js';
import { api, chosen } from '/page/api.js';

export function FlowSelect({ flows, value, onChange, id = 'flow' }) {
  return html`<select id=${id} value=${value} onChange=${(e) => onChange(e.target.value)}>
    ${flows.map((f) => html`<option value=${f.name}>${f.title}</option>`)}
  </select>`;
}

function CheckTable({ result }) {
  const c = result.check;
  if (c.fileError) return html`<div class="banner error" data-testid="check-summary">${c.fileError}</div>`;
  return html`
    <div class=${`banner ${c.valid ? 'good' : 'error'}`} data-testid="check-summary">
      ${c.valid ? `Очередь «${result.name}» в порядке: строк ${c.checked}, все готовы к прогону.` : `Очередь «${result.name}»: строк ${c.checked}, готовы ${c.ready}, с ошибками ${c.invalid}. Исправьте ошибки в файле и проверьте снова.`}
    </div>
    ${c.warnings.map((w) => html`<div class="banner info">Внимание: ${w}</div>`)}
    ${c.problems.length > 0 &&
    html`<table data-testid="problems">
      <thead><tr><th>Строка</th><th>Столбец</th><th>Значение</th><th>Что не так</th><th>Как исправить</th></tr></thead>
      <tbody>${c.problems.map((p) => html`<tr><td>${p.rowNumber || 'файл'}</td><td>${p.column}${p.header ? ` «${p.header}»` : ''}</td><td>${p.value}</td><td>${p.problem}</td><td>${p.fix}</td></tr>`)}</tbody>
    </table>`}`;
}

export function Queues() {
  const [flows, setFlows] = useState([]);
  const [flow, setFlow] = useState(chosen.flow);
  const [queues, setQueues] = useState([]);
  const [result, setResult] = useState(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [over, setOver] = useState(false);
  const refresh = () => api('/api/queues').then((r) => setQueues(r.queues)).catch((e) => setError(e.message));
  useEffect(() => {
    api('/api/flows').then((r) => {
      setFlows(r.flows);
      if (!flow) setFlow(r.flows[0].name);
    });
    refresh();
  }, []);
  const pickFlow = (f) => {
    setFlow(f);
    chosen.flow = f;
  };
  const upload = async (file) => {
    if (!file) return;
    setBusy(true);
    setError('');
    setResult(undefined);
    const body = new FormData();
    body.append('flow', flow);
    body.append('queue', file, file.name);
    try {
      const r = await api('/api/queues', { method: 'POST', body });
      setResult(r);
      chosen.queue = r.name;
      chosen.flow = r.flow;
      refresh();
    } catch (e) {
      setError(e.message);
    } finally {
      setBusy(false);
    }
  };
  const recheck = async (name) => {
    setBusy(true);
    setError('');
    try {
      const r = await api('/api/queues/check', { method: 'POST', body: { name, flow } });
      setResult(r);
      chosen.queue = r.name;
    } catch (e) {
      setError(e.message);
    } finally {
      setBusy(false);
    }
  };
  const drop = (e) => {
    e.preventDefault();
    setOver(false);
    upload(e.dataTransfer.files[0]);
  };
  return html`
    <section class="card">
      <h2>Проверка очереди</h2>
      <div class="row">
        <div><label for="flow">Процедура</label><${FlowSelect} flows=${flows} value=${flow} onChange=${pickFlow} /></div>
        <div><a class="button secondary" href=${`/api/template?flow=${encodeURIComponent(flow)}`} download>Скачать шаблон очереди</a></div>
      </div>
      <div class=${`drop ${over ? 'over' : ''}`} onDragOver=${(e) => (e.preventDefault(), setOver(true))} onDragLeave=${() => setOver(false)} onDrop=${drop}>
        <label for="queue-file">Файл очереди (.xlsx или .csv): выберите или перетащите сюда</label>
        <input id="queue-file" type="file" accept=".xlsx,.csv" onChange=${(e) => upload(e.target.files[0])} />
      </div>
      ${busy && html`<p class="muted">Проверяю очередь…</p>`}
      ${error && html`<div class="banner error">${error}</div>`}
      ${result && html`<${CheckTable} result=${result} />`}
      ${result && !result.check.fileError && html`<p class="row">
        <button onClick=${() => recheck(result.name)}>Проверить</button>
        <button class="secondary" onClick=${() => ((chosen.where = 'region'), (location.hash = 'run'))}>Перейти к запуску</button>
        <button class="secondary" onClick=${() => ((chosen.where = 'rehearsal'), (location.hash = 'run'))}>Репетиция на стенде</button>
      </p>`}
    </section>
    <section class="card">
      <h2>Загруженные очереди</h2>
      ${queues.length === 0 ? html`<p class="muted">Пока нет.</p>` : html`<table>
        <thead><tr><th>Файл</th><th>Загружен</th><th></th></tr></thead>
        <tbody>${queues.map((q) => html`<tr><td>${q.name}</td><td>${new Date(q.savedAt).toLocaleString('ru-RU')}</td>
          <td><button class="secondary" onClick=${() => recheck(q.name)}>Проверить</button></td></tr>`)}</tbody></table>`}
    </section>`;
}
