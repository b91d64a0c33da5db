// The playground's History section: GET /api/conversations (pages of pageSize, following nextCursor),
// GET /api/conversations/{id} (turns oldest first), DELETE /api/conversations/{id}, and "Continue in chat",
// which hands a turn's conversation ids to the Chat section.

import { callApi, hasCookie, showErrorIn, hideError, setStatusLine, localTime, el, armConfirm, credentialHeaders } from './api.js';
import { buildCurl } from './curl.js';
import { renderMarkdown } from './markdown.js';
import { imageFigures, sourceItems } from './media.js';
import { selectSection } from './tabs.js';

const $ = (id) => document.getElementById(id);

export function initHistory() {
  const ui = {
    load: $('hi-load'),
    pageSize: $('hi-page-size'),
    status: $('hi-status'),
    list: $('hi-list'),
    first: $('hi-first'),
    next: $('hi-next'),
    page: $('hi-page'),
    error: $('hi-error'),
    detail: $('hi-detail'),
    detailTitle: $('hi-detail-title'),
    detailId: $('hi-detail-id'),
    turns: $('hi-turns'),
    cont: $('hi-continue'),
    curl: $('hi-curl'),
  };
  if (!ui.load) {
    return;
  }
  const state = { cursor: null, nextCursor: null, page: 1, loaded: false, open: null };

  const showCurl = (method, path) => {
    const headers = credentialHeaders();
    ui.curl.textContent = buildCurl({
      origin: window.location.origin, method, path, psidts: Boolean(headers['x-gemini-psidts']), apikey: Boolean(headers['x-bridge-api-key']),
    });
  };
  const listPath = (cursor) => `/api/conversations?pageSize=${encodeURIComponent(ui.pageSize.value)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
  showCurl('GET', listPath(null));

  ui.load.addEventListener('click', () => loadPage(null, 1));
  ui.first.addEventListener('click', () => loadPage(null, 1));
  ui.next.addEventListener('click', () => loadPage(state.nextCursor, state.page + 1));
  ui.pageSize.addEventListener('change', () => loadPage(null, 1));
  ui.cont.addEventListener('click', () => {
    const turns = state.open && state.open.turns;
    if (turns && turns.length > 0) {
      continueFrom(turns[turns.length - 1]);
    }
  });
  document.addEventListener('gbg:section', (event) => {
    if (event.detail.name === 'history' && !state.loaded && hasCookie()) {
      loadPage(null, 1);
    }
  });
  document.addEventListener('gbg:credentials', (event) => {
    if (event.detail && event.detail.cookieChanged) {
      state.loaded = false;
    }
    showCurl('GET', listPath(state.cursor));
  });

  async function loadPage(cursor, page) {
    hideError(ui.error);
    const path = listPath(cursor);
    showCurl('GET', path);
    if (!hasCookie()) {
      showErrorIn(ui.error, { status: 0, error: { code: 'MISSING_GEMINI_CREDENTIALS', message: 'No cookie entered yet: nothing was sent.' } });
      setStatusLine(ui.status, 'error', 'Enter your cookie first.');
      return;
    }
    setStatusLine(ui.status, 'sending', 'Loading…');
    ui.load.disabled = true;
    const result = await callApi('GET', path);
    ui.load.disabled = false;
    if (!result.ok) {
      showErrorIn(ui.error, result);
      setStatusLine(ui.status, 'error', `Failed: ${result.error.code}`);
      return;
    }
    state.loaded = true;
    state.cursor = cursor;
    state.page = page;
    state.nextCursor = result.data.nextCursor || null;
    const conversations = Array.isArray(result.data.conversations) ? result.data.conversations : [];
    ui.list.replaceChildren(...conversations.map(conversationItem));
    ui.first.disabled = page === 1;
    ui.next.disabled = !state.nextCursor;
    ui.page.textContent = `Page ${page}`;
    setStatusLine(ui.status, 'done', conversations.length === 0
      ? (page === 1 ? 'No conversations yet. Chats that are not temporary show up here.' : 'No more conversations.')
      : `${conversations.length} conversation${conversations.length === 1 ? '' : 's'} on page ${page}${state.nextCursor ? ' · more on the next page' : ' · last page'}.`);
  }

  function conversationItem(conversation) {
    const id = String(conversation.id || '');
    const title = String(conversation.title || '(untitled)');
    const open = el('button', { className: 'button button-ghost button-small', text: 'Open', attrs: { type: 'button', 'aria-label': `Open "${title}"` } });
    open.addEventListener('click', () => openConversation(id, title));
    const remove = el('button', { className: 'button button-ghost button-small', text: 'Delete', attrs: { type: 'button', 'aria-label': `Delete "${title}"` } });
    const item = el('li', { className: 'item', attrs: { 'data-id': id } },
      el('div', { className: 'item-main' },
        el('p', { className: 'item-title', text: title }),
        el('p', { className: 'item-meta' },
          conversation.pinned ? el('span', { className: 'badge badge-optional', text: 'Pinned' }) : null,
          el('span', { text: localTime(conversation.updatedAt) }),
          el('code', { className: 'mono-id', text: id }))),
      el('div', { className: 'item-actions' }, open, remove));
    armConfirm(remove, 'Really delete?', () => deleteConversation(id, item));
    return item;
  }

  async function openConversation(id, title) {
    hideError(ui.error);
    const path = `/api/conversations/${encodeURIComponent(id)}?maxTurns=100`;
    showCurl('GET', path);
    setStatusLine(ui.status, 'sending', `Opening "${title}"…`);
    const result = await callApi('GET', path);
    if (!result.ok) {
      showErrorIn(ui.error, result);
      setStatusLine(ui.status, 'error', `Failed: ${result.error.code}`);
      return;
    }
    const turns = Array.isArray(result.data.turns) ? result.data.turns : [];
    state.open = { id, title, turns };
    ui.detail.hidden = false;
    ui.detailTitle.textContent = title;
    ui.detailId.textContent = `${id} · ${turns.length} turn${turns.length === 1 ? '' : 's'}, oldest first`;
    ui.turns.replaceChildren(...turns.map(turnItem));
    ui.cont.disabled = turns.length === 0;
    setStatusLine(ui.status, 'done', `Opened "${title}".`);
  }

  function turnItem(turn) {
    const answer = el('div', { className: 'md turn-answer' });
    renderMarkdown(answer, String(turn.text ?? ''));
    const figures = imageFigures(turn.images);
    const sources = sourceItems(turn.citations);
    const again = el('button', { className: 'button button-ghost button-small', text: 'Continue from this turn', attrs: { type: 'button' } });
    again.addEventListener('click', () => continueFrom(turn));
    return el('li', { className: 'turn' },
      el('p', { className: 'turn-prompt' }, el('strong', { text: 'You: ' }), document.createTextNode(String(turn.prompt ?? ''))),
      answer,
      figures.length ? el('div', { className: 'images' }, ...figures) : null,
      sources.length ? el('ol', { className: 'turn-sources' }, ...sources) : null,
      el('p', { className: 'item-meta' },
        el('span', { text: localTime(turn.createdAt) }),
        turn.status && turn.status !== 'complete' ? el('span', { className: 'badge badge-optional', text: String(turn.status) }) : null,
        again));
  }

  function continueFrom(turn) {
    if (!turn || !turn.conversation) {
      return;
    }
    document.dispatchEvent(new CustomEvent('gbg:continue', { detail: { conversation: turn.conversation, title: state.open && state.open.title } }));
    selectSection('chat');
    document.getElementById('playground').scrollIntoView({ block: 'start' });
  }

  async function deleteConversation(id, item) {
    hideError(ui.error);
    const path = `/api/conversations/${encodeURIComponent(id)}`;
    showCurl('DELETE', path);
    setStatusLine(ui.status, 'sending', 'Deleting…');
    const result = await callApi('DELETE', path);
    if (!result.ok) {
      showErrorIn(ui.error, result);
      setStatusLine(ui.status, 'error', `Failed: ${result.error.code}`);
      return;
    }
    item.remove();
    if (state.open && state.open.id === id) {
      state.open = null;
      ui.detail.hidden = true;
    }
    setStatusLine(ui.status, 'done', `Deleted ${id}.`);
  }
}
