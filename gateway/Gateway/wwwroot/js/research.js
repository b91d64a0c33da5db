// The playground's Deep Research section: POST /api/research (the plan), POST /api/research/{id}/confirm,
// the live progress from GET /api/research/{id}/events (Server-Sent Events read with fetch, since EventSource
// cannot send the cookie header) and the report with its sources (the done event, or GET /api/research/{id}).

import { callApi, openStream, hasCookie, showErrorIn, hideError, el, credentialHeaders } from './api.js';
import { buildCurl } from './curl.js';
import { readEventStream } from './sse.js';
import { renderMarkdown } from './markdown.js';
import { sourceItems } from './media.js';

const $ = (id) => document.getElementById(id);

const STATE_TEXT = {
  awaiting_confirmation: 'Plan ready: waiting for your confirmation',
  running: 'Researching',
  completed: 'Completed',
};

export function initResearch() {
  const ui = {
    form: $('rs-form'),
    prompt: $('rs-prompt'),
    start: $('rs-start'),
    stop: $('rs-stop'),
    id: $('rs-id'),
    open: $('rs-open'),
    formError: $('rs-form-error'),
    progress: $('rs-progress'),
    error: $('rs-error'),
    plan: $('rs-plan'),
    planTitle: $('rs-plan-title'),
    planText: $('rs-plan-text'),
    planSteps: $('rs-plan-steps'),
    planEta: $('rs-plan-eta'),
    confirm: $('rs-confirm'),
    report: $('rs-report'),
    reportBody: $('rs-report-body'),
    sources: $('rs-sources'),
    sourceList: $('rs-source-list'),
    curl: $('rs-curl'),
  };
  if (!ui.form) {
    return;
  }
  const state = { id: null, controller: null, lastState: null };

  const showCurl = (method, path, body, stream) => {
    const headers = credentialHeaders();
    ui.curl.textContent = buildCurl({
      origin: window.location.origin, method, path, body, stream, psidts: Boolean(headers['x-gemini-psidts']), apikey: Boolean(headers['x-bridge-api-key']),
    });
  };
  const startCurl = () => showCurl('POST', '/api/research', { prompt: ui.prompt.value });
  startCurl();
  ui.prompt.addEventListener('input', startCurl);
  document.addEventListener('gbg:credentials', () => {
    if (!state.id) {
      startCurl();
    }
  });

  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    start();
  });
  ui.confirm.addEventListener('click', confirm);
  ui.stop.addEventListener('click', () => state.controller?.abort());
  ui.open.addEventListener('click', () => openById(ui.id.value.trim()));

  function ready() {
    ui.formError.textContent = '';
    hideError(ui.error);
    if (!hasCookie()) {
      ui.formError.textContent = 'Enter your __Secure-1PSID cookie in x-gemini-psid first.';
      $('pg-psid').focus();
      return false;
    }
    return true;
  }

  function step(stateName, text) {
    const time = new Date().toLocaleTimeString();
    const last = ui.progress.lastElementChild;
    // The stream repeats a state until it changes: one line per state, with the time it was last seen.
    if (last && last.dataset.state === stateName) {
      last.querySelector('.progress-time').textContent = `last update ${time}`;
      return;
    }
    ui.progress.append(el('li', { attrs: { 'data-state': stateName } },
      el('span', { className: 'progress-state', text: text || STATE_TEXT[stateName] || stateName }),
      el('span', { className: 'progress-time', text: time })));
    state.lastState = stateName;
  }

  function reset() {
    state.controller?.abort();
    ui.progress.replaceChildren();
    ui.plan.hidden = true;
    ui.report.hidden = true;
    state.lastState = null;
  }

  async function start() {
    if (!ready()) {
      return;
    }
    if (!ui.prompt.value.trim()) {
      ui.formError.textContent = 'Write a research question first.';
      ui.prompt.focus();
      return;
    }
    reset();
    const body = { prompt: ui.prompt.value };
    showCurl('POST', '/api/research', body);
    ui.start.disabled = true;
    step('starting', 'Asking Gemini for a plan…');
    const result = await callApi('POST', '/api/research', { body });
    ui.start.disabled = false;
    if (!result.ok) {
      step('failed', `Failed: ${result.error.code}`);
      showErrorIn(ui.error, result);
      return;
    }
    state.id = result.data.researchId;
    ui.id.value = state.id;
    showPlan(result.data);
    step(result.data.state || 'awaiting_confirmation');
    if (result.data.state === 'running') {
      follow();
    }
  }

  function showPlan(data) {
    const plan = data.plan || {};
    ui.plan.hidden = false;
    ui.planTitle.textContent = String(plan.title || 'Plan');
    ui.planText.textContent = String(data.text || '');
    ui.planSteps.replaceChildren(...(Array.isArray(plan.steps) ? plan.steps : []).map((s) => el('li', {},
      el('strong', { text: String(s.label || '') }), document.createTextNode(s.body ? ` ${s.body}` : ''))));
    ui.planEta.textContent = plan.eta ? String(plan.eta) : '';
    ui.confirm.textContent = String(plan.confirmPrompt || 'Start research');
    ui.confirm.disabled = data.state !== 'awaiting_confirmation';
    ui.confirm.hidden = false;
  }

  async function confirm() {
    if (!state.id || !ready()) {
      return;
    }
    const path = `/api/research/${encodeURIComponent(state.id)}/confirm`;
    showCurl('POST', path);
    ui.confirm.disabled = true;
    const result = await callApi('POST', path);
    if (!result.ok) {
      ui.confirm.disabled = false;
      step('failed', `Failed: ${result.error.code}`);
      showErrorIn(ui.error, result);
      return;
    }
    step(result.data.state || 'running', result.data.state === 'running' ? 'Confirmed: researching' : undefined);
    if (result.data.state === 'completed') {
      const report = await fetchReport();
      if (report) {
        showReport(report);
      }
    } else {
      await follow();
    }
  }

  async function follow() {
    const path = `/api/research/${encodeURIComponent(state.id)}/events`;
    showCurl('GET', path, undefined, true);
    const controller = new AbortController();
    state.controller = controller;
    ui.stop.disabled = false;
    let finished = false;
    try {
      const opened = await openStream(path, { signal: controller.signal });
      if (!opened.ok) {
        step('failed', `Failed: ${opened.error.code}`);
        showErrorIn(ui.error, opened);
        return;
      }
      await readEventStream(opened.response, ({ event, data }) => {
        if (event === 'status' && data && data.status) {
          const current = data.status.state;
          step(current);
          if (current === 'awaiting_confirmation') {
            // Nothing happens until the plan is confirmed: stop listening instead of hearing the same state.
            ui.confirm.disabled = false;
            controller.abort();
          }
        } else if (event === 'done' && data) {
          finished = true;
          showReport(data.data || {});
        } else if (event === 'error' && data) {
          finished = true;
          const error = data.error || {};
          step('failed', `Failed: ${error.code || 'API_ERROR'}`);
          showErrorIn(ui.error, { status: 0, error: { code: String(error.code || 'API_ERROR'), message: String(error.message || '') }, requestId: data.requestId });
        }
      });
      if (!finished && !controller.signal.aborted) {
        step('ended', 'The event stream ended before the report; use Open to check the research again.');
      }
    } catch (error) {
      if (!(error && error.name === 'AbortError')) {
        throw error;
      }
      if (state.lastState !== 'awaiting_confirmation') {
        step('stopped', 'Stopped following (the research goes on at Google; Open it again by id).');
      }
    } finally {
      if (state.controller === controller) {
        state.controller = null;
      }
      ui.stop.disabled = true;
    }
  }

  async function fetchReport() {
    const path = `/api/research/${encodeURIComponent(state.id)}`;
    showCurl('GET', path);
    const result = await callApi('GET', path);
    if (!result.ok) {
      step('failed', `Failed: ${result.error.code}`);
      showErrorIn(ui.error, result);
      return null;
    }
    return result.data;
  }

  async function openById(id) {
    if (!id) {
      ui.formError.textContent = 'Paste a research id first.';
      ui.id.focus();
      return;
    }
    if (!ready()) {
      return;
    }
    reset();
    state.id = id;
    const data = await fetchReport();
    if (!data) {
      return;
    }
    step(data.state || 'running');
    if (data.state === 'completed') {
      showReport(data);
    } else if (data.state === 'awaiting_confirmation') {
      showPlan({ ...data, plan: { title: data.title, confirmPrompt: 'Start research' } });
    } else {
      await follow();
    }
  }

  function showReport(data) {
    step('completed');
    ui.report.hidden = false;
    renderMarkdown(ui.reportBody, String(data.report || '(The report is empty.)'));
    const items = sourceItems(data.sources);
    ui.sourceList.replaceChildren(...items);
    ui.sources.hidden = items.length === 0;
    ui.confirm.disabled = true;
  }
}
