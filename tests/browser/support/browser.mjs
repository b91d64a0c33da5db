// Shared Chromium set-up for the browser suites: Debian's headless Chromium through playwright-core, a page that
// records console errors, uncaught exceptions and CSP violations, and screenshots kept as CI artifacts.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { repoRoot } from './gateway.mjs';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** TestResults/ is the folder CI keeps (tests/run-all.sh writes every report there). */
export const ARTIFACT_SCREENSHOTS = path.join(repoRoot, 'TestResults', 'screenshots');
export const DOC_SCREENSHOTS = path.join(repoRoot, 'docs', 'screenshots');

export const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

export function launchChromium() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * A page with its problems recorded. `expectFailure(path)` declares that the test is about to provoke an
 * error answer from that API path: Chromium's "Failed to load resource" line for it is then not a problem.
 */
export async function openPage(browser, url, viewport, options = {}) {
  const context = await browser.newContext({
    viewport: { width: viewport.width, height: viewport.height },
    isMobile: viewport.width < 600,
    hasTouch: viewport.width < 600,
    colorScheme: options.colorScheme || 'light',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const problems = [];
  const expected = new Set();
  const apiRequests = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') {
      return;
    }
    let pathname = '';
    try {
      pathname = new URL(message.location().url).pathname;
    } catch {
      pathname = '';
    }
    const failedStatus = message.text().startsWith('Failed to load resource: the server responded with a status of');
    if (failedStatus && [...expected].some((prefix) => pathname.startsWith(prefix))) {
      return;
    }
    problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/api/')) {
      apiRequests.push(`${request.method()} ${pathname}`);
    }
  });
  await page.exposeFunction('__reportCsp', (text) => problems.push(`csp: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__reportCsp(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  if (options.route) {
    await options.route(page);
  }
  await page.goto(`${url}/`, { waitUntil: 'networkidle' });
  return {
    context,
    page,
    problems,
    apiRequests,
    expectFailure: (prefix) => expected.add(prefix),
    close: () => context.close(),
  };
}

/**
 * Saves a screenshot under TestResults/screenshots (always, kept by CI) and, when docName is given and the run was
 * asked to refresh them (UPDATE_DOC_SCREENSHOTS=1), the committed copy under docs/screenshots.
 */
export async function screenshot(page, name, docName) {
  mkdirSync(ARTIFACT_SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACT_SCREENSHOTS, name), animations: 'disabled' });
  if (docName && process.env.UPDATE_DOC_SCREENSHOTS === '1') {
    mkdirSync(DOC_SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(DOC_SCREENSHOTS, docName), animations: 'disabled' });
  }
}

let axeSource = null;

/** axe-core's WCAG 2.1 A/AA and best-practice violations in the page as it is (run through DevTools, not the CSP). */
export async function axeViolations(page) {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  return result.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}
