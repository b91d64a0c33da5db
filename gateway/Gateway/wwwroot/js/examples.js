// Code example tabs (WAI-ARIA tabs pattern: arrow keys, Home and End move between tabs). The source shown
// is fetched from the very files under /examples that the test suite runs, so the page cannot drift.
// The run command targets this page's own origin (GATEWAY_URL), whatever port or host serves it.

import { copyText } from './copy.js';
import { shellQuote } from './curl.js';

export function initExamples() {
  const tabs = Array.from(document.querySelectorAll('#examples .tabs [role="tab"]'));
  const panel = document.getElementById('panel-example');
  const code = document.getElementById('example-code');
  const run = document.getElementById('example-run');
  const download = document.getElementById('example-download');
  const copy = document.getElementById('example-copy');
  const copyRun = document.getElementById('example-copy-run');
  if (tabs.length === 0 || !panel) {
    return;
  }
  const cache = new Map();

  async function select(tab, focus) {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
    }
    if (focus) {
      tab.focus();
    }
    panel.setAttribute('aria-labelledby', tab.id);
    const file = tab.dataset.file;
    run.textContent = `GATEWAY_URL=${shellQuote(window.location.origin)} ${tab.dataset.run}`;
    download.href = file;
    download.setAttribute('download', file.split('/').pop());
    code.dataset.file = file;
    if (!cache.has(file)) {
      code.textContent = 'Loading…';
      cache.set(file, fetch(file, { cache: 'no-cache' }).then((response) => {
        if (!response.ok) {
          throw new Error(`HTTP ${response.status}`);
        }
        return response.text();
      }));
    }
    try {
      const text = await cache.get(file);
      if (code.dataset.file === file) {
        code.textContent = text;
      }
    } catch (error) {
      cache.delete(file);
      if (code.dataset.file === file) {
        code.textContent = `Could not load ${file} (${error.message}).`;
      }
    }
  }

  tabs.forEach((tab, index) => {
    tab.addEventListener('click', () => select(tab, false));
    tab.addEventListener('keydown', (event) => {
      let next = null;
      if (event.key === 'ArrowRight') {
        next = tabs[(index + 1) % tabs.length];
      } else if (event.key === 'ArrowLeft') {
        next = tabs[(index - 1 + tabs.length) % tabs.length];
      } else if (event.key === 'Home') {
        next = tabs[0];
      } else if (event.key === 'End') {
        next = tabs[tabs.length - 1];
      }
      if (next) {
        event.preventDefault();
        select(next, true);
      }
    });
  });
  copy.addEventListener('click', () => copyText(code.textContent, copy, code));
  copyRun.addEventListener('click', () => copyText(run.textContent, copyRun, run));
  select(tabs.find((tab) => tab.getAttribute('aria-selected') === 'true') || tabs[0], false);
}
