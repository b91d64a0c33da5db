// The playground's Quota section: GET /api/quota, the account summary and one row per usage counter.
// Several counters belong to one model family (Google keeps e.g. 1,11 / 2,11 / 6,11 for Flash): each row
// shows its quotaId, so rows that read the same model can be told apart.

import { callApi, hasCookie, showErrorIn, hideError, setStatusLine, localTime, el, credentialHeaders } from './api.js';
import { buildCurl } from './curl.js';
import { labelStackedTables } from './tables.js';

const $ = (id) => document.getElementById(id);

const MODEL_NAMES = { flash: 'Flash', pro: 'Pro', 'flash-thinking': 'Flash Thinking' };

export function initQuota() {
  const ui = {
    load: $('qt-load'),
    status: $('qt-status'),
    summary: $('qt-summary'),
    tableWrap: $('qt-table-wrap'),
    rows: $('qt-rows'),
    error: $('qt-error'),
    curl: $('qt-curl'),
  };
  if (!ui.load) {
    return;
  }
  let loaded = false;
  const showCurl = () => {
    const headers = credentialHeaders();
    ui.curl.textContent = buildCurl({ origin: window.location.origin, method: 'GET', path: '/api/quota', psidts: Boolean(headers['x-gemini-psidts']), apikey: Boolean(headers['x-bridge-api-key']) });
  };
  showCurl();
  document.addEventListener('gbg:credentials', (event) => {
    showCurl();
    if (event.detail && event.detail.cookieChanged) {
      loaded = false;
    }
  });
  document.addEventListener('gbg:section', (event) => {
    if (event.detail.name === 'quota' && !loaded && hasCookie()) {
      load();
    }
  });
  ui.load.addEventListener('click', load);

  async function load() {
    hideError(ui.error);
    if (!hasCookie()) {
      showErrorIn(ui.error, { status: 0, error: { code: 'MISSING_GEMINI_CREDENTIALS', message: 'No cookie entered yet: nothing was sent.' } });
      setStatusLine(ui.status, 'error', 'Enter your cookie first.');
      return;
    }
    setStatusLine(ui.status, 'sending', 'Loading…');
    ui.load.disabled = true;
    const result = await callApi('GET', '/api/quota');
    ui.load.disabled = false;
    if (!result.ok) {
      showErrorIn(ui.error, result);
      setStatusLine(ui.status, 'error', `Failed: ${result.error.code}`);
      return;
    }
    loaded = true;
    render(result.data || {});
    setStatusLine(ui.status, 'done', `Loaded at ${new Date().toLocaleTimeString()}${result.data.bestEffort ? ' · best effort' : ''}.`);
  }

  function render(data) {
    const unknown = new Set(Array.isArray(data.unknown) ? data.unknown : []);
    const value = (name, text) => (unknown.has(name) || data[name] === null || data[name] === undefined ? 'not given' : text);
    const pairs = [
      ['status', value('status', `${data.status}${data.statusCode !== null && data.statusCode !== undefined ? ` (${data.statusCode})` : ''}`)],
      ['usable', data.usable === true ? 'yes: chat should work' : data.usable === false ? 'no' : 'not given'],
      ['tier', value('tier', String(data.tier))],
      ['limitReached', value('limitReached', data.limitReached ? 'yes' : 'no')],
      ['usageFraction', value('usageFraction', `${Math.round(Number(data.usageFraction) * 100)} % of the allowance used`)],
      ['resetsAt', value('resetsAt', localTime(data.resetsAt))],
      ['unknown', unknown.size ? Array.from(unknown).join(', ') : 'none: every field was answered'],
    ];
    ui.summary.replaceChildren(...pairs.flatMap(([name, text]) => [el('dt', { text: name }), el('dd', { text })]));
    ui.summary.hidden = false;

    const models = Array.isArray(data.models) ? data.models : [];
    const families = new Map();
    for (const row of models) {
      families.set(row.model, (families.get(row.model) || 0) + 1);
    }
    ui.rows.replaceChildren(...models.map((row) => {
      const family = row.model ? (MODEL_NAMES[row.model] || String(row.model)) : 'Unknown model';
      const shared = families.get(row.model) > 1;
      return el('tr', { attrs: { 'data-quota-id': row.quotaId } },
        el('td', {},
          el('span', { text: family }),
          shared ? el('span', { className: 'cell-note', text: ` · counter ${row.quotaId}` }) : null),
        el('td', {}, el('code', { text: String(row.quotaId ?? '') })),
        el('td', { text: `${row.usagePercent === null || row.usagePercent === undefined ? 'not given' : `${row.usagePercent} %`}${row.limitReached ? ' · limit reached' : ''}` }),
        el('td', { text: row.unlimited ? 'unlimited' : row.limit ?? 'not given' }),
        el('td', { text: row.unlimited ? '—' : row.remaining ?? 'not given' }),
        el('td', { text: row.resetsAt ? localTime(row.resetsAt) : 'not given' }));
    }));
    ui.tableWrap.hidden = models.length === 0;
    labelStackedTables(ui.tableWrap);
  }
}
