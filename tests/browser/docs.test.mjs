// The API reference at /docs (Scalar, served by the gateway itself) in Debian's headless Chromium at 1440 and 390 px,
// against a real gateway in simulator mode: every request the page makes goes to the gateway's own origin (anything
// else is intercepted, recorded and refused), no console error, uncaught exception or CSP violation, the product only
// (no vendor extras), every documented operation listed, and Try-it through Scalar's API client: GET /api/models,
// POST /api/chat with its prefilled example and POST /api/gems, each with a simulator cookie typed into the client,
// answered 200/201 in the client and by a success envelope on the wire.
// Each flow ends in a screenshot under TestResults/screenshots (docs-<flow>-<width>.png).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startGateway } from './support/gateway.mjs';
import { launchChromium, openPage, screenshot, VIEWPORTS } from './support/browser.mjs';

let gateway;
let origin;
let browser;
let openapi;

before(async () => {
  gateway = await startGateway();
  origin = new URL(gateway.url).origin;
  browser = await launchChromium();
  openapi = await (await fetch(`${gateway.url}/openapi/v1.json`)).json();
});

after(async () => {
  await browser?.close();
  await gateway?.stop();
});

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Scalar's reference and API client, found by roles and accessible names only (no generated class names), so that a
 * Scalar upgrade that moves things changes this one place.
 */
const scalar = {
  sidebar: (page) => page.getByRole('complementary', { name: /^Sidebar for / }),
  /** At 390 px the sidebar sits behind a menu button; at 1440 px it is always shown. */
  async openSidebar(page) {
    const menu = page.getByRole('button', { name: 'Open Menu', exact: true });
    if (await menu.isVisible()) {
      await menu.click();
    }
    await this.sidebar(page).waitFor();
  },
  /** Every tag group opened; their operations as "METHOD /path", read from the links (#tag/<tag>/<METHOD><path>). */
  async listedOperations(page) {
    await this.openSidebar(page);
    const closed = this.sidebar(page).getByRole('button', { name: /^Open Group - / });
    for (let left = 30; left > 0 && await closed.count() > 0; left -= 1) {
      await closed.first().click();
    }
    assert.equal(await closed.count(), 0, 'every group opened');
    const hrefs = await this.sidebar(page).getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    return hrefs.map((href) => /^#tag\/[^/]+\/([A-Z]+)(\/.*)$/.exec(href)).filter(Boolean).map(([, method, path]) => `${method} ${path}`);
  },
  /** Opens the operation from the sidebar (its tag's group first, when closed) and scrolls the reference to it. */
  async showOperation(page, { tag, summary, method }) {
    await this.openSidebar(page);
    const link = this.sidebar(page).getByRole('link', { name: `${summary} HTTP Method: ${method}`, exact: true });
    if (!(await link.isVisible())) {
      // "Models" is also the name of Scalar's schema section, listed last: the tag's group comes first.
      await this.sidebar(page).getByRole('button', { name: `Open Group - ${tag}`, exact: true }).first().click();
    }
    await link.click();
  },
  testRequest: (page, { method, path }) => page.getByRole('button', { name: `Test Request (${method.toLowerCase()} ${path})`, exact: true }),
  client: (page) => page.getByRole('dialog', { name: 'API Client' }),
  send: (client, { method, path }) => client.getByRole('button', { name: `Send ${method.toLowerCase()} request to ${origin}${path}`, exact: true }),
  /** The address bar's server picker, named after the server it sends to. */
  server: (client, url) => client.getByRole('button', { name: `Server: ${url}`, exact: true }),
  /** The value cell (a contenteditable combobox) of a header row of the request. */
  headerValue: (client, name) => client.getByRole('row', { name: new RegExp(`^Include ${escape(name)} in request\\b`) }).getByRole('combobox', { name: 'Value' }),
  requestBody: (client) => client.getByRole('region', { name: /^Request: / }).getByRole('textbox'),
  response: (client) => client.getByRole('region', { name: 'Response', exact: true }),
  /** The answer's status, a "200 OK" link to its explanation, shown once the answer has arrived. */
  status: (client) => scalar.response(client).getByRole('link', { name: /^\d{3}\b/ }),
  responseBody: (client) => scalar.response(client).getByRole('textbox'),
};

/** Opens /docs/ with every request recorded and any request to another origin refused (and recorded). */
async function openDocs(viewport) {
  const requests = [];
  const foreign = [];
  const s = await openPage(browser, `${gateway.url}/docs`, viewport, {
    route: async (page) => {
      page.setDefaultTimeout(30000);
      page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
      await page.route((url) => url.origin !== origin, (route) => {
        foreign.push(`${route.request().method()} ${route.request().url()}`);
        return route.abort('blockedbyclient');
      });
    },
  });
  // The document has been read and rendered: its title is the page's first heading.
  await s.page.getByRole('heading', { level: 1, name: openapi.info.title, exact: true }).waitFor();
  return { ...s, requests, foreign };
}

/** Nothing from the vendor shows: no toolbar, agent, SDK or share button, no "Powered by", no link to its site. */
async function assertProductOnly(page, where) {
  const shown = await page.evaluate(() => ({
    text: document.body.innerText,
    vendorLinks: Array.from(document.querySelectorAll('a[href]'))
      .filter((a) => /scalar\.com/i.test(a.href) && a.checkVisibility({ visibilityProperty: true, opacityProperty: true }))
      .map((a) => `${a.textContent.trim()} -> ${a.href}`),
  }));
  for (const extra of [/\bDeploy\b/, /\bAsk AI\b/i, /\bGenerate SDK/i, /\bPowered by\b/i, /\bShare\b/, /\bScalar\b/i, /\bMCP\b/]) {
    assert.doesNotMatch(shown.text, extra, `${where}: no visible ${extra}`);
  }
  assert.deepEqual(shown.vendorLinks, [], `${where}: no visible link to the vendor`);
}

async function assertClean(s) {
  assert.deepEqual(s.foreign, [], 'no request left the gateway\'s origin');
  assert.deepEqual(s.requests.filter((r) => new URL(r.split(' ')[1]).origin !== origin), []);
  assert.deepEqual(s.problems, [], 'no console error, uncaught exception or CSP violation');
}

const documentedOperations = () => Object.entries(openapi.paths)
  .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));

const exampleBody = ({ method, path }) => openapi.paths[path][method.toLowerCase()].requestBody.content['application/json'].example;

/** Try-it: the operation's "Test Request" opens Scalar's API client, aimed at this gateway. */
async function openClient(page, operation) {
  await scalar.showOperation(page, operation);
  await scalar.testRequest(page, operation).click();
  const client = scalar.client(page);
  await scalar.send(client, operation).waitFor();
  assert.equal(await scalar.server(client, origin).count(), 1, 'the server is this gateway');
  return client;
}

/**
 * Types a simulator cookie over the documented example in the client's x-gemini-psid row, sends, and returns the wire
 * request and answer once the client shows the answer's status.
 */
async function sendWithCookie(page, client, operation, psid) {
  const cookie = scalar.headerValue(client, 'x-gemini-psid');
  assert.equal(await cookie.textContent(), openapi.components.parameters.psid.example, 'the documented cookie example is prefilled');
  await cookie.fill(psid);
  assert.equal(await cookie.textContent(), psid);

  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === operation.path && r.request().method() === operation.method, { timeout: 60000 }),
    scalar.send(client, operation).click(),
  ]);
  const request = response.request();
  assert.equal(request.headers()['x-gemini-psid'], psid, 'the cookie typed into the client was sent');
  const envelope = await response.json();
  await scalar.status(client).waitFor({ timeout: 60000 });
  return { client, request, response, envelope, shownStatus: (await scalar.status(client).textContent()).trim() };
}

/** A success envelope on the wire, its status shown by the client, and the body shown starting with success: true. */
async function assertSuccess({ client, response, envelope, shownStatus }, status, statusText) {
  assert.equal(response.status(), status);
  assert.match(response.headers()['content-type'], /^application\/json\b/);
  assert.equal(envelope.success, true, JSON.stringify(envelope));
  assert.match(envelope.requestId, /^[0-9a-f-]{36}$/);
  assert.equal(response.headers()['x-request-id'], envelope.requestId);
  assert.equal(typeof envelope.data, 'object');
  assert.equal(shownStatus, `${status} ${statusText}`, 'the client shows the answer\'s status');
  await scalar.responseBody(client).filter({ hasText: /"success":\s*true/ }).waitFor();
}

for (const viewport of VIEWPORTS) {
  describe(`/docs at ${viewport.width} px`, () => {
    const cookie = (flow) => `g.a000-docs-${flow}-${viewport.width}-${randomUUID()}`;
    const shot = (page, flow) => screenshot(page, `docs-${flow}-${viewport.width}.png`);

    test('loads from the gateway alone (offline), titled as the product, with no console error or CSP violation', async () => {
      const s = await openDocs(viewport);
      try {
        const paths = s.requests.map((r) => new URL(r.split(' ')[1]).pathname);
        assert.ok(paths.includes('/docs/scalar.js'), 'the reference\'s script comes from the gateway');
        assert.ok(paths.some((p) => p.endsWith('/openapi/v1.json')), 'the document comes from the gateway');
        assert.equal(await s.page.title(), 'Gemini Bridge Gateway API');
        assert.equal(openapi.info.title, 'Gemini Bridge Gateway');
        await assertProductOnly(s.page, 'the reference');
        await assertClean(s);
        await shot(s.page, 'load');
      } finally {
        await s.close();
      }
    });

    test('the product only: no vendor extras, and every documented operation listed', async () => {
      const s = await openDocs(viewport);
      try {
        const listed = await scalar.listedOperations(s.page);
        assert.deepEqual([...listed].sort(), documentedOperations().sort(), 'the sidebar lists exactly the document\'s operations');
        for (const operation of ['POST /api/chat', 'GET /api/models', 'POST /api/gems', 'POST /api/research', 'GET /api/quota',
          'POST /v1/chat/completions', 'POST /v1/responses', 'GET /v1/models', 'GET /v1beta/models', 'POST /v1beta/models/{model}:generateContent']) {
          assert.ok(listed.includes(operation), `${operation} is listed`);
        }
        await assertProductOnly(s.page, 'the reference with every group open');
        await assertClean(s);
        await shot(s.page, 'operations');
      } finally {
        await s.close();
      }
    });

    test('Try-it: GET /api/models answers the account\'s models', async () => {
      const s = await openDocs(viewport);
      try {
        const operation = { tag: 'Models', summary: 'List models', method: 'GET', path: '/api/models' };
        const answer = await sendWithCookie(s.page, await openClient(s.page, operation), operation, cookie('models'));
        await assertSuccess(answer, 200, 'OK');
        assert.ok(answer.envelope.data.models.length > 0);
        assert.ok(answer.envelope.data.models.some((m) => m.alias === 'gemini-3-flash'));
        await assertProductOnly(s.page, 'the API client');
        await assertClean(s);
        await shot(s.page, 'try-models');
      } finally {
        await s.close();
      }
    });

    test('Try-it: POST /api/chat with the prefilled example unchanged answers the JSON envelope', async () => {
      const s = await openDocs(viewport);
      try {
        const operation = { tag: 'Chat', summary: 'Chat', method: 'POST', path: '/api/chat' };
        const example = exampleBody(operation);
        const client = await openClient(s.page, operation);
        assert.deepEqual(JSON.parse(await scalar.requestBody(client).textContent()), example, 'the body is prefilled with the example');

        const answer = await sendWithCookie(s.page, client, operation, cookie('chat'));
        assert.deepEqual(answer.request.postDataJSON(), example, 'the example was sent as it is');
        // Scalar asks for every documented answer type (application/json, text/event-stream): the JSON default wins.
        assert.match(answer.request.headers().accept, /text\/event-stream/);
        await assertSuccess(answer, 200, 'OK');
        assert.match(answer.envelope.data.text, new RegExp(escape(example.prompt)));
        assert.ok(answer.envelope.data.conversation.conversationId);
        await assertProductOnly(s.page, 'the API client');
        await assertClean(s);
        await shot(s.page, 'try-chat');
      } finally {
        await s.close();
      }
    });

    test('Try-it: POST /api/gems with the cookie typed into the client creates the gem for that cookie', async () => {
      const s = await openDocs(viewport);
      try {
        const operation = { tag: 'Gems', summary: 'Create a gem', method: 'POST', path: '/api/gems' };
        const psid = cookie('gems');
        const client = await openClient(s.page, operation);
        assert.deepEqual(JSON.parse(await scalar.requestBody(client).textContent()), exampleBody(operation), 'the body is prefilled with the example');
        const answer = await sendWithCookie(s.page, client, operation, psid);
        assert.deepEqual(answer.request.postDataJSON(), exampleBody(operation));
        await assertSuccess(answer, 201, 'Created');
        assert.equal(answer.envelope.data.name, exampleBody(operation).name);
        assert.equal(answer.envelope.data.kind, 'custom');

        const gems = await (await fetch(`${gateway.url}/api/gems`, { headers: { 'x-gemini-psid': psid } })).json();
        assert.ok(gems.data.gems.some((g) => g.id === answer.envelope.data.id), 'the gem belongs to the cookie typed into the client');
        await assertProductOnly(s.page, 'the API client');
        await assertClean(s);
        await shot(s.page, 'try-gems');
      } finally {
        await s.close();
      }
    });
  });
}
