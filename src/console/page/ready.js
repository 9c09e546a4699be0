// «Готовность»: doctor's checklist (each ✗ says what to do), «Проверить ещё раз», and the
// first-time setup form (navbot init's questions; the password goes only to .env).
import { html, useEffect, useState } from '/vendor/preact-htm.js';
import { api } from '/page/api.js';

const MARK = { ok: '✓', fail: '✗', warn: '!', skip: '–', info: '' };

const item = (i) => html`<li class=${i.state}><span class=${`mark ${i.state}`}>${MARK[i.state]}</span>${i.text}</li>`;

function Checklist({ ready }) {
  const attention = ready.items.filter((i) => i.state === 'fail' || i.state === 'warn');
  const passed = ready.items.filter((i) => i.state === 'ok').length;
  return html`
    <div class=${`banner ${ready.kind === 'ready' ? 'good' : 'error'}`} data-testid="verdict">${ready.verdict}</div>
    ${attention.length > 0 && html`<h3>Что сделать</h3><ul class="checks" data-testid="attention">${attention.map(item)}</ul>`}
    <details open=${ready.kind !== 'ready' && attention.length === 0}>
      <summary>Все проверки: пройдено ${passed} из ${ready.items.filter((i) => i.state !== 'info').length}</summary>
      <ul class="checks" data-testid="checklist">${ready.items.map(item)}</ul>
    </details>
    <p class="muted">Проверено: ${new Date(ready.at).toLocaleString('ru-RU')}</p>`;
}

function Setup({ onDone }) {
  const [form, setForm] = useState(undefined);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState(undefined);
  useEffect(() => {
    api('/api/setup').then((f) => setForm({ ...f, adminPassword: '' }));
  }, []);
  if (!form) return html`<p class="muted">Загрузка…</p>`;
  const field = (name, label, type = 'text', hint = '') => html`
    <label for=${name}>${label}</label>
    <input id=${name} name=${name} type=${type} value=${form[name]} placeholder=${hint} autocomplete=${type === 'password' ? 'new-password' : 'off'}
      onInput=${(e) => setForm({ ...form, [name]: e.target.value })} />`;
  const save = async (e) => {
    e.preventDefault();
    setBusy(true);
    setResult(undefined);
    const r = await api('/api/setup', { method: 'POST', body: form, keep: true }).catch((err) => ({ ok: false, lines: [err.message] }));
    setBusy(false);
    setResult(r);
    setForm({ ...form, adminPassword: '' });
    if (r.ok) onDone(r.ready);
  };
  return html`
    <form onSubmit=${save}>
      ${field('publicUrl', 'Адрес публичного сайта Навигатора')}
      ${field('adminUrl', 'Адрес админ-панели')}
      ${field('adminEmail', 'Логин (e-mail) администратора')}
      ${field('adminPassword', 'Пароль администратора', 'password', form.hasPassword ? 'пусто — оставить прежний' : '')}
      ${field('emailTemplate', 'Шаблон e-mail заглушек', 'text', 'robot+{key}@school.ru')}
      ${field('municipality', 'Муниципалитет по умолчанию (можно оставить пустым)')}
      ${field('concurrency', 'Сколько строк обрабатывать одновременно (1–16)')}
      <p><button type="submit" disabled=${busy}>${busy ? 'Проверяю и сохраняю…' : 'Сохранить настройки'}</button></p>
      <p class="muted">Пароль записывается только в файл .env на этом компьютере и нигде не показывается.</p>
    </form>
    ${result && html`<pre class=${`lines banner ${result.ok ? 'good' : 'error'}`} data-testid="setup-result">${result.lines.join('\n')}</pre>`}`;
}

export function Ready() {
  const [ready, setReady] = useState(undefined);
  const [busy, setBusy] = useState(true);
  const [error, setError] = useState('');
  const [setup, setSetup] = useState(false);
  const load = (method) => {
    setBusy(true);
    setError('');
    api('/api/ready', { method })
      .then((r) => {
        setReady(r);
        if (method === 'GET' && (r.hasEnv === false || r.kind === 'settings')) setSetup(true);
      })
      .catch((e) => setError(e.message))
      .finally(() => setBusy(false));
  };
  useEffect(() => load('GET'), []);
  return html`
    <section class="card">
      <h2>Готовность к работе</h2>
      ${busy && html`<p class="muted" data-testid="checking">Проверяю: настройки, браузер, Навигатор, вход в админ-панель… (до минуты)</p>`}
      ${error && html`<div class="banner error">${error}</div>`}
      ${ready && !busy && html`<${Checklist} ready=${ready} />`}
      <p><button onClick=${() => load('POST')} disabled=${busy}>Проверить ещё раз</button></p>
    </section>
    <section class="card">
      <h2>Первая настройка</h2>
      ${setup
        ? html`<${Setup} onDone=${(r) => r && setReady(r)} />`
        : html`<p>Настройки берутся из файла .env в папке navbot. <button class="secondary" onClick=${() => setSetup(true)}>Открыть форму настройки</button></p>`}
    </section>`;
}
