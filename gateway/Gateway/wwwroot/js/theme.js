// Applies the saved theme choice before the first paint. Without a saved choice the page follows
// prefers-color-scheme (css/site.css). Loaded as a classic script in <head>: the CSP forbids inline scripts.
(function () {
  'use strict';
  try {
    var saved = window.localStorage.getItem('gbg-theme');
    if (saved === 'light' || saved === 'dark') {
      document.documentElement.setAttribute('data-theme', saved);
    }
  } catch (e) {
    // Storage can be disabled; the system preference then applies.
  }
}());
