// Entry point (an ES module loaded from index.html; the CSP allows scripts from this origin only).
import { initPlayground } from './playground.js';
import { initExamples } from './examples.js';

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

initThemeToggle();
initPlayground();
initExamples();
