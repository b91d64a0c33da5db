// The playground's Chat section: builds a POST /api/chat request from the form, sends it to this gateway only,
// and renders the JSON answer or the Server-Sent Events stream as it arrives. The cookies come from the shared
// credentials (session.js). History continues a conversation here and Gems apply a gem here (DOM events).
// Untrusted text (answers, errors, ids) only ever goes through textContent or the safe Markdown renderer.

import { readEventStream } from './sse.js';
import { renderMarkdown, safeUrl } from './markdown.js';
import { buildCurl } from './curl.js';
import { copyText } from './copy.js';
import { showImage } from './media.js';
import { applyRotation, credentialHeaders, hasCookie, networkFailure, readEnvelope, showErrorIn, hideError } from './api.js';

export { copyText };

/** The option that sends no model: the account's default, or the model a continued conversation already uses. */
const NO_MODEL_LABEL = 'No model: the account default (or the conversation\'s)';

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
    formError: $('pg-form-error'),
    status: $('pg-status'),
    error: $('pg-error'),
    thoughts: $('pg-thoughts'),
    thoughtsBody: $('pg-thoughts-body'),
    answer: $('pg-answer'),
    images: $('pg-images'),
    citations: $('pg-citations'),
    citationList: $('pg-citation-list'),
    conversation: $('pg-conversation'),
    conversationIds: $('pg-conversation-ids'),
    curl: $('pg-curl'),
    copyCurl: $('pg-copy-curl'),
  };

  const state = {
    conversation: null,
    controller: null,
    catalogsFor: null,
    view: emptyView(),
    renderPending: false,
  };

  // ---- request options ----
  fillModels(el, DEFAULT_MODELS, 'Default list: enter your cookie to load the models of your account.');
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

  // ---- the other sections and the credentials ----
  document.addEventListener('gbg:credentials', (event) => {
    el.formError.textContent = '';
    updateCurl();
    if (event.detail && event.detail.cookieChanged) {
      loadCatalogs();
    }
  });
  document.addEventListener('gbg:gems-changed', () => loadGems());
  document.addEventListener('gbg:use-gem', (event) => {
    const { id, name } = event.detail;
    if (!Array.from(el.gem.options).some((option) => option.value === id)) {
      el.gem.append(new Option(name || id, id));
    }
    el.gemField.hidden = false;
    el.gem.value = id;
    updateCurl();
    setStatus('idle', `Gem "${name || id}" selected: it applies to the next prompt.`);
  });
  document.addEventListener('gbg:continue', (event) => {
    const { conversation, title } = event.detail;
    state.conversation = null;
    setConversation(conversation);
    state.view = emptyView();
    state.view.conversation = state.conversation;
    renderView(el, state.view);
    $('pg-empty').hidden = true;
    hideError(el.error);
    el.cont.checked = true;
    // The conversation keeps the model it was started with: send none (Gemini refuses a switch).
    el.model.value = '';
    updateCurl();
    setStatus('idle', `Continuing "${title || conversation.conversationId}" from History: write the next prompt.`);
    el.prompt.focus();
  });

  updateCurl();
  // Nothing is asked before a cookie is there: the account's lists need one (and a 401 would only be noise).
  if (hasCookie()) {
    loadCatalogs();
  }

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

  function curlFlags() {
    const headers = credentialHeaders();
    return { psidts: Boolean(headers['x-gemini-psidts']), apikey: Boolean(headers['x-bridge-api-key']) };
  }

  function updateCurl() {
    el.curl.textContent = buildCurl({
      origin: window.location.origin,
      body: requestBody(),
      ...curlFlags(),
      files: Array.from(el.files.files || []).map((file) => file.name),
    });
  }

  async function loadCatalogs() {
    if (!hasCookie()) {
      state.catalogsFor = null;
      fillModels(el, DEFAULT_MODELS, 'Default list: enter your cookie to load the models of your account.');
      el.gemField.hidden = !el.gem.value;
      return;
    }
    // A change event can come twice for one paste (the event, then the blur): ask once per cookie and key,
    // since each call counts against the account's calls in flight.
    const headers = credentialHeaders();
    const key = `${headers['x-gemini-psid']}\n${headers['x-bridge-api-key'] || ''}`;
    if (state.catalogsFor === key) {
      return;
    }
    state.catalogsFor = key;
    await Promise.all([loadModels(), loadGems()]);
  }

  async function loadModels() {
    const result = await fetchList('/api/models', credentialHeaders());
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
    if (result.status === 'failed') {
      state.catalogsFor = null; // let the next change try again
    }
    const why = {
      missing: 'Default list (GET /api/models is not available here).',
      failed: `Default list: GET /api/models failed${result.code ? ` (${result.code})` : ''}.`,
      ok: 'Default list.',
    }[result.status] || 'Default list.';
    el.modelSource.textContent = why;
  }

  async function loadGems() {
    if (!hasCookie()) {
      return;
    }
    const result = await fetchList('/api/gems', credentialHeaders());
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
    el.gem.value = Array.from(el.gem.options).some((option) => option.value === selected) ? selected : '';
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

  function showError(result, continuing) {
    // Gemini's error 1097 on a continued chat: the conversation is gone (deleted) or not this account's.
    const hint = continuing && /\b1097\b/.test(result.error.message)
      ? 'This conversation cannot be continued: it was deleted, or it belongs to another account. Untick "Continue this conversation" to start a new one.'
      : undefined;
    showErrorIn(el.error, result, hint);
    setStatus('error', `Failed: ${result.error.code}`);
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

  async function send() {
    el.formError.textContent = '';
    const headers = credentialHeaders();
    if (!headers['x-gemini-psid']) {
      el.formError.textContent = 'Enter your __Secure-1PSID cookie in x-gemini-psid first.';
      $('pg-psid').focus();
      return;
    }
    if (!el.prompt.value.trim()) {
      el.formError.textContent = 'Write a prompt first.';
      el.prompt.focus();
      return;
    }

    const body = requestBody();
    const continuing = Boolean(body.conversation);
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
    hideError(el.error);
    $('pg-rotation').hidden = true;
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
        await receiveStream(response, started, continuing);
      } else {
        await receiveJson(response, started, continuing);
      }
    } catch (error) {
      if (error && error.name === 'AbortError') {
        renderView(el, state.view);
        setStatus('error', 'Stopped.');
      } else {
        showError(networkFailure(error), continuing);
      }
    } finally {
      state.controller = null;
      setBusy(false);
    }
  }

  async function receiveJson(response, started, continuing) {
    const result = await readEnvelope(response);
    if (result.ok && result.data) {
      state.view = viewFromData(result.data);
      setConversation(result.data.conversation);
      renderView(el, state.view);
      setStatus('done', `Done in ${Math.round(performance.now() - started)} ms · ${state.view.text.length} characters`);
    } else {
      showError(result, continuing);
    }
  }

  async function receiveStream(response, started, continuing) {
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
          showError({ ok: false, status: 0, error: { code: String(error.code || 'API_ERROR'), message: String(error.message || '') }, requestId: data.requestId }, continuing);
          return;
        }
        default:
          return;
      }
      scheduleRender();
    });
    if (!finished) {
      renderView(el, state.view);
      showError({ ok: false, status: 0, error: { code: 'STREAM_ENDED', message: 'The stream ended before its done event.' }, requestId: null }, continuing);
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
    img.alt = String(image.alt || image.title || (image.kind === 'generated' ? 'Generated image' : 'Image from the web'));
    img.loading = 'lazy';
    img.referrerPolicy = 'no-referrer';
    img.decoding = 'async';
    showImage(img, image, src);
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
    applyRotation(response);
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
    return { status: 'failed', code };
  } catch {
    return { status: 'failed' };
  }
}

function fillModels(el, models, source) {
  // null before the first fill, so the first model (not "No model") starts selected.
  const selected = el.model.options.length > 0 ? el.model.value : null;
  const options = models.map((model) => {
    const option = document.createElement('option');
    option.value = model.id;
    option.textContent = model.displayName && model.displayName !== model.id ? `${model.displayName} (${model.id})` : model.id;
    if (model.description) {
      option.title = model.description;
    }
    return option;
  });
  options.push(new Option(NO_MODEL_LABEL, ''));
  el.model.replaceChildren(...options);
  if (selected === '' || (selected !== null && models.some((model) => model.id === selected))) {
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

