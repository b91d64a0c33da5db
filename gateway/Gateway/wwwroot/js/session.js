// The credentials every playground section shares: x-gemini-psid, x-gemini-psidts and x-bridge-api-key live
// in the inputs (page memory); "Remember in this browser" copies them to sessionStorage, nothing else. A
// rotated __Secure-1PSIDTS (x-gemini-psidts-next) replaces the field. Listeners hear 'gbg:credentials'.

import { ROTATED_HEADER, useSession, callApi, showErrorIn, hideError } from './api.js';

const STORAGE_KEY = 'gbg-playground-credentials';
const $ = (id) => document.getElementById(id);

/** A well-formed value the simulator accepts (only offered when the server says it runs the simulator). */
const DEMO_COOKIE = 'g.a000-demo-cookie-simulator-only';

export function initSession() {
  const el = {
    psid: $('pg-psid'),
    psidts: $('pg-psidts'),
    apikey: $('pg-apikey'),
    remember: $('pg-remember'),
    forget: $('pg-forget'),
    rotate: $('pg-rotate'),
    demo: $('pg-demo-cookie'),
    error: $('pg-cred-error'),
    rotation: $('pg-rotation'),
  };
  if (!el.psid) {
    return null;
  }

  const changed = (cookieChanged) => document.dispatchEvent(new CustomEvent('gbg:credentials', { detail: { cookieChanged } }));

  const saveIfRemembered = () => {
    if (el.remember.checked) {
      try {
        sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ psid: el.psid.value, psidts: el.psidts.value, apikey: el.apikey.value }));
      } catch {
        // Storage refused (private mode quotas): memory still works.
      }
    }
  };

  const session = {
    headers() {
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
    },
    /** Which optional headers are sent, for the curl previews (never their values). */
    curlFlags() {
      return { psidts: Boolean(el.psidts.value.trim()), apikey: Boolean(el.apikey.value.trim()) };
    },
    applyRotation(response) {
      const next = response.headers.get(ROTATED_HEADER);
      if (next) {
        el.psidts.value = next;
        saveIfRemembered();
        el.rotation.hidden = false;
        el.rotation.textContent = 'Google rotated __Secure-1PSIDTS: the x-gemini-psidts field now holds the new value (from the x-gemini-psidts-next header).';
        changed(false);
      }
    },
    /** Says so and focuses the cookie field when it is empty; true when a cookie is there. */
    requireCookie(messageNode) {
      if (el.psid.value.trim()) {
        return true;
      }
      (messageNode || el.error).textContent = 'Enter your __Secure-1PSID cookie in x-gemini-psid first.';
      el.psid.focus();
      return false;
    },
  };
  useSession(session);

  restoreCredentials(el);
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
      el.error.textContent = '';
      changed(false);
    });
  }
  // A new cookie (or key): the sections reload what depends on the account.
  el.psid.addEventListener('change', () => changed(true));
  el.apikey.addEventListener('change', () => changed(true));
  el.forget.addEventListener('click', () => {
    el.psid.value = '';
    el.psidts.value = '';
    el.apikey.value = '';
    el.remember.checked = false;
    forgetStored();
    changed(true);
    el.psid.focus();
  });
  el.demo.addEventListener('click', () => {
    el.psid.value = DEMO_COOKIE;
    saveIfRemembered();
    changed(true);
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

  // POST /api/session/rotate: a fresh __Secure-1PSIDTS without a chat (answered in x-gemini-psidts-next).
  el.rotate.addEventListener('click', async () => {
    el.error.textContent = '';
    const errorBox = $('pg-error');
    if (!session.requireCookie()) {
      return;
    }
    el.rotate.disabled = true;
    el.rotation.hidden = true;
    hideError(errorBox);
    try {
      const before = el.psidts.value;
      const result = await callApi('POST', '/api/session/rotate');
      if (!result.ok) {
        showErrorIn(errorBox, result);
        el.error.textContent = `Rotation failed: ${result.error.code} (details under Chat › Response).`;
      } else if (el.psidts.value === before) {
        el.rotation.hidden = false;
        el.rotation.textContent = 'Google kept the current __Secure-1PSIDTS: nothing to update.';
      }
    } finally {
      el.rotate.disabled = false;
    }
  });

  return session;
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
