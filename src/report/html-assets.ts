// The inline style and script of report.html. Nothing here may reach the network: the file must
// open by double-click on an office PC, offline, and show the same thing years later.
import { STATUS_COLOR } from './labels.js';

/** Blocks every fetch but the report's own files (screenshots next to it) and inline code. */
export const CSP = "default-src 'none'; img-src 'self' file: data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

const statusRules = Object.entries(STATUS_COLOR)
  .map(([s, c]) => `.st-${s} .badge, .card.st-${s} { background: #${c}; }`)
  .join('\n');

export const STYLE = `
* { box-sizing: border-box; }
body { font: 14px/1.4 "Segoe UI", Arial, sans-serif; margin: 0 24px 40px; color: #222; background: #fff; }
h1 { font-size: 22px; margin: 18px 0 4px; }
h2 { font-size: 17px; margin: 22px 0 8px; }
.banner { margin: 12px 0; padding: 14px 18px; background: #c00000; color: #fff; font-size: 22px; font-weight: 700; letter-spacing: .03em; border-radius: 4px; }
.muted { color: #666; }
.cards { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0; }
.card { border: 1px solid #bbb; border-radius: 6px; padding: 8px 14px; min-width: 120px; cursor: pointer; font: inherit; text-align: left; }
.card b { display: block; font-size: 22px; }
.card[aria-pressed="true"] { outline: 3px solid #333; }
table { border-collapse: collapse; }
table.meta td { padding: 2px 12px 2px 0; vertical-align: top; }
table.meta td:first-child { font-weight: 600; white-space: nowrap; }
.notes { background: #fff4ce; border: 1px solid #e0c060; padding: 8px 12px; border-radius: 4px; }
.toolbar { position: sticky; top: 0; background: #fff; padding: 8px 0; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; border-bottom: 1px solid #ddd; z-index: 2; }
.toolbar button { font: inherit; padding: 4px 10px; border: 1px solid #999; border-radius: 4px; background: #f6f6f6; cursor: pointer; }
.toolbar button[aria-pressed="true"] { background: #333; color: #fff; border-color: #333; }
.toolbar input { font: inherit; padding: 4px 8px; min-width: 240px; }
#rows { width: 100%; margin-top: 8px; }
#rows th, #rows td { border: 1px solid #ddd; padding: 4px 6px; vertical-align: top; text-align: left; }
#rows th { background: #f2f2f2; position: sticky; top: 44px; z-index: 1; }
#rows td.num { text-align: right; white-space: nowrap; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; white-space: nowrap; }
tr[hidden] { display: none; }
details summary { cursor: pointer; color: #0563c1; }
ol.steps { margin: 4px 0; padding-left: 20px; }
.shots { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 4px; }
.shots img { width: 180px; border: 1px solid #bbb; }
code { background: #f2f2f2; padding: 1px 4px; border-radius: 3px; font-size: 13px; }
${statusRules}
`;

export const SCRIPT = `
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('#rows tbody tr.row'));
  var buttons = Array.prototype.slice.call(document.querySelectorAll('[data-filter]'));
  var search = document.getElementById('search');
  var shown = document.getElementById('shown');
  var current = 'all';
  function apply() {
    var q = search.value.trim().toLowerCase();
    var n = 0;
    rows.forEach(function (r) {
      var ok = (current === 'all' || r.getAttribute('data-status') === current) &&
        (!q || r.getAttribute('data-key').indexOf(q) >= 0);
      r.hidden = !ok;
      if (ok) n++;
    });
    buttons.forEach(function (b) { b.setAttribute('aria-pressed', String(b.getAttribute('data-filter') === current)); });
    shown.textContent = 'Показано строк: ' + n + ' из ' + rows.length;
  }
  buttons.forEach(function (b) {
    b.addEventListener('click', function () { current = b.getAttribute('data-filter'); apply(); });
  });
  search.addEventListener('input', apply);
  apply();
})();
`;
