// Calls to this gateway's public API from every playground section: the credential headers, the
// envelope ({success, data | error, requestId}), the rotated cookie header, and a visible error
// (code, HTTP status, message, request id, and when to try again after a refusal with Retry-After).

export const ROTATED_HEADER = 'x-gemini-psidts-next';

let session = {
  headers: () => ({}),
  applyRotation: () => {},
};

/** The credentials module registers itself here, so every section sends the same headers. */
export function useSession(value) {
  session = value;
}

export function credentialHeaders() {
  return session.headers();
}

export function applyRotation(response) {
  session.applyRotation(response);
}

export function hasCookie() {
  return Boolean(session.headers()['x-gemini-psid']);
}

/**
 * One JSON call. Resolves to {ok: true, status, data, requestId} or {ok: false, status, error: {code, message},
 * requestId, retryAfter}; a network failure is NETWORK_ERROR with status 0. Aborts are rethrown.
 */
export async function callApi(method, path, { body, signal } = {}) {
  const headers = { ...session.headers(), accept: 'application/json' };
  let payload;
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, cache: 'no-store', credentials: 'omit', signal });
  } catch (error) {
    if (error && error.name === 'AbortError') {
      throw error;
    }
    return networkFailure(error);
  }
  session.applyRotation(response);
  return readEnvelope(response);
}

/** Opens a Server-Sent Events answer (GET); resolves to {ok: true, response} or a failed result as callApi. */
export async function openStream(path, { signal } = {}) {
  let response;
  try {
    response = await fetch(path, {
      headers: { ...session.headers(), accept: 'text/event-stream' }, cache: 'no-store', credentials: 'omit', signal,
    });
  } catch (error) {
    if (error && error.name === 'AbortError') {
      throw error;
    }
    return networkFailure(error);
  }
  session.applyRotation(response);
  if (response.ok && (response.headers.get('content-type') || '').includes('text/event-stream')) {
    return { ok: true, status: response.status, response };
  }
  return readEnvelope(response);
}

export function networkFailure(error) {
  return {
    ok: false,
    status: 0,
    error: { code: 'NETWORK_ERROR', message: `The gateway could not be reached: ${error && error.message ? error.message : error}` },
    requestId: null,
    retryAfter: null,
  };
}

export async function readEnvelope(response) {
  let envelope = null;
  try {
    envelope = await response.json();
  } catch {
    envelope = null;
  }
  const requestId = (envelope && envelope.requestId) || response.headers.get('x-request-id');
  if (response.ok && envelope && envelope.success === true) {
    return { ok: true, status: response.status, data: envelope.data, requestId };
  }
  const error = (envelope && envelope.error) || {};
  return {
    ok: false,
    status: response.status,
    error: {
      code: String(error.code || `HTTP_${response.status}`),
      message: String(error.message || response.statusText || 'No error message.'),
    },
    requestId,
    retryAfter: response.headers.get('retry-after'),
  };
}

/** "Try again after 14:05 (in 10 minutes)." from a Retry-After value (seconds or an HTTP date); '' if unreadable. */
export function retryAfterText(value, now = new Date()) {
  if (!value) {
    return '';
  }
  const trimmed = String(value).trim();
  let when;
  if (/^\d+$/.test(trimmed)) {
    when = new Date(now.getTime() + Number(trimmed) * 1000);
  } else {
    when = new Date(trimmed);
  }
  if (Number.isNaN(when.getTime())) {
    return '';
  }
  const seconds = Math.max(0, Math.round((when.getTime() - now.getTime()) / 1000));
  const span = seconds < 90 ? `${seconds} seconds` : `${Math.round(seconds / 60)} minutes`;
  const clock = when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: seconds < 90 ? '2-digit' : undefined });
  return `Try again after ${clock} (in ${span}; Retry-After: ${trimmed}).`;
}

/** What a user can do about some codes; shown under the message. */
const HINTS = {
  MISSING_GEMINI_CREDENTIALS: 'Enter your __Secure-1PSID cookie in x-gemini-psid above.',
  INVALID_GEMINI_CREDENTIALS: 'The cookie value looks malformed: copy the Value cell only, without the name or quotes.',
  GEMINI_AUTH_ERROR: 'Google no longer accepts these cookies: copy fresh ones (from Firefox, see Onboarding).',
  BRIDGE_AUTH_ERROR: 'This gateway needs its API key in x-bridge-api-key.',
  USAGE_LIMIT_EXCEEDED: 'The account or this address reached a limit; wait before trying again.',
  TEMPORARILY_BLOCKED: 'The block is on the gateway\'s network address, so it pauses every caller of this gateway, not only you.',
};

/**
 * Fills an .error-box (children .error-code, .error-status, .error-message, .error-hint, .error-retry,
 * .error-request) and shows it. `hint` overrides the code's default hint.
 */
export function showErrorIn(box, result, hint) {
  const part = (name) => box.querySelector(`.${name}`);
  const { code, message } = result.error;
  box.hidden = false;
  box.dataset.code = code;
  part('error-code').textContent = code;
  part('error-status').textContent = result.status ? `HTTP ${result.status}` : '';
  part('error-message').textContent = message || '';
  const hintText = hint || HINTS[code] || '';
  const hintNode = part('error-hint');
  if (hintNode) {
    hintNode.textContent = hintText;
    hintNode.hidden = !hintText;
  }
  const retry = part('error-retry');
  if (retry) {
    const text = retryAfterText(result.retryAfter);
    retry.textContent = text;
    retry.hidden = !text;
  }
  part('error-request').textContent = result.requestId ? `requestId: ${result.requestId}` : '';
}

export function hideError(box) {
  box.hidden = true;
  delete box.dataset.code;
}

/** Sets a .status line: data-state idle | sending | streaming | done | error. */
export function setStatusLine(node, state, text) {
  node.dataset.state = state;
  node.textContent = text;
}

/** A local, readable time for an ISO 8601 value; the raw value if it does not parse. */
export function localTime(iso) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

/** A small DOM builder: el('li', {className, text, attrs}, ...children). Text only, never HTML. */
export function el(tag, options = {}, ...children) {
  const node = document.createElement(tag);
  if (options.className) {
    node.className = options.className;
  }
  if (options.text !== undefined && options.text !== null) {
    node.textContent = String(options.text);
  }
  for (const [name, value] of Object.entries(options.attrs || {})) {
    if (value !== undefined && value !== null && value !== false) {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children) {
    if (child) {
      node.append(child);
    }
  }
  return node;
}

/** Asks the user to press a destructive button a second time (no window.confirm: it blocks the page). */
export function armConfirm(button, confirmLabel, action) {
  const original = button.textContent;
  const originalLabel = button.getAttribute('aria-label');
  const disarm = () => {
    button.dataset.armed = 'false';
    button.textContent = original;
    if (originalLabel) {
      button.setAttribute('aria-label', originalLabel);
    }
    button.classList.remove('button-danger');
  };
  button.addEventListener('click', async () => {
    if (button.dataset.armed !== 'true') {
      button.dataset.armed = 'true';
      button.textContent = confirmLabel;
      if (originalLabel) {
        button.setAttribute('aria-label', `${confirmLabel} ${originalLabel}`);
      }
      button.classList.add('button-danger');
      setTimeout(() => {
        if (button.isConnected && button.dataset.armed === 'true') {
          disarm();
        }
      }, 6000);
      return;
    }
    disarm();
    await action();
  });
}
