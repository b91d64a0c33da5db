// The playground's Gems section: GET /api/gems, POST /api/gems, PUT /api/gems/{id}, DELETE /api/gems/{id},
// and "Use in chat", which selects the gem in the Chat section. System gems are read-only (the API refuses
// changing them), so only custom gems get Edit and Delete.

import { callApi, hasCookie, showErrorIn, hideError, setStatusLine, el, armConfirm, credentialHeaders } from './api.js';
import { buildCurl } from './curl.js';
import { selectSection } from './tabs.js';

const $ = (id) => document.getElementById(id);

export function initGems() {
  const ui = {
    load: $('gm-load'),
    status: $('gm-status'),
    list: $('gm-list'),
    error: $('gm-error'),
    form: $('gm-form'),
    formTitle: $('gm-form-title'),
    name: $('gm-name'),
    description: $('gm-description'),
    instructions: $('gm-instructions'),
    save: $('gm-save'),
    cancel: $('gm-cancel'),
    formError: $('gm-form-error'),
    curl: $('gm-curl'),
  };
  if (!ui.load) {
    return;
  }
  const state = { editing: null, loaded: false };

  const showCurl = (method, path, body) => {
    const headers = credentialHeaders();
    ui.curl.textContent = buildCurl({ origin: window.location.origin, method, path, body, psidts: Boolean(headers['x-gemini-psidts']), apikey: Boolean(headers['x-bridge-api-key']) });
  };
  const formBody = () => ({ name: ui.name.value, description: ui.description.value, instructions: ui.instructions.value });
  const formCurl = () => (state.editing
    ? showCurl('PUT', `/api/gems/${encodeURIComponent(state.editing.id)}`, formBody())
    : showCurl('POST', '/api/gems', formBody()));
  showCurl('GET', '/api/gems');

  ui.load.addEventListener('click', load);
  for (const input of [ui.name, ui.description, ui.instructions]) {
    input.addEventListener('input', formCurl);
  }
  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    save();
  });
  ui.cancel.addEventListener('click', () => stopEditing());
  document.addEventListener('gbg:section', (event) => {
    if (event.detail.name === 'gems' && !state.loaded && hasCookie()) {
      load();
    }
  });
  document.addEventListener('gbg:credentials', (event) => {
    if (event.detail && event.detail.cookieChanged) {
      state.loaded = false;
    }
  });

  function needCookie() {
    if (hasCookie()) {
      return false;
    }
    showErrorIn(ui.error, { status: 0, error: { code: 'MISSING_GEMINI_CREDENTIALS', message: 'No cookie entered yet: nothing was sent.' } });
    setStatusLine(ui.status, 'error', 'Enter your cookie first.');
    return true;
  }

  async function load() {
    hideError(ui.error);
    showCurl('GET', '/api/gems');
    if (needCookie()) {
      return;
    }
    setStatusLine(ui.status, 'sending', 'Loading…');
    const result = await callApi('GET', '/api/gems');
    if (!result.ok) {
      showErrorIn(ui.error, result);
      setStatusLine(ui.status, 'error', `Failed: ${result.error.code}`);
      return;
    }
    state.loaded = true;
    const gems = Array.isArray(result.data && result.data.gems) ? result.data.gems : [];
    ui.list.replaceChildren(...gems.map(gemItem));
    const custom = gems.filter((gem) => gem.kind === 'custom').length;
    setStatusLine(ui.status, 'done', `${gems.length} gems: ${gems.length - custom} system, ${custom} custom.`);
  }

  function gemItem(gem) {
    const id = String(gem.id);
    const name = String(gem.name || id);
    const custom = gem.kind === 'custom';
    const use = el('button', { className: 'button button-ghost button-small', text: 'Use in chat', attrs: { type: 'button', 'aria-label': `Use in chat: ${name}` } });
    use.addEventListener('click', () => {
      document.dispatchEvent(new CustomEvent('gbg:use-gem', { detail: { id, name } }));
      selectSection('chat');
      document.getElementById('playground').scrollIntoView({ block: 'start' });
    });
    const actions = [use];
    if (custom) {
      const edit = el('button', { className: 'button button-ghost button-small', text: 'Edit', attrs: { type: 'button', 'aria-label': `Edit "${name}"` } });
      edit.addEventListener('click', () => startEditing(gem));
      const remove = el('button', { className: 'button button-ghost button-small', text: 'Delete', attrs: { type: 'button', 'aria-label': `Delete "${name}"` } });
      armConfirm(remove, 'Really delete?', () => removeGem(id, name));
      actions.push(edit, remove);
    }
    return el('li', { className: 'item', attrs: { 'data-id': id, 'data-kind': String(gem.kind || '') } },
      el('div', { className: 'item-main' },
        el('p', { className: 'item-title' }, document.createTextNode(name), document.createTextNode(' '),
          el('span', { className: `badge ${custom ? 'badge-custom' : 'badge-optional'}`, text: custom ? 'Custom' : 'System' })),
        gem.description ? el('p', { className: 'item-text', text: String(gem.description) }) : null,
        gem.instructions ? el('p', { className: 'item-text item-instructions', text: String(gem.instructions) }) : null,
        el('p', { className: 'item-meta' }, el('code', { className: 'mono-id', text: id }))),
      el('div', { className: 'item-actions' }, ...actions));
  }

  function startEditing(gem) {
    state.editing = gem;
    ui.formTitle.textContent = `Edit "${gem.name}"`;
    ui.name.value = String(gem.name ?? '');
    ui.description.value = String(gem.description ?? '');
    ui.instructions.value = String(gem.instructions ?? '');
    ui.save.textContent = 'Save changes';
    ui.cancel.hidden = false;
    ui.formError.textContent = '';
    formCurl();
    ui.name.focus();
  }

  function stopEditing() {
    state.editing = null;
    ui.formTitle.textContent = 'New gem';
    ui.name.value = '';
    ui.description.value = '';
    ui.instructions.value = '';
    ui.save.textContent = 'Create gem';
    ui.cancel.hidden = true;
    formCurl();
  }

  async function save() {
    ui.formError.textContent = '';
    hideError(ui.error);
    if (needCookie()) {
      return;
    }
    const body = formBody();
    const editing = state.editing;
    const method = editing ? 'PUT' : 'POST';
    const path = editing ? `/api/gems/${encodeURIComponent(editing.id)}` : '/api/gems';
    showCurl(method, path, body);
    ui.save.disabled = true;
    const result = await callApi(method, path, { body });
    ui.save.disabled = false;
    if (!result.ok) {
      // The API names the field it refuses (INVALID_BODY): shown with the form.
      showErrorIn(ui.error, result);
      ui.formError.textContent = `${result.error.code}: ${result.error.message}`;
      return;
    }
    const saved = result.data || {};
    stopEditing();
    await load();
    setStatusLine(ui.status, 'done', `${editing ? 'Saved' : 'Created'} "${saved.name || body.name}" (${saved.id || editing.id}).`);
    document.dispatchEvent(new CustomEvent('gbg:gems-changed'));
  }

  async function removeGem(id, name) {
    hideError(ui.error);
    const path = `/api/gems/${encodeURIComponent(id)}`;
    showCurl('DELETE', path);
    const result = await callApi('DELETE', path);
    if (!result.ok) {
      showErrorIn(ui.error, result);
      setStatusLine(ui.status, 'error', `Failed: ${result.error.code}`);
      return;
    }
    if (state.editing && state.editing.id === id) {
      stopEditing();
    }
    await load();
    setStatusLine(ui.status, 'done', `Deleted "${name}".`);
    document.dispatchEvent(new CustomEvent('gbg:gems-changed'));
  }
}
