// The console's page: preact + htm (htm's standalone module, served as /vendor/preact-htm.js), no
// build step. Each section is a module; data comes from the server's JSON routes, a run's progress
// from Server-Sent Events. Texts for staff are Russian.
import { html, render, useEffect, useState } from '/vendor/preact-htm.js';
import { Ready } from '/page/ready.js';
import { Queues } from '/page/queues.js';
import { Run } from '/page/run.js';
import { History } from '/page/history.js';
import { Schedule } from '/page/schedule.js';
import { api } from '/page/api.js';

const TABS = [
  ['ready', 'Готовность', Ready],
  ['queues', 'Очереди', Queues],
  ['run', 'Прогон', Run],
  ['history', 'История', History],
  ['schedule', 'Расписание', Schedule],
];

const current = () => {
  const id = location.hash.replace(/^#/, '');
  return TABS.some(([t]) => t === id) ? id : 'ready';
};

function App() {
  const [tab, setTab] = useState(current());
  const [closed, setClosed] = useState('');
  useEffect(() => {
    const on = () => setTab(current());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  const exit = async () => {
    try {
      await api('/api/exit', { method: 'POST' });
      setClosed('Пульт закрыт. Чтобы открыть его снова, запустите «Пульт navbot».');
    } catch (e) {
      alert(e.message);
    }
  };
  if (closed) return html`<main><section class="card"><p>${closed}</p></section></main>`;
  const Section = TABS.find(([t]) => t === tab)[2];
  return html`
    <header>
      <h1>Пульт navbot</h1>
      <nav>${TABS.map(([id, title]) => html`<a href=${`#${id}`} class=${id === tab ? 'active' : ''} aria-current=${id === tab ? 'page' : undefined}>${title}</a>`)}</nav>
      <button class="secondary" onClick=${exit}>Выйти</button>
    </header>
    <main><${Section} /></main>`;
}

const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);
