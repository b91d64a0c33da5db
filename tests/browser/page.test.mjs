// The web front in Debian's headless Chromium, against the gateway in simulator mode:
// every section of the seed in order, no console errors, the playground streaming an answer and
// rendering an error, the masked curl preview, the security headers, and the screenshots for the docs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startGateway, repoRoot, wwwroot, FAKE_PSID, FAKE_PSIDTS } from './support/gateway.mjs';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
// Kept by CI under TestResults/; the committed copies in docs/screenshots change only when asked (UPDATE_DOC_SCREENSHOTS=1).
const SCREENSHOTS = process.env.UPDATE_DOC_SCREENSHOTS === '1'
  ? path.join(repoRoot, 'docs', 'screenshots')
  : path.join(repoRoot, 'TestResults', 'screenshots');

/** The seed: the shared copy when it is beside the repository, else the snapshot kept with this test. */
const SEED_FILE = [
  process.env.SEED_FILE,
  path.join(repoRoot, '..', 'shared', 'seed', 'landing-page.txt'),
  path.join(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'landing-page.txt'),
].find((file) => file && existsSync(file));

/** Headings the page must show (the seed's section and block titles). */
const SEED_HEADINGS = [
  'Gemini API bridge for your own credentials',
  'No storage', 'Real-time', 'RESTful',
  'How the Bridge Works',
  'Your Credentials', 'Bridge Request', 'Reverse Engine', 'Clean Response',
  'Powerful Bridge Capabilities',
  'Chat Completion', 'Streaming', 'File Input', 'Dynamic Models', 'Account Quota', 'Gemini Gems', 'Deep Research', 'History',
  'Setup your credentials',
  'Crucial Precautions',
  'Required Request Headers',
  'API Playground',
  'Request Configuration',
  'API Documentation',
  'Endpoints', 'Generate Content', 'Request Headers', 'Payload Specification', 'Success Pattern', 'Error Pattern', 'Standard Error Codes',
  'Code Examples',
];

let gateway;
let browser;
let context;
let page;
const consoleErrors = [];
const pageErrors = [];
const cspViolations = [];

/**
 * A failed HTTP status shows in Chromium's console as "Failed to load resource". The tests below ask /api/chat
 * for errors on purpose: those answers are expected. Everything else (script errors, CSP refusals, missing
 * files, and any API call the page would make before a cookie is entered) fails.
 */
function isExpectedApiStatus(message) {
  let pathname = '';
  try {
    pathname = new URL(message.location().url).pathname;
  } catch {
    return false;
  }
  return message.text().startsWith('Failed to load resource: the server responded with a status of')
    && ['/api/chat'].includes(pathname);
}

before(async () => {
  gateway = await startGateway();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light', reducedMotion: 'reduce' });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && !isExpectedApiStatus(message)) {
      consoleErrors.push(`${message.text()} (${message.location().url})`);
    }
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.exposeFunction('__reportCsp', (text) => cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__reportCsp(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(`${gateway.url}/`, { waitUntil: 'networkidle' });
});

after(async () => {
  await browser?.close();
  await gateway?.stop();
});

function assertNoConsoleErrors() {
  assert.deepEqual(pageErrors, [], 'uncaught errors in the page');
  assert.deepEqual(cspViolations, [], 'Content-Security-Policy violations');
  assert.deepEqual(consoleErrors, [], 'console errors');
}

const squash = (text) => text.replace(/\s+/g, '');

test('the gateway serves the page with a strict Content-Security-Policy and hardening headers', async () => {
  const response = await fetch(`${gateway.url}/`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
  const csp = response.headers.get('content-security-policy');
  assert.ok(csp, 'Content-Security-Policy header present');
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));
  assert.ok(directives['script-src'], 'script-src is set');
  assert.ok(!directives['script-src'].includes("'unsafe-inline'"), "script-src has no 'unsafe-inline'");
  assert.ok(!directives['script-src'].includes("'unsafe-eval'"), "script-src has no 'unsafe-eval'");
  assert.deepEqual(directives['frame-ancestors'], ["'none'"]);
  assert.deepEqual(directives['connect-src'], ["'self'"]);
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(response.headers.get('x-frame-options'), 'DENY');
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
  assert.ok(response.headers.get('permissions-policy'), 'Permissions-Policy header present');

  const html = await response.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'no inline <script> blocks');
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handlers');
  assert.doesNotMatch(html, /\sstyle\s*=/i, 'no inline style attributes');
  assert.doesNotMatch(html, /(src|href)\s*=\s*["']?(https?:)?\/\/(?!gemini\.google\.com)/i, 'no asset from another origin');
});

test('every seed section heading is visible', async () => {
  for (const name of SEED_HEADINGS) {
    const heading = page.getByRole('heading', { name, exact: true }).first();
    assert.ok(await heading.isVisible(), `heading "${name}" is visible`);
  }
  assertNoConsoleErrors();
});

test('the page carries the seed text word for word, in the seed order', { skip: !SEED_FILE && 'no seed file' }, async () => {
  const body = squash(await page.evaluate(() => document.querySelector('main').textContent));
  let position = 0;
  for (const raw of readFileSync(SEED_FILE, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || /^\|[-| ]+\|$/.test(line)) {
      continue;
    }
    // A table row "| A | B | C |" reads as its cells one after the other.
    const expected = squash(line.startsWith('|') ? line.split('|').join('') : line);
    const found = body.indexOf(expected, position);
    assert.ok(found >= 0, `seed line in order: ${line}${body.includes(expected) ? ' (present, but out of order)' : ' (missing)'}`);
    position = found + expected.length;
  }
});

test('every form control has a label and the first Tab stop is the skip link', async () => {
  const unlabeled = await page.evaluate(() => Array.from(document.querySelectorAll('input, select, textarea'))
    .filter((el) => el.labels.length === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
    .map((el) => el.id || el.name));
  assert.deepEqual(unlabeled, []);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
  assert.ok(await page.locator('.skip-link').isVisible(), 'the focused skip link is visible');
});

test('the model and gem pickers come from GET /api/models and GET /api/gems once a cookie is entered', async () => {
  await page.fill('#pg-psid', FAKE_PSID);
  await page.dispatchEvent('#pg-psid', 'change');
  await page.waitForFunction(() => document.getElementById('pg-model-source').textContent.includes('From GET /api/models'), null, { timeout: 15000 });
  const models = await page.$$eval('#pg-model option', (options) => options.map((o) => o.value));
  assert.ok(models.includes('gemini-3-flash-thinking'), models.join(', '));
  await page.waitForSelector('#pg-gem-field', { state: 'visible', timeout: 15000 });
  const gems = await page.$$eval('#pg-gem option', (options) => options.map((o) => o.value));
  assert.ok(gems.length > 1, 'gems listed');
  await page.selectOption('#pg-gem', gems[1]);
  assert.ok((await page.textContent('#pg-curl')).includes(`"gem": "${gems[1]}"`));
  await page.selectOption('#pg-gem', '');
  assertNoConsoleErrors();
});

test('the curl preview never holds a cookie: it reads $GEMINI_PSID and $GEMINI_PSIDTS from the shell', async () => {
  await page.fill('#pg-psid', FAKE_PSID);
  await page.fill('#pg-psidts', FAKE_PSIDTS);
  const curl = await page.textContent('#pg-curl');
  assert.ok(!curl.includes(FAKE_PSID.slice(0, 12)) && !curl.includes(FAKE_PSID.slice(-8)), 'no part of the psid');
  assert.ok(!curl.includes(FAKE_PSIDTS.slice(-8)), 'no part of the psidts');
  assert.ok(!curl.includes('••'), 'no masked value');
  assert.ok(curl.includes('-H "x-gemini-psid: $GEMINI_PSID"'), curl);
  assert.ok(curl.includes('-H "x-gemini-psidts: $GEMINI_PSIDTS"'), curl);
  assert.ok(curl.includes(`'${gateway.url}/api/chat'`), 'the preview targets this page\'s origin');
  assert.match(await page.textContent('.curl-note'), /export GEMINI_PSID=/);
  assert.equal(await page.isChecked('#pg-temporary'), false, 'Temporary is off by default, as in the API');
  assert.match(curl, /"temporary": false/);
});

test('cookies stay in page memory unless "Remember in this browser" is ticked', async () => {
  const stored = () => page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
  assert.ok(!(await stored()).includes(FAKE_PSID), 'nothing stored before opting in');
  await page.check('#pg-remember');
  assert.ok((await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).includes(FAKE_PSID), 'sessionStorage after opting in');
  assert.ok(!(await page.evaluate(() => JSON.stringify({ ...localStorage }))).includes(FAKE_PSID), 'never localStorage');
  await page.uncheck('#pg-remember');
  assert.ok(!(await stored()).includes(FAKE_PSID), 'erased when unticked');
});

test('a streamed prompt shows the answer progressively, then the done state', async () => {
  await page.fill('#pg-psid', FAKE_PSID);
  await page.fill('#pg-prompt', 'How do streams work? [sim:delay-ms=300]');
  await page.selectOption('#pg-model', 'gemini-3-flash-thinking');
  await page.check('#pg-stream');
  await page.click('#pg-send');

  // An intermediate state: some answer text is shown while the stream is still running.
  await page.waitForFunction(() => {
    const answer = document.getElementById('pg-answer');
    return answer.dataset.state === 'streaming' && answer.textContent.length > 0;
  }, null, { timeout: 30000, polling: 20 });
  const partial = await page.textContent('#pg-answer');
  assert.equal(await page.getAttribute('#pg-answer', 'aria-busy'), 'true');

  await page.waitForSelector('#pg-status[data-state="done"]', { timeout: 30000 });
  const final = await page.textContent('#pg-answer');
  assert.ok(partial.length > 0 && partial.length < final.length, `partial (${partial.length}) before final (${final.length})`);
  assert.ok(final.startsWith('Simulated answer'), final);
  assert.ok(final.startsWith(partial.slice(0, 10)), 'the final answer continues the partial one');
  assert.equal(await page.getAttribute('#pg-answer', 'aria-live'), 'polite');
  assert.equal(await page.getAttribute('#pg-answer', 'aria-busy'), 'false');
  assert.match(await page.textContent('#pg-status'), /^Done/);
  assert.ok(await page.isVisible('#pg-thoughts'), 'thoughts block shown for a thinking model');
  assert.ok((await page.textContent('#pg-thoughts-body')).includes('Considering the request'));
  assert.match(await page.textContent('#pg-conversation-ids'), /conversationId\s*c_/);
  assert.ok(await page.isEnabled('#pg-continue'), '"Continue this conversation" is offered');
  assertNoConsoleErrors();
});

test('continuing the conversation sends its ids back, and images render with alt text', async () => {
  await page.check('#pg-continue');
  assert.match(await page.textContent('#pg-curl'), /"conversationId": "c_/);
  // Same model: a conversation cannot switch models (the simulator answers MODEL_INVALID, as Gemini does).
  await page.fill('#pg-prompt', 'draw a lighthouse');
  await page.click('#pg-send');
  await page.waitForSelector('#pg-status[data-state="done"]', { timeout: 30000 });
  const images = page.locator('#pg-images img');
  assert.ok(await images.count() > 0, 'generated images shown');
  assert.ok((await images.first().getAttribute('alt')).length > 0, 'images have alt text');
  await page.waitForFunction(() => Array.from(document.querySelectorAll('#pg-images img')).every((img) => img.complete && img.naturalWidth > 0), null, { timeout: 15000 });
  await page.uncheck('#pg-continue');
  assertNoConsoleErrors();
});

test('a non-streamed prompt renders the JSON answer', async () => {
  await page.uncheck('#pg-continue');
  await page.selectOption('#pg-model', 'gemini-3-flash');
  await page.uncheck('#pg-stream');
  await page.fill('#pg-prompt', 'Plain JSON please');
  await page.click('#pg-send');
  await page.waitForSelector('#pg-status[data-state="done"]', { timeout: 30000 });
  assert.ok((await page.textContent('#pg-answer')).includes('Plain JSON please'));
  await page.check('#pg-stream');
});

test('attached files go as multipart/form-data (request part + files parts)', async () => {
  await page.uncheck('#pg-continue');
  await page.setInputFiles('#pg-files', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('The bridge keeps nothing.\n') });
  assert.match(await page.textContent('#pg-file-list'), /notes\.txt/);
  const curl = await page.textContent('#pg-curl');
  assert.match(curl, /-F 'request=.*;type=application\/json'/);
  assert.match(curl, /-F 'file=@"notes\.txt"'/);
  const sent = page.waitForRequest((request) => request.url().endsWith('/api/chat') && request.method() === 'POST');
  await page.fill('#pg-prompt', 'What do my notes say?');
  await page.click('#pg-send');
  const request = await sent;
  assert.match(request.headers()['content-type'], /^multipart\/form-data; boundary=/);
  // (Chromium does not expose a multipart body holding files to the test; the parts are checked by the examples.)
  await page.waitForSelector('#pg-status[data-state="done"], #pg-status[data-state="error"]', { timeout: 30000 });
  assert.equal(await page.getAttribute('#pg-status', 'data-state'), 'done', await page.textContent('#pg-error'));
  assert.match(await page.textContent('#pg-answer'), /notes\.txt/, 'the gateway received the file');
  await page.click('#pg-clear-files');
  assert.match(await page.textContent('#pg-curl'), /--data-raw/);
});

test('an error shows its code and message', async () => {
  await page.uncheck('#pg-continue');
  await page.fill('#pg-prompt', 'Hello [sim:error=1037]');
  await page.click('#pg-send');
  await page.waitForSelector('#pg-status[data-state="error"]', { timeout: 30000 });
  assert.ok(await page.isVisible('#pg-error'));
  assert.equal(await page.textContent('#pg-error-code'), 'USAGE_LIMIT_EXCEEDED');
  assert.equal(await page.textContent('#pg-error-status'), 'HTTP 429');
  assert.ok((await page.textContent('#pg-error-message')).length > 0, 'the message is shown');
  assertNoConsoleErrors();
});

test('a rotated __Secure-1PSIDTS (x-gemini-psidts-next) replaces the psidts field', async () => {
  await page.fill('#pg-psidts', FAKE_PSIDTS);
  await page.click('#pg-rotate');
  await page.waitForFunction((old) => document.getElementById('pg-psidts').value !== old, FAKE_PSIDTS, { timeout: 15000 });
  const rotated = await page.inputValue('#pg-psidts');
  assert.match(rotated, /^sidts-SIM-/);
  assert.ok(await page.isVisible('#pg-rotation'), 'the rotation is announced');
  assert.ok((await page.textContent('#pg-curl')).includes('x-gemini-psidts: $GEMINI_PSIDTS'));
  assert.ok(!(await page.textContent('#pg-curl')).includes(rotated), 'the rotated value is not in the command');
  assertNoConsoleErrors();
});

test('a missing cookie is caught before sending', async () => {
  await page.fill('#pg-psid', '');
  await page.click('#pg-send');
  assert.match(await page.textContent('#pg-form-error'), /__Secure-1PSID/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'pg-psid');
  await page.fill('#pg-psid', FAKE_PSID);
});

test('the code example tabs show the very files the example tests run', async () => {
  const tabs = page.locator('#examples .tabs [role="tab"]');
  const names = ['curl', 'JavaScript', 'Python', 'C#', 'OpenAI SDK', 'OpenAI Responses', 'Anthropic SDK', 'Gemini SDK'];
  assert.deepEqual(await tabs.allTextContents(), names);
  for (let i = 0; i < names.length; i += 1) {
    const tab = tabs.nth(i);
    await tab.click();
    const file = await tab.getAttribute('data-file');
    const onDisk = readFileSync(path.join(wwwroot, file), 'utf8');
    await page.waitForFunction((expected) => document.getElementById('example-code').textContent === expected, onDisk, { timeout: 10000 });
    assert.equal(await tab.getAttribute('aria-selected'), 'true');
    // The run command targets this page's origin, never a guessed port.
    const run = await page.textContent('#example-run');
    assert.ok(run.startsWith(`GATEWAY_URL='${gateway.url}' `), run);
    assert.doesNotMatch(run, /8080/);
  }
  // Keyboard: arrow keys move between tabs.
  await tabs.nth(names.length - 1).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await tabs.nth(0).getAttribute('aria-selected'), 'true');
  assertNoConsoleErrors();
});

test('axe-core finds no WCAG 2.1 A/AA violations, light and dark, desktop and phone, with an answer and an error shown', async () => {
  // A separate context that bypasses the CSP only to inject axe-core (an inline script the page's CSP refuses).
  const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  for (const colorScheme of ['light', 'dark']) {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      const axeContext = await browser.newContext({ bypassCSP: true, colorScheme, viewport, reducedMotion: 'reduce' });
      const axePage = await axeContext.newPage();
      await axePage.goto(`${gateway.url}/`, { waitUntil: 'networkidle' });
      await axePage.fill('#pg-psid', FAKE_PSID);
      if (viewport.width === 1280) {
        await axePage.selectOption('#pg-model', 'gemini-3-flash-thinking');
        await axePage.fill('#pg-prompt', 'draw a map');
        await axePage.click('#pg-send');
        await axePage.waitForSelector('#pg-status[data-state="done"]', { timeout: 30000 });
        await axePage.evaluate(() => { document.getElementById('pg-thoughts').open = true; });
      } else {
        await axePage.fill('#pg-prompt', '[sim:error=1037]');
        await axePage.click('#pg-send');
        await axePage.waitForSelector('#pg-status[data-state="error"]', { timeout: 30000 });
      }
      await axePage.addScriptTag({ path: axeSource });
      const result = await axePage.evaluate(() => window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      }));
      await axeContext.close();
      const found = result.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(found, [], `${colorScheme} ${viewport.width}px`);
    }
  }
});

test('the SSE parser and the Markdown renderer (run in the page as ES modules)', async () => {
  const result = await page.evaluate(async () => {
    const { SseParser } = await import('/js/sse.js');
    const { renderMarkdown } = await import('/js/markdown.js');
    const events = [];
    const comments = [];
    const parser = new SseParser((event) => events.push(event), (comment) => comments.push(comment));
    for (const chunk of ['event: del', 'ta\r', '\ndata: {"text":"a"}\r\n\r\n: keep-alive\n\n', 'data: one\ndata: two\n', '\nevent: done\ndata:{}\n\n', 'event: cut\ndata: x']) {
      parser.push(chunk);
    }
    parser.end();

    const box = document.createElement('div');
    renderMarkdown(box, '# Title\n\nSome **bold** and `code` <img src=x onerror="window.__xss=1">\n\n- [ok](https://example.com/a)\n- [bad](javascript:window.__xss=1)\n\n```js\n<script>window.__xss=1</script>\n```');
    return {
      events,
      comments,
      html: box.innerHTML,
      imgs: box.querySelectorAll('img, script').length,
      links: Array.from(box.querySelectorAll('a')).map((a) => a.getAttribute('href')),
      strong: box.querySelector('strong')?.textContent,
      xss: window.__xss === undefined,
    };
  });
  assert.deepEqual(result.events, [
    { event: 'delta', data: '{"text":"a"}' },
    { event: 'message', data: 'one\ntwo' },
    { event: 'done', data: '{}' },
  ]);
  assert.deepEqual(result.comments, ['keep-alive']);
  assert.equal(result.imgs, 0, 'markup in an answer stays text');
  assert.deepEqual(result.links, ['https://example.com/a'], 'only http(s) links become links');
  assert.equal(result.strong, 'Title');
  assert.ok(result.xss, 'nothing ran');
  assert.match(result.html, /&lt;img src=x/);
});

test('the theme toggle switches between light and dark', async () => {
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await page.click('#theme-toggle');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.equal(await page.getAttribute('#theme-toggle', 'aria-pressed'), 'true');
  assert.notEqual(await background(), light);
  await page.click('#theme-toggle');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
});

test('screenshots at desktop (1280x900) and phone (390x844) width', async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const shoot = async (options, name, prepare) => {
    const shotContext = await browser.newContext({ ...options, reducedMotion: 'reduce' });
    const shotPage = await shotContext.newPage();
    const errors = [];
    shotPage.on('pageerror', (error) => errors.push(error.message));
    await shotPage.goto(`${gateway.url}/`, { waitUntil: 'networkidle' });
    if (prepare) {
      await prepare(shotPage);
    }
    await shotPage.screenshot({ path: path.join(SCREENSHOTS, name), animations: 'disabled' });
    await shotContext.close();
    assert.deepEqual(errors, []);
  };
  const answered = async (shotPage) => {
    await shotPage.fill('#pg-psid', FAKE_PSID);
    await shotPage.selectOption('#pg-model', 'gemini-3-flash-thinking');
    await shotPage.fill('#pg-prompt', 'draw a lighthouse at dusk');
    await shotPage.click('#pg-send');
    await shotPage.waitForSelector('#pg-status[data-state="done"]', { timeout: 30000 });
    await shotPage.waitForFunction(() => Array.from(document.querySelectorAll('#pg-images img')).every((img) => img.complete), null, { timeout: 15000 });
    await shotPage.evaluate(() => {
      document.getElementById('pg-thoughts').open = true;
      document.querySelector('.playground').scrollIntoView({ block: 'start' });
    });
  };
  const desktop = { viewport: { width: 1280, height: 900 } };
  const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
  await shoot({ ...desktop, colorScheme: 'light' }, 'desktop.png');
  await shoot({ ...phone, colorScheme: 'light' }, 'phone.png');
  await shoot({ ...desktop, colorScheme: 'dark' }, 'desktop-dark.png');
  await shoot({ ...desktop, colorScheme: 'light' }, 'desktop-playground.png', answered);
  await shoot({ ...phone, colorScheme: 'dark' }, 'phone-playground-dark.png', async (shotPage) => {
    await answered(shotPage);
    await shotPage.evaluate(() => document.querySelector('.response-card').scrollIntoView({ block: 'start' }));
  });
  for (const name of ['desktop.png', 'phone.png']) {
    assert.ok(existsSync(path.join(SCREENSHOTS, name)), name);
  }
});

test('no console errors over the whole session', () => {
  assertNoConsoleErrors();
});
