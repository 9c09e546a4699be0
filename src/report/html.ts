// report.html: one self-contained file (inline style and script, no network) for review: the
// summary, a table filtered by status and searched by key, and per row its steps, durations,
// screenshots and, for a failed row, how to open its trace. Every text is escaped: staff columns
// are free text typed by people.
import { CSP, SCRIPT, STYLE } from './html-assets.js';
import { banners, formatDuration, formatTime, MODE_LABEL, modeText, runDurationMs } from './labels.js';
import type { ReportModel, ReportRow } from './model.js';
import { staffColumnNames } from './xlsx.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A relative file path as a URL (each segment percent-encoded, so «#» or spaces stay a path). */
export function fileHref(relative: string): string {
  return relative.split('/').map(encodeURIComponent).join('/');
}

function summary(model: ReportModel): string {
  const { meta } = model;
  const pairs: Array<[string, string]> = [
    ['Прогон', meta.runId],
    ['Режим', modeText(meta)],
    ...(meta.flow ? [['Процедура', `${model.layout.title} (--flow ${meta.flow.name})`] as [string, string]] : []),
    ['Начало', formatTime(model.startedAt)],
    ['Окончание', model.finished ? formatTime(model.endedAt) : `не завершён (последняя запись ${formatTime(model.endedAt)})`],
    ['Длительность прогона', formatDuration(runDurationMs(model.startedAt, model.endedAt))],
    ...(model.stopReason ? [['Причина остановки', model.stopReason] as [string, string]] : []),
    ...(model.exitCode !== undefined ? [['Код завершения', String(model.exitCode)] as [string, string]] : []),
    ['Сайт Навигатора', meta.target.publicUrl],
    ['Админ-панель', meta.target.adminUrl],
    ['Файл очереди', meta.queueFile],
    ['Версия navbot', meta.version],
    ['Строк в очереди', String(model.rows.length)],
    ['Отчёт построен', formatTime(model.builtAt)],
  ];
  const rows = pairs.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join('');
  const settings = model.settings.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join('');
  const log = model.logFile ? `<p>Подробный журнал работы: <a href="${escapeHtml(fileHref(model.logFile))}">${escapeHtml(model.logFile)}</a></p>` : '';
  const notes = model.notes.length ? `<div class="notes">${model.notes.map((n) => `<p>${escapeHtml(n)}</p>`).join('')}</div>` : '';
  return `<table class="meta" id="summary">${rows}</table>${log}${notes}
<details><summary>Настройки прогона (без паролей и секретов)</summary><table class="meta" id="settings">${settings}</table></details>`;
}

function cards(model: ReportModel): string {
  const all = `<button type="button" class="card" data-filter="all">Всего<b data-count="all">${model.rows.length}</b></button>`;
  const each = model.shown
    .map((s) => `<button type="button" class="card st-${s}" data-filter="${s}">${escapeHtml(model.labels[s])}<b data-count="${s}">${model.counts[s]}</b></button>`)
    .join('');
  return `<div class="cards" id="counts">${all}${each}</div>`;
}

function toolbar(model: ReportModel): string {
  const buttons = [`<button type="button" data-filter="all">Все</button>`]
    .concat(model.shown.map((s) => `<button type="button" data-filter="${s}">${escapeHtml(model.labels[s])} (${model.counts[s]})</button>`))
    .join('');
  return `<div class="toolbar">${buttons}<input type="search" id="search" placeholder="Поиск по ключу" aria-label="Поиск по ключу"><span id="shown" class="muted"></span></div>`;
}

function details(r: ReportRow): string {
  const parts: string[] = [];
  if (r.steps.length) {
    const multi = r.steps.some((s) => s.attempt > 1);
    const items = r.steps
      .map((s) => `<li>${multi ? `попытка ${s.attempt}: ` : ''}${escapeHtml(s.title)} — ${escapeHtml(s.outcome)}, ${escapeHtml(formatDuration(s.ms))}</li>`)
      .join('');
    parts.push(`<ol class="steps">${items}</ol>`);
  }
  if (r.planned?.length) {
    parts.push(`<p>Настоящий прогон выполнит:</p><ol class="steps planned">${r.planned.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ol>`);
  }
  if (r.screenshots.length) {
    const shots = r.screenshots
      .map((p) => {
        const href = escapeHtml(fileHref(p));
        return `<a href="${href}" title="${escapeHtml(p)}"><img loading="lazy" src="${href}" alt="Снимок экрана ${escapeHtml(p)}"></a>`;
      })
      .join('');
    parts.push(`<div class="shots">${shots}</div>`);
  }
  if (r.trace) {
    parts.push(`<p>Трассировка: <code>npx playwright show-trace ${escapeHtml(r.trace)}</code> (см. «Как открыть трассировку»)</p>`);
  }
  if (!parts.length) return '';
  const label = [
    r.steps.length ? `Шаги (${r.steps.length})` : r.planned?.length ? `План (${r.planned.length})` : '',
    r.screenshots.length ? `снимков: ${r.screenshots.length}` : '',
    r.trace ? 'трассировка' : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return `<details><summary>${label}</summary>${parts.join('')}</details>`;
}

function table(model: ReportModel): string {
  const staffNames = staffColumnNames(model.meta.staffHeaders, model.layout);
  const head = ['Строка', 'Ключ', ...staffNames, 'Статус', ...model.layout.columns.map((c) => c.header), 'E-mail', 'Причина', 'Что делать', 'Длительность', 'Попыток', 'Подробности']
    .map((h) => `<th>${escapeHtml(h)}</th>`)
    .join('');
  const body = model.rows
    .map((r) => {
      const search = `${r.key} ${r.keyNorm ?? ''}`.toLowerCase();
      const staff = model.meta.staffHeaders.map((h) => `<td data-col="staff">${escapeHtml(r.staff[h] ?? '')}</td>`).join('');
      return (
        `<tr class="row st-${r.status}" data-status="${r.status}" data-key="${escapeHtml(search)}">` +
        `<td class="num" data-col="rowNumber">${r.rowNumber}</td>` +
        `<td data-col="key">${escapeHtml(r.key)}</td>${staff}` +
        `<td data-col="status"><span class="badge">${escapeHtml(model.labels[r.status])}</span></td>` +
        model.layout.columns
          .map((c) => {
            const value = r.values[c.fact] ?? '';
            const shown = c.link && value ? `<a href="${escapeHtml(fileHref(value))}">${escapeHtml(value)}</a>` : escapeHtml(value);
            return `<td data-col="${escapeHtml(c.id)}">${shown}</td>`;
          })
          .join('') +
        `<td data-col="email">${escapeHtml(r.email ?? '')}</td>` +
        `<td data-col="reason">${escapeHtml(r.reason ?? '')}</td>` +
        `<td data-col="action">${escapeHtml(r.action ?? '')}</td>` +
        `<td class="num" data-col="ms">${escapeHtml(formatDuration(r.ms))}</td>` +
        `<td class="num" data-col="attempts">${r.attempts}</td>` +
        `<td data-col="details">${details(r)}</td></tr>`
      );
    })
    .join('\n');
  return `<table id="rows"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const TRACE_HELP = `<h2 id="trace-help">Как открыть трассировку</h2>
<p>Для каждой строки с ошибкой navbot сохраняет трассировку — запись действий браузера (страницы, нажатия, ответы сайта; пароли в ней скрыты).
Она лежит в папке <code>traces</code> рядом с этим отчётом. Чтобы открыть её, откройте командную строку в папке отчёта и выполните команду,
указанную в подробностях строки, например:</p>
<p><code>npx playwright show-trace traces/&lt;файл&gt;.zip</code></p>
<p>Трассировка открывается на этом компьютере; ничего не отправляется в интернет.</p>`;

export function renderHtml(model: ReportModel): string {
  const { meta } = model;
  const loud = banners(meta)
    .map((b) => `<div class="banner" role="alert">${escapeHtml(b)}</div>`)
    .join('');
  const hasTraces = model.rows.some((r) => r.trace);
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="navbot ${escapeHtml(meta.version)}">
<title>Отчёт navbot — ${escapeHtml(meta.runId)}</title>
<style>${STYLE}</style>
</head>
<body>
${loud}
<h1>Отчёт navbot</h1>
<p class="muted">Прогон ${escapeHtml(meta.runId)} · ${escapeHtml(MODE_LABEL[meta.mode] ?? meta.mode)} · очередь ${escapeHtml(meta.queueFile)}</p>
${cards(model)}
${summary(model)}
<h2>Строки очереди</h2>
${toolbar(model)}
${table(model)}
${TRACE_HELP}${hasTraces ? '' : '<p class="muted">В этом прогоне трассировок нет: ни одна строка не завершилась ошибкой.</p>'}
<script>${SCRIPT}</script>
</body>
</html>
`;
}
