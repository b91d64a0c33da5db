// The API playground: builds a POST /api/chat request from the form, sends it to this gateway only,
// and renders the JSON answer or the Server-Sent Events stream as it arrives. Cookies live in this
// module's inputs (page memory); "Remember in this browser" copies them to sessionStorage, nothing else.
// Untrusted text (answers, errors, ids) only ever goes through textContent or the safe Markdown renderer.

import { readEventStream } from './sse.js';
import { renderMarkdown, safeUrl } from './markdown.js';
import { buildCurl } from './curl.js';

const STORAGE_KEY = 'gbg-playground-credentials';
const ROTATED_HEADER = 'x-gemini-psidts-next';

export const DEFAULT_MODELS = [
  { id: 'gemini-3-flash', displayName: 'Gemini 3 Flash' },
  { id: 'gemini-3-flash-thinking', displayName: 'Gemini 3 Flash Thinking' },
  { id: 'gemini-3-pro', displayName: 'Gemini 3 Pro' },
];

const $ = (id) => document.getElementById(id);

export function initPlayground() {
  const form = $('pg-form');
  if (!form) {
    return;
  }

  const el = {
    form,
    psid: $('pg-psid'),
    psidts: $('pg-psidts'),
    apikey: $('pg-apikey'),
    remember: $('pg-remember'),
    prompt: $('pg-prompt'),
    model: $('pg-model'),
    modelSource: $('pg-model-source'),
    gemField: $('pg-gem-field'),
    gem: $('pg-gem'),
    stream: $('pg-stream'),
    thinking: $('pg-thinking'),
    temporary: $('pg-temporary'),
    cont: $('pg-continue'),
    files: $('pg-files'),
    fileList: $('pg-file-list'),
    clearFiles: $('pg-clear-files'),
    send: $('pg-send'),
    stop: $('pg-stop'),
    forget: $('pg-forget'),
    formError: $('pg-form-error'),
    status: $('pg-status'),
    error: $('pg-error'),
    errorCode: $('pg-error-code'),
    errorStatus: $('pg-error-status'),
    errorMessage: $('pg-error-message'),
    errorRequest: $('pg-error-request'),
    thoughts: $('pg-thoughts'),
    thoughtsBody: $('pg-thoughts-body'),
    answer: $('pg-answer'),
    images: $('pg-images'),
    citations: $('pg-citations'),
    citationList: $('pg-citation-list'),
    conversation: $('pg-conversation'),
    conversationIds: $('pg-conversation-ids'),
    rotation: $('pg-rotation'),
    curl: $('pg-curl'),
    copyCurl: $('pg-copy-curl'),
    rotate: $('pg-rotate'),
  };

  const state = {
    conversation: null,
    controller: null,
    catalogs: { models: 'unknown', gems: 'unknown' },
    view: emptyView(),
    renderPending: false,
  };

  // ---- credentials: memory first, sessionStorage only when asked ----
  restoreCredentials(el);
  const saveIfRemembered = () => {
    if (el.remember.checked) {
      try {
        sessionStorage.setItem(STORAGE_KEY, JSON.stringify({
          psid: el.psid.value, psidts: el.psidts.value, apikey: el.apikey.value,
        }));
      } catch {
        // Storage refused (private mode quotas): memory still works.
      }
    }
  };
  el.remember.addEventListener('change', () => {
    if (el.remember.checked) {
      saveIfRemembered();
    } else {
      forgetStored();
    }
  });
  for (const input of [el.psid, el.psidts, el.apikey]) {
    input.addEventListener('input', () => {
      saveIfRemembered();
      updateCurl();
    });
  }
  el.psid.addEventListener('change', () => loadCatalogs(true));
  el.apikey.addEventListener('change', () => loadCatalogs(true));
  el.forget.addEventListener('click', () => {
    el.psid.value = '';
    el.psidts.value = '';
    el.apikey.value = '';
    el.remember.checked = false;
    forgetStored();
    updateCurl();
    el.psid.focus();
  });

  for (const button of document.querySelectorAll('[data-reveal]')) {
    button.addEventListener('click', () => {
      const input = $(button.dataset.reveal);
      const show = input.type === 'password';
      input.type = show ? 'text' : 'password';
      button.textContent = show ? 'Hide' : 'Show';
      button.setAttribute('aria-label', `${button.textContent} ${input.name === 'psid' ? 'x-gemini-psid' : 'x-gemini-psidts'}`);
    });
  }

  // ---- request options ----
  fillModels(el, DEFAULT_MODELS, 'Default list (GET /api/models is not available here yet).');
  for (const input of [el.prompt, el.model, el.gem, el.stream, el.thinking, el.temporary, el.cont]) {
    input.addEventListener(input.tagName === 'TEXTAREA' ? 'input' : 'change', updateCurl);
  }
  el.files.addEventListener('change', () => {
    showFiles(el);
    updateCurl();
  });
  el.clearFiles.addEventListener('click', () => {
    el.files.value = '';
    showFiles(el);
    updateCurl();
    el.files.focus();
  });

  el.copyCurl.addEventListener('click', () => copyText(el.curl.textContent, el.copyCurl, el.curl));
  el.rotate.addEventListener('click', rotateNow);

  el.form.addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });
  el.prompt.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      el.form.requestSubmit();
    }
  });
  el.stop.addEventListener('click', () => state.controller?.abort());

  updateCurl();
  loadCatalogs(false);

  // ---- helpers bound to this page ----

  function requestBody() {
    const body = {
      prompt: el.prompt.value,
      model: el.model.value || null,
      temporary: el.temporary.checked,
      extended_thinking: el.thinking.checked,
      gem: el.gem.value || null,
      stream: el.stream.checked,
    };
    if (el.cont.checked && state.conversation) {
      body.conversation = state.conversation;
    }
    return body;
  }

  function credentialHeaders() {
    const headers = {};
    const psid = el.psid.value.trim();
    const psidts = el.psidts.value.trim();
    const apikey = el.apikey.value.trim();
    if (psid) {
      headers['x-gemini-psid'] = psid;
    }
    if (psidts) {
      headers['x-gemini-psidts'] = psidts;
    }
    if (apikey) {
      headers['x-bridge-api-key'] = apikey;
    }
    return headers;
  }

  function updateCurl() {
    el.curl.textContent = buildCurl({
      origin: window.location.origin,
      body: requestBody(),
      psid: el.psid.value.trim(),
      psidts: el.psidts.value.trim(),
      apikey: el.apikey.value.trim(),
      files: Array.from(el.files.files || []).map((file) => file.name),
    });
  }

  async function loadCatalogs(onlyIfWaiting) {
    const wanted = [];
    if (!onlyIfWaiting || state.catalogs.models === 'needs-credentials') {
      wanted.push(loadModels());
    }
    if (!onlyIfWaiting || state.catalogs.gems === 'needs-credentials') {
      wanted.push(loadGems());
    }
    await Promise.all(wanted);
  }

  async function loadModels() {
    const result = await fetchList('/api/models', credentialHeaders());
    state.catalogs.models = result.status;
    if (result.status === 'ok' && result.items.length > 0) {
      const models = result.items
        .map((m) => ({
          id: String(m.alias || m.id || m.name || ''),
          displayName: String(m.displayName || m.display_name || m.alias || m.id || ''),
          description: m.description ? String(m.description) : '',
        }))
        .filter((m) => m.id);
      if (models.length > 0) {
        fillModels(el, models, `From GET /api/models (${models.length} models on this account).`);
        updateCurl();
        return;
      }
    }
    const why = {
      missing: 'Default list (GET /api/models is not available here yet).',
      'needs-credentials': 'Default list: enter your cookie to load the models of your account.',
      failed: `Default list: GET /api/models failed${result.code ? ` (${result.code})` : ''}.`,
      ok: 'Default list.',
    }[result.status] || 'Default list.';
    el.modelSource.textContent = why;
  }

  async function loadGems() {
    const result = await fetchList('/api/gems', credentialHeaders());
    state.catalogs.gems = result.status;
    if (result.status !== 'ok' || result.items.length === 0) {
      el.gemField.hidden = true;
      el.gem.value = '';
      return;
    }
    const selected = el.gem.value;
    const none = document.createElement('option');
    none.value = '';
    none.textContent = 'None';
    const groups = new Map();
    for (const gem of result.items) {
      const id = gem && (gem.id ?? gem.gemId);
      if (!id) {
        continue;
      }
      const kind = String(gem.kind || gem.type || (gem.predefined || gem.system ? 'system' : 'custom'));
      const label = kind.toLowerCase() === 'system' ? 'System gems' : 'Custom gems';
      if (!groups.has(label)) {
        const group = document.createElement('optgroup');
        group.label = label;
        groups.set(label, group);
      }
      const option = document.createElement('option');
      option.value = String(id);
      option.textContent = String(gem.name || gem.title || id);
      if (gem.description) {
        option.title = String(gem.description);
      }
      groups.get(label).append(option);
    }
    el.gem.replaceChildren(none, ...groups.values());
    el.gem.value = selected;
    el.gemField.hidden = groups.size === 0;
    updateCurl();
  }

  function scheduleRender() {
    if (state.renderPending) {
      return;
    }
    state.renderPending = true;
    requestAnimationFrame(() => {
      state.renderPending = false;
      renderView(el, state.view);
    });
  }

  function setStatus(kind, text) {
    el.status.dataset.state = kind;
    el.status.textContent = text;
    el.answer.dataset.state = kind;
  }

  function setBusy(busy) {
    el.send.disabled = busy;
    el.stop.disabled = !busy;
    el.answer.setAttribute('aria-busy', String(busy));
  }

  function showError(code, message, status, requestId) {
    el.error.hidden = false;
    el.errorCode.textContent = code;
    el.errorStatus.textContent = status ? `HTTP ${status}` : '';
    el.errorMessage.textContent = message || '';
    el.errorRequest.textContent = requestId ? `requestId: ${requestId}` : '';
    setStatus('error', `Failed: ${code}`);
  }

  function setConversation(conversation) {
    if (!conversation || !conversation.conversationId) {
      return;
    }
    state.conversation = {
      conversationId: conversation.conversationId,
      responseId: conversation.responseId ?? null,
      choiceId: conversation.choiceId ?? null,
      context: conversation.context ?? null,
    };
    state.view.conversation = state.conversation;
    el.cont.disabled = false;
  }

  function applyRotation(response) {
    const next = response.headers.get(ROTATED_HEADER);
    if (next) {
      el.psidts.value = next;
      saveIfRemembered();
      el.rotation.hidden = false;
      el.rotation.textContent = 'Google rotated __Secure-1PSIDTS: the x-gemini-psidts field now holds the new value (from the x-gemini-psidts-next header).';
      updateCurl();
    }
  }

  /** POST /api/session/rotate: a fresh __Secure-1PSIDTS without a chat (answered in x-gemini-psidts-next). */
  async function rotateNow() {
    el.formError.textContent = '';
    const headers = credentialHeaders();
    if (!headers['x-gemini-psid']) {
      el.formError.textContent = 'Enter your __Secure-1PSID cookie in x-gemini-psid first.';
      el.psid.focus();
      return;
    }
    el.rotate.disabled = true;
    el.rotation.hidden = true;
    el.error.hidden = true;
    try {
      const response = await fetch('/api/session/rotate', { method: 'POST', headers, cache: 'no-store', credentials: 'omit' });
      applyRotation(response);
      let envelope = null;
      try {
        envelope = await response.json();
      } catch {
        envelope = null;
      }
      if (!envelope || envelope.success !== true) {
        const error = (envelope && envelope.error) || {};
        showError(String(error.code || `HTTP_${response.status}`), String(error.message || response.statusText), response.status, envelope && envelope.requestId);
      } else if (!response.headers.get(ROTATED_HEADER)) {
        el.rotation.hidden = false;
        el.rotation.textContent = 'Google kept the current __Secure-1PSIDTS: nothing to update.';
      }
    } catch (error) {
      showError('NETWORK_ERROR', `The gateway could not be reached: ${error && error.message ? error.message : error}`);
    } finally {
      el.rotate.disabled = false;
    }
  }

  async function send() {
    el.formError.textContent = '';
    const headers = credentialHeaders();
    if (!headers['x-gemini-psid']) {
      el.formError.textContent = 'Enter your __Secure-1PSID cookie in x-gemini-psid first.';
      el.psid.focus();
      return;
    }
    if (!el.prompt.value.trim()) {
      el.formError.textContent = 'Write a prompt first.';
      el.prompt.focus();
      return;
    }

    const body = requestBody();
    const files = Array.from(el.files.files || []);
    let payload;
    if (files.length > 0) {
      payload = new FormData();
      // The JSON payload as a plain field (no filename: any part with a filename is a file).
      payload.append('request', JSON.stringify(body));
      for (const file of files) {
        payload.append('file', file, file.name);
      }
    } else {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    headers.accept = body.stream ? 'text/event-stream' : 'application/json';

    state.view = emptyView();
    $('pg-empty').hidden = true;
    el.error.hidden = true;
    el.rotation.hidden = true;
    renderView(el, state.view);
    setBusy(true);
    setStatus('sending', 'Sending…');
    const started = performance.now();
    const controller = new AbortController();
    state.controller = controller;

    try {
      const response = await fetch('/api/chat', {
        method: 'POST',
        headers,
        body: payload,
        cache: 'no-store',
        credentials: 'omit',
        signal: controller.signal,
      });
      applyRotation(response);
      const type = response.headers.get('content-type') || '';
      if (response.ok && type.includes('text/event-stream')) {
        await receiveStream(response, started);
      } else {
        await receiveJson(response, started);
      }
    } catch (error) {
      if (error && error.name === 'AbortError') {
        renderView(el, state.view);
        setStatus('error', 'Stopped.');
      } else {
        showError('NETWORK_ERROR', `The gateway could not be reached: ${error && error.message ? error.message : error}`);
      }
    } finally {
      state.controller = null;
      setBusy(false);
    }
  }

  async function receiveJson(response, started) {
    let envelope = null;
    try {
      envelope = await response.json();
    } catch {
      envelope = null;
    }
    if (envelope && envelope.success === true && envelope.data) {
      state.view = viewFromData(envelope.data);
      setConversation(envelope.data.conversation);
      renderView(el, state.view);
      setStatus('done', `Done in ${Math.round(performance.now() - started)} ms · ${state.view.text.length} characters`);
    } else {
      const error = (envelope && envelope.error) || {};
      showError(String(error.code || `HTTP_${response.status}`), String(error.message || response.statusText || 'No error message.'), response.status, envelope && envelope.requestId);
    }
  }

  async function receiveStream(response, started) {
    let events = 0;
    let finished = false;
    setStatus('streaming', 'Streaming…');
    await readEventStream(response, ({ event, data }) => {
      events += 1;
      const view = state.view;
      switch (event) {
        case 'metadata':
          setConversation(data.conversation);
          break;
        case 'thought':
          view.thoughts += String(data.text ?? '');
          break;
        case 'delta':
          view.text += String(data.text ?? '');
          setStatus('streaming', `Streaming… ${view.text.length} characters`);
          break;
        case 'image':
          if (data.image) {
            view.images.push(data.image);
          }
          break;
        case 'citation':
          if (data.citation) {
            view.citations.push(data.citation);
          }
          break;
        case 'done':
          finished = true;
          state.view = viewFromData(data.data || {});
          setConversation((data.data || {}).conversation);
          renderView(el, state.view);
          setStatus('done', `Done in ${Math.round(performance.now() - started)} ms · ${state.view.text.length} characters · ${events} events`);
          return;
        case 'error': {
          finished = true;
          renderView(el, state.view);
          const error = data.error || {};
          showError(String(error.code || 'API_ERROR'), String(error.message || ''), null, data.requestId);
          return;
        }
        default:
          return;
      }
      scheduleRender();
    });
    if (!finished) {
      renderView(el, state.view);
      showError('STREAM_ENDED', 'The stream ended before its done event.');
    }
  }
}

function emptyView() {
  return { text: '', thoughts: '', images: [], citations: [], conversation: null };
}

function viewFromData(data) {
  return {
    text: String(data.text ?? ''),
    thoughts: String(data.thoughts ?? ''),
    images: Array.isArray(data.images) ? data.images : [],
    citations: Array.isArray(data.citations) ? data.citations : [],
    conversation: data.conversation || null,
  };
}

function renderView(el, view) {
  renderMarkdown(el.answer, view.text);

  el.thoughts.hidden = !view.thoughts;
  if (view.thoughts) {
    renderMarkdown(el.thoughtsBody, view.thoughts);
  }

  const figures = [];
  for (const image of view.images) {
    const src = safeUrl(image && image.url);
    if (!src) {
      continue;
    }
    const figure = document.createElement('figure');
    const img = document.createElement('img');
    img.src = src;
    img.alt = String(image.alt || image.title || (image.kind === 'generated' ? 'Generated image' : 'Image from the web'));
    img.loading = 'lazy';
    img.referrerPolicy = 'no-referrer';
    img.decoding = 'async';
    figure.append(img);
    const caption = document.createElement('figcaption');
    caption.textContent = `${image.kind === 'generated' ? 'Generated' : 'Web'}${image.title ? `: ${image.title}` : ''}`;
    figure.append(caption);
    figures.push(figure);
  }
  el.images.replaceChildren(...figures);
  el.images.hidden = figures.length === 0;

  const items = [];
  for (const citation of view.citations) {
    const href = safeUrl(citation && citation.url);
    const li = document.createElement('li');
    if (citation && Number.isInteger(citation.number)) {
      li.value = citation.number;
    }
    if (href) {
      const a = document.createElement('a');
      a.href = href;
      a.rel = 'noopener noreferrer nofollow';
      a.target = '_blank';
      a.textContent = String(citation.title || href);
      li.append(a);
    } else {
      li.textContent = String((citation && citation.title) || 'Source');
    }
    items.push(li);
  }
  el.citationList.replaceChildren(...items);
  el.citations.hidden = items.length === 0;

  const conversation = view.conversation;
  el.conversation.hidden = !conversation;
  if (conversation) {
    const rows = [];
    for (const key of ['conversationId', 'responseId', 'choiceId']) {
      const dt = document.createElement('dt');
      dt.textContent = key;
      const dd = document.createElement('dd');
      dd.textContent = conversation[key] ?? '—';
      rows.push(dt, dd);
    }
    el.conversationIds.replaceChildren(...rows);
  }
}

async function fetchList(path, headers) {
  try {
    const response = await fetch(path, { headers: { ...headers, accept: 'application/json' }, cache: 'no-store', credentials: 'omit' });
    let envelope = null;
    try {
      envelope = await response.json();
    } catch {
      envelope = null;
    }
    if (response.ok && envelope && envelope.success) {
      const data = envelope.data;
      const items = Array.isArray(data) ? data
        : Array.isArray(data && data.models) ? data.models
          : Array.isArray(data && data.gems) ? data.gems
            : Array.isArray(data && data.items) ? data.items : [];
      return { status: 'ok', items };
    }
    const code = envelope && envelope.error && envelope.error.code;
    if (response.status === 404 || response.status === 405) {
      return { status: 'missing', code };
    }
    if (response.status === 401 && !headers['x-gemini-psid']) {
      return { status: 'needs-credentials', code };
    }
    return { status: 'failed', code };
  } catch {
    return { status: 'failed' };
  }
}

function fillModels(el, models, source) {
  const selected = el.model.value;
  const options = models.map((model) => {
    const option = document.createElement('option');
    option.value = model.id;
    option.textContent = model.displayName && model.displayName !== model.id ? `${model.displayName} (${model.id})` : model.id;
    if (model.description) {
      option.title = model.description;
    }
    return option;
  });
  el.model.replaceChildren(...options);
  if (models.some((model) => model.id === selected)) {
    el.model.value = selected;
  }
  el.modelSource.textContent = source;
}

function showFiles(el) {
  const files = Array.from(el.files.files || []);
  el.fileList.replaceChildren(...files.map((file) => {
    const li = document.createElement('li');
    li.textContent = `${file.name} (${formatSize(file.size)}${file.type ? `, ${file.type}` : ''})`;
    return li;
  }));
  el.clearFiles.hidden = files.length === 0;
}

function formatSize(bytes) {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  if (bytes < 1024 * 1024) {
    return `${(bytes / 1024).toFixed(1)} KB`;
  }
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function restoreCredentials(el) {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
    if (saved && typeof saved === 'object') {
      el.psid.value = typeof saved.psid === 'string' ? saved.psid : '';
      el.psidts.value = typeof saved.psidts === 'string' ? saved.psidts : '';
      el.apikey.value = typeof saved.apikey === 'string' ? saved.apikey : '';
      el.remember.checked = true;
    }
  } catch {
    // Nothing usable stored.
  }
}

function forgetStored() {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage unavailable: nothing was stored.
  }
}

/** Copies text; where the Clipboard API is missing (plain http on another host) it selects the source instead. */
export async function copyText(text, button, source) {
  const original = button.textContent;
  let copied = false;
  try {
    await navigator.clipboard.writeText(text);
    copied = true;
  } catch {
    copied = false;
  }
  if (!copied && source) {
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    button.textContent = 'Press Ctrl+C';
    setTimeout(() => {
      button.textContent = original;
    }, 2400);
    return;
  }
  button.textContent = copied ? 'Copied' : 'Copy failed';
  setTimeout(() => {
    button.textContent = original;
  }, 1600);
}
