// Entry point (an ES module loaded from index.html; the CSP allows scripts from this origin only).
import { initGatewayInfo } from './gateway-info.js';
import { initSession } from './session.js';
import { initSectionTabs } from './tabs.js';
import { initPlayground } from './playground.js';
import { initHistory } from './history.js';
import { initResearch } from './research.js';
import { initQuota } from './quota.js';
import { initGems } from './gems.js';
import { initExamples } from './examples.js';
import { labelStackedTables } from './tables.js';
import { copyText } from './copy.js';

const THEME_KEY = 'gbg-theme';

function initThemeToggle() {
  const button = document.getElementById('theme-toggle');
  if (!button) {
    return;
  }
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  const current = () => document.documentElement.getAttribute('data-theme') || (media.matches ? 'dark' : 'light');
  const reflect = () => button.setAttribute('aria-pressed', String(current() === 'dark'));
  button.addEventListener('click', () => {
    const next = current() === 'dark' ? 'light' : 'dark';
    document.documentElement.setAttribute('data-theme', next);
    try {
      localStorage.setItem(THEME_KEY, next);
    } catch {
      // Not saved; the choice still holds for this page.
    }
    reflect();
  });
  media.addEventListener('change', reflect);
  reflect();
}

/** Buttons with data-copy="<id>" copy that element's text (the curl previews). */
function initCopyButtons() {
  for (const button of document.querySelectorAll('[data-copy]')) {
    const source = document.getElementById(button.dataset.copy);
    button.addEventListener('click', () => copyText(source.textContent, button, source));
  }
}

initThemeToggle();
initGatewayInfo();
initSession();
initSectionTabs();
initPlayground();
initHistory();
initResearch();
initQuota();
initGems();
initExamples();
initCopyButtons();
labelStackedTables();
