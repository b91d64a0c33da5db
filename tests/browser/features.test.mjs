// Every playground section in Debian's headless Chromium at 1440 and 390 px, against a real gateway in simulator
// mode: History (paging, open, continue in chat, delete), Deep Research (plan, confirm, live progress, cited
// report), Quota (per counter), Gems (create, edit, use in chat, delete), generated images inline, visible error
// answers, copied commands that run as pasted, the 390 px layout, axe-core, and no console error anywhere.
// Each flow ends in a screenshot under TestResults/screenshots (kept by CI); a few refresh docs/screenshots.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { startGateway, wwwroot } from './support/gateway.mjs';
import { launchChromium, openPage, screenshot, axeViolations, VIEWPORTS } from './support/browser.mjs';

let gateway;
let browser;

before(async () => {
  // Deep research polls Gemini every 10 s by default; the simulator answers at once, so poll every second.
  gateway = await startGateway({ env: { Features__DeepResearch__PollInterval: '00:00:01' } });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await gateway?.stop();
});

async function api(psid, method, apiPath, body) {
  const response = await fetch(`${gateway.url}${apiPath}`, {
    method,
    headers: { 'x-gemini-psid': psid, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, envelope: await response.json() };
}

/** Runs a copied command with bash, the cookie in the environment as the page's note says. */
function runPasted(command, psid, cwd) {
  return spawnSync('bash', ['-c', command], { cwd, env: { ...process.env, GEMINI_PSID: psid }, encoding: 'utf8', timeout: 60000 });
}

for (const viewport of VIEWPORTS) {
  describe(`${viewport.width} px`, () => {
    const psid = `g.a000-features-${viewport.width}-${randomUUID()}`;
    let s;
    let page;
    const shot = (name, docName) => screenshot(page, `${name}-${viewport.width}.png`, docName);
    const toTabs = () => page.evaluate(() => document.querySelector('.pg-tabs').scrollIntoView({ block: 'start' }));
    const showSection = async (name) => {
      await page.click(`#pgt-${name}`);
      assert.equal(await page.getAttribute(`#pgt-${name}`, 'aria-selected'), 'true');
      assert.ok(await page.isVisible(`#pgp-${name}`));
    };
    /** Waits for the chat to finish and fails with the error box's text if it did not succeed. */
    const chatDone = async () => {
      await page.waitForSelector('#pg-status[data-state="done"], #pg-status[data-state="error"]', { timeout: 30000 });
      assert.equal(await page.getAttribute('#pg-status', 'data-state'), 'done', await page.textContent('#pg-error'));
    };
    const enterCookie = async () => {
      await page.fill('#pg-psid', psid);
      await page.dispatchEvent('#pg-psid', 'change');
    };

    before(async () => {
      s = await openPage(browser, gateway.url, viewport);
      page = s.page;
    });
    after(async () => {
      await s?.close();
    });

    test('a fresh load: no console error, no API call before a cookie, the simulator banner and its help', async () => {
      assert.deepEqual(s.problems, []);
      assert.deepEqual(s.apiRequests, [], 'nothing is asked of the API before a cookie is entered');
      assert.ok(await page.isVisible('#sim-banner'), 'the server said simulator: the banner shows');
      assert.match(await page.textContent('#sim-banner'), /Simulator mode/);
      assert.ok(await page.isVisible('#pg-form [data-simulator-only]'), 'the [sim:…] help shows');
      assert.match(await page.textContent('#pg-form [data-simulator-only]'), /\[sim:error=1037\]/);
      assert.equal(await page.isChecked('#pg-temporary'), false, 'Temporary off, as the API');
      await shot('fresh-load');
    });

    test('layout: no horizontal overflow, the nav and every tab reachable, no identifier broken', async () => {
      const layout = await page.evaluate(() => {
        const inside = (node) => {
          const r = node.getBoundingClientRect();
          return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth + 0.5;
        };
        return {
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          navOutside: Array.from(document.querySelectorAll('.site-nav a')).filter((a) => !inside(a)).map((a) => a.textContent),
          navClipped: (() => { const ul = document.querySelector('.site-nav ul'); return ul.scrollWidth > ul.clientWidth; })(),
          tabsOutside: Array.from(document.querySelectorAll('.pg-tabs [role="tab"], #examples [role="tab"]')).filter((t) => !inside(t)).map((t) => t.textContent),
          brokenCodes: Array.from(document.querySelectorAll('#docs td code')).filter((code) => code.getClientRects().length > 1).map((code) => code.textContent),
          errorTableScrolls: (() => { const wrap = document.querySelector('#docs table.table-stack').closest('.table-wrap'); return wrap.scrollWidth > wrap.clientWidth; })(),
        };
      });
      assert.ok(layout.scrollWidth <= layout.innerWidth, `page ${layout.scrollWidth} px wide in a ${layout.innerWidth} px window`);
      assert.deepEqual(layout.navOutside, [], 'every nav link is on screen');
      assert.equal(layout.navClipped, false, 'the nav is not cut');
      assert.deepEqual(layout.tabsOutside, [], 'every tab is on screen');
      assert.deepEqual(layout.brokenCodes, [], 'no code in a docs table breaks over lines');
      assert.equal(layout.errorTableScrolls, false, 'the error code table fits');
      for (const tab of await page.locator('#examples [role="tab"]').all()) {
        await tab.click();
        assert.equal(await tab.getAttribute('aria-selected'), 'true');
      }
      await page.locator('#error-codes-title').scrollIntoViewIfNeeded();
      await page.evaluate(() => document.getElementById('error-codes-title').scrollIntoView({ block: 'start' }));
      await shot('error-codes');
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot('header-nav');
    });

    test('a sectioned action without a cookie says so and sends nothing', async () => {
      await showSection('quota');
      await page.click('#qt-load');
      assert.equal(await page.textContent('#qt-error .error-code'), 'MISSING_GEMINI_CREDENTIALS');
      assert.deepEqual(s.apiRequests, []);
      await showSection('chat');
    });

    test('generated images are shown inline in the chat', async () => {
      await enterCookie();
      await page.fill('#pg-prompt', 'draw a lighthouse at dusk');
      await page.click('#pg-send');
      await chatDone();
      const images = page.locator('#pg-images img');
      assert.equal(await images.count(), 2);
      await page.waitForFunction(() => Array.from(document.querySelectorAll('#pg-images img')).every((img) => img.complete && img.naturalWidth > 0), null, { timeout: 15000 });
      assert.match(await images.first().getAttribute('alt'), /lighthouse/);
      assert.match(await page.textContent('#pg-images figcaption'), /^Generated/);
      await page.locator('#pg-images').scrollIntoViewIfNeeded();
      await shot('chat-images');
      assert.deepEqual(s.problems, []);
    });

    test('History: pages of the list, open a conversation, continue it in chat, delete it', async () => {
      for (let i = 1; i <= 6; i += 1) {
        const { envelope } = await api(psid, 'POST', '/api/chat', { prompt: `history item ${i}` });
        assert.equal(envelope.success, true);
      }
      await showSection('history');
      // Shown with a cookie present: the list loads by itself (10 a page: all seven chats).
      await page.waitForFunction(() => document.querySelectorAll('#hi-list li').length === 7, null, { timeout: 15000 });
      assert.match(await page.textContent('#hi-list li:first-child'), /history item 6/, 'newest first');
      assert.match(await page.textContent('#hi-curl'), /\/api\/conversations\?pageSize=10/);

      await page.selectOption('#hi-page-size', '5');
      await page.waitForFunction(() => document.querySelectorAll('#hi-list li').length === 5 && document.getElementById('hi-page').textContent === 'Page 1');
      assert.ok(await page.isEnabled('#hi-next'), 'a next page exists');
      await page.click('#hi-next');
      await page.waitForFunction(() => document.getElementById('hi-page').textContent === 'Page 2');
      assert.equal(await page.locator('#hi-list li').count(), 2);
      assert.match(await page.textContent('#hi-list'), /draw a lighthouse/);
      assert.ok(await page.isDisabled('#hi-next'), 'the last page');
      assert.match(await page.textContent('#hi-curl'), /cursor=/);
      await page.click('#hi-first');
      await page.waitForFunction(() => document.getElementById('hi-page').textContent === 'Page 1');

      const item = page.locator('#hi-list li', { hasText: 'history item 3' });
      const id = await item.getAttribute('data-id');
      await item.getByRole('button', { name: /^Open/ }).click();
      await page.waitForSelector('#hi-detail:not([hidden])');
      assert.match(await page.textContent('#hi-turns'), /You: history item 3/);
      assert.match(await page.textContent('#hi-turns'), /Simulated answer to "history item 3"/);
      assert.match(await page.textContent('#hi-detail-id'), new RegExp(id));
      await (viewport.width === 1440 ? toTabs() : page.locator('#hi-detail').scrollIntoViewIfNeeded());
      await shot('history', viewport.width === 1440 ? 'desktop-history.png' : undefined);

      await page.click('#hi-continue');
      assert.equal(await page.getAttribute('#pgt-chat', 'aria-selected'), 'true', 'Chat is shown');
      assert.equal(await page.isChecked('#pg-continue'), true);
      assert.equal(await page.inputValue('#pg-model'), '', 'no model sent: the conversation keeps its own');
      assert.ok((await page.textContent('#pg-curl')).includes(`"conversationId": "${id}"`));
      await page.fill('#pg-prompt', 'and what happened next?');
      await page.click('#pg-send');
      await chatDone();
      assert.match(await page.textContent('#pg-answer'), /\(turn 2\)/, 'the answer continues the conversation');

      await showSection('history');
      const remove = page.locator(`#hi-list li[data-id="${id}"]`).getByRole('button', { name: /Delete/ });
      await remove.click();
      assert.equal(await remove.textContent(), 'Really delete?', 'asks once more');
      await remove.click();
      await page.waitForSelector(`#hi-list li[data-id="${id}"]`, { state: 'detached' });
      assert.match(await page.textContent('#hi-status'), /Deleted/);
      assert.match(await page.textContent('#hi-curl'), new RegExp(`-X DELETE '${gateway.url}/api/conversations/${id}'`));
      assert.equal((await api(psid, 'GET', `/api/conversations/${id}`)).status, 404, 'gone from the account');

      // Continuing the deleted chat: the error says why, not only "error 1097".
      s.expectFailure('/api/chat');
      await showSection('chat');
      await page.fill('#pg-prompt', 'still there?');
      await page.click('#pg-send');
      await page.waitForSelector('#pg-status[data-state="error"]', { timeout: 30000 });
      assert.ok(await page.isVisible('#pg-error .error-hint'));
      assert.match(await page.textContent('#pg-error .error-hint'), /deleted/);
      assert.match(await page.textContent('#pg-error-request'), /requestId: [0-9a-f-]{36}/);
      await page.uncheck('#pg-continue');
      assert.deepEqual(s.problems, []);
    });

    test('Deep Research: start, the plan, confirm, live progress from the event stream, the cited report', async () => {
      await showSection('research');
      await page.fill('#rs-prompt', 'the history of lighthouses');
      assert.match(await page.textContent('#rs-curl'), /"prompt": "the history of lighthouses"/);
      await page.click('#rs-start');
      await page.waitForSelector('#rs-plan:not([hidden])', { timeout: 30000 });
      assert.match(await page.textContent('#rs-plan-title'), /lighthouses/);
      assert.equal(await page.locator('#rs-plan-steps li').count(), 3);
      assert.equal(await page.textContent('#rs-confirm'), 'Start research');
      assert.match(await page.inputValue('#rs-id'), /^[0-9a-f-]{36}$/);
      await page.click('#rs-confirm');
      await page.waitForSelector('#rs-report:not([hidden])', { timeout: 60000 });
      const states = await page.$$eval('#rs-progress li', (items) => items.map((li) => li.dataset.state));
      assert.deepEqual(states, ['starting', 'awaiting_confirmation', 'running', 'completed'], 'one line per state, in order');
      assert.match(await page.textContent('#rs-report-body'), /Research: the history of lighthouses/);
      const sources = page.locator('#rs-source-list a');
      assert.equal(await sources.count(), 2);
      assert.match(await sources.first().getAttribute('href'), /^https?:\/\//);
      const curl = await page.textContent('#rs-curl');
      assert.match(curl, /^curl -sSN '.*\/api\/research\/[0-9a-f-]{36}\/events'/);
      assert.match(curl, /accept: text\/event-stream/);
      await page.locator('#rs-report').scrollIntoViewIfNeeded();
      await shot('research', viewport.width === 1440 ? 'desktop-research.png' : 'phone-research.png');

      // An unknown id: the error answer is shown with its code, status and request id.
      s.expectFailure('/api/research');
      await page.locator('.resume summary').click();
      await page.fill('#rs-id', 'no-such-research');
      await page.click('#rs-open');
      await page.waitForSelector('#rs-error:not([hidden])');
      assert.equal(await page.textContent('#rs-error .error-code'), 'NOT_FOUND');
      assert.equal(await page.textContent('#rs-error .error-status'), 'HTTP 404');
      assert.match(await page.textContent('#rs-error .error-request'), /requestId: /);
      assert.deepEqual(s.problems, []);
    });

    test('Quota: every counter with its own id, and what each figure means', async () => {
      await showSection('quota');
      await page.click('#qt-load');
      await page.waitForSelector('#qt-status[data-state="done"]', { timeout: 15000 });
      const rows = await page.$$eval('#qt-rows tr', (trs) => trs.map((tr) => ({ id: tr.dataset.quotaId, model: tr.cells[0].textContent })));
      assert.deepEqual(rows.map((r) => r.id), ['1,11', '2,11', '6,11', '1,4', '6,6', '1,15']);
      const flash = rows.filter((r) => r.model.startsWith('Flash ·'));
      assert.equal(flash.length, 3);
      assert.equal(new Set(flash.map((r) => r.model)).size, 3, 'the three Flash rows read differently');
      assert.match(flash[0].model, /counter 1,11/);
      assert.match(await page.textContent('#qt-summary'), /available \(1000\)/);
      await page.click('#qt-legend summary');
      assert.match(await page.textContent('#qt-legend'), /Quota id/);
      const fits = await page.$eval('#qt-table-wrap', (wrap) => wrap.scrollWidth <= wrap.clientWidth);
      assert.ok(fits, 'the quota table fits without scrolling');
      assert.match(await page.textContent('#qt-curl'), new RegExp(`^curl -sS '${gateway.url}/api/quota'`));
      await toTabs();
      await shot('quota', viewport.width === 1440 ? 'desktop-quota.png' : 'phone-quota.png');
      assert.deepEqual(s.problems, []);
    });

    test('Gems: list, refuse a bad one, create, edit, use in chat, delete', async () => {
      await showSection('gems');
      await page.waitForFunction(() => document.querySelectorAll('#gm-list li').length >= 2, null, { timeout: 15000 });
      const system = page.locator('#gm-list li[data-id="coding-partner"]');
      assert.match(await system.textContent(), /System/);
      assert.equal(await system.getByRole('button', { name: /Edit/ }).count(), 0, 'system gems are read-only');

      s.expectFailure('/api/gems');
      await page.fill('#gm-name', '');
      await page.click('#gm-save');
      await page.waitForSelector('#gm-error:not([hidden])');
      assert.equal(await page.textContent('#gm-error .error-code'), 'INVALID_BODY');
      assert.equal(await page.textContent('#gm-error .error-status'), 'HTTP 400');
      assert.match(await page.textContent('#gm-error .error-request'), /requestId: /);

      await page.fill('#gm-name', 'Patient tutor');
      await page.fill('#gm-description', 'Explains slowly');
      await page.fill('#gm-instructions', 'You are a patient tutor.');
      assert.match(await page.textContent('#gm-curl'), /-H 'content-type: application\/json'[\s\S]*"name": "Patient tutor"/);
      await page.click('#gm-save');
      const custom = page.locator('#gm-list li[data-kind="custom"]', { hasText: 'Patient tutor' });
      await custom.waitFor({ timeout: 15000 });
      const id = await custom.getAttribute('data-id');
      assert.match(await page.textContent('#gm-status'), /Created "Patient tutor"/);

      await custom.getByRole('button', { name: /Edit/ }).click();
      assert.match(await page.textContent('#gm-form-title'), /Edit "Patient tutor"/);
      await page.fill('#gm-instructions', 'You are a very patient tutor.');
      assert.match(await page.textContent('#gm-curl'), new RegExp(`-X PUT '${gateway.url}/api/gems/${id}'`));
      await page.click('#gm-save');
      await page.waitForFunction(() => document.getElementById('gm-status').textContent.startsWith('Saved'), null, { timeout: 15000 });
      assert.match(await page.locator(`#gm-list li[data-id="${id}"]`).textContent(), /very patient/);
      assert.equal((await api(psid, 'GET', `/api/gems/${id}`)).envelope.data.instructions, 'You are a very patient tutor.');
      await toTabs();
      await shot('gems', viewport.width === 1440 ? 'desktop-gems.png' : undefined);

      await page.locator(`#gm-list li[data-id="${id}"]`).getByRole('button', { name: /^Use in chat/ }).click();
      assert.equal(await page.getAttribute('#pgt-chat', 'aria-selected'), 'true');
      assert.equal(await page.inputValue('#pg-gem'), id);
      assert.ok((await page.textContent('#pg-curl')).includes(`"gem": "${id}"`));
      await page.uncheck('#pg-continue');
      await page.selectOption('#pg-model', 'gemini-3-flash');
      await page.fill('#pg-prompt', 'hello tutor');
      await page.click('#pg-send');
      await chatDone();
      assert.match(await page.textContent('#pg-answer'), /\[gem Patient tutor\]/, 'the gem applied');
      await page.selectOption('#pg-gem', '');

      await showSection('gems');
      const remove = page.locator(`#gm-list li[data-id="${id}"]`).getByRole('button', { name: /Delete/ });
      await remove.click();
      await remove.click();
      await page.waitForSelector(`#gm-list li[data-id="${id}"]`, { state: 'detached', timeout: 15000 });
      assert.equal((await api(psid, 'GET', `/api/gems/${id}`)).status, 404);
      assert.deepEqual(s.problems, []);
    });

    test('copied commands run as pasted: curl with $GEMINI_PSID and this origin, and the example run command', { skip: viewport.width !== 1440 && 'once is enough' }, async () => {
      await showSection('history');
      await page.click('#hi-load');
      await page.waitForSelector('#hi-status[data-state="done"]');
      await showSection('chat');
      await page.uncheck('#pg-stream');
      await page.fill('#pg-prompt', 'pasted from the playground');
      const commands = {
        chat: await page.textContent('#pg-curl'),
        quota: await page.textContent('#qt-curl'),
        gems: await page.textContent('#gm-curl'),
        history: await page.textContent('#hi-curl'),
      };
      await page.check('#pg-stream');
      for (const [name, command] of Object.entries(commands)) {
        assert.ok(!command.includes(psid), `${name}: no cookie in the command`);
        const run = runPasted(command, psid);
        assert.equal(run.status, 0, `${name}: ${run.stderr}`);
        const envelope = JSON.parse(run.stdout);
        assert.equal(envelope.success, true, `${name}: ${run.stdout}`);
        if (name === 'chat') {
          assert.match(envelope.data.text, /pasted from the playground/);
        }
      }
      await page.click('#tab-curl');
      const runLine = await page.textContent('#example-run');
      const example = runPasted(runLine.replace('stream', 'chat'), psid, path.join(wwwroot, 'examples', 'curl'));
      assert.equal(example.status, 0, example.stderr);
      assert.match(example.stdout, /Simulated answer/);
    });

    test('axe-core: no WCAG 2.1 A/AA violation in any section', async () => {
      for (const name of ['chat', 'history', 'research', 'quota', 'gems']) {
        await showSection(name);
        assert.deepEqual(await axeViolations(page), [], `${name} at ${viewport.width} px`);
      }
    });

    test('no console error, uncaught exception or CSP violation over the whole session', () => {
      assert.deepEqual(s.problems, []);
    });
  });
}

test('without the simulator the page shows no banner and no [sim:…] help', async () => {
  const s = await openPage(browser, gateway.url, VIEWPORTS[0], {
    // The server's answer as a gateway without --simulator gives it (tests/Gateway.Tests covers the server side).
    route: (page) => page.route('**/_gateway/info', (route) => route.fulfill({ contentType: 'application/json', body: '{"simulator":false,"version":"1.0.0"}' })),
  });
  try {
    assert.equal(await s.page.isVisible('#sim-banner'), false);
    assert.equal(await s.page.locator('[data-simulator-only]:visible').count(), 0);
    assert.deepEqual(s.problems, []);
    await screenshot(s.page, 'no-simulator-1440.png');
  } finally {
    await s.close();
  }
});
