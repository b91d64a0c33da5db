// A refusal with Retry-After, in Chromium at 1440 and 390 px: after `[sim:block]` the simulated Google blocks this
// gateway's address and every call answers TEMPORARILY_BLOCKED with Retry-After; the page says when to try again.
// Its own gateway: the block holds for every caller of that gateway until the cool-down ends.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startGateway } from './support/gateway.mjs';
import { launchChromium, openPage, screenshot, VIEWPORTS } from './support/browser.mjs';

let gateway;
let browser;

before(async () => {
  gateway = process.env.GATEWAY_URL ? null : await startGateway();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await gateway?.stop();
});

test('a refusal with Retry-After tells when to try again, in chat and in the other sections', { skip: Boolean(process.env.GATEWAY_URL) && 'blocks the shared gateway for minutes' }, async () => {
  for (const viewport of VIEWPORTS) {
    const s = await openPage(browser, gateway.url, viewport);
    try {
      s.expectFailure('/api/');
      const { page } = s;
      await page.fill('#pg-psid', `g.a000-refusals-${randomUUID()}`);
      await page.dispatchEvent('#pg-psid', 'change');
      // Answered or refused (once blocked, the models call is refused too): the page asked for them.
      await page.waitForFunction(() => document.getElementById('pg-model-source').textContent.includes('GET /api/models'));
      if (viewport === VIEWPORTS[0]) {
        // The call that meets the block page (no Retry-After on this first answer).
        await page.fill('#pg-prompt', 'hello [sim:block]');
        await page.click('#pg-send');
        await page.waitForSelector('#pg-status[data-state="error"]', { timeout: 30000 });
        assert.equal(await page.textContent('#pg-error-code'), 'TEMPORARILY_BLOCKED');
      }
      await page.fill('#pg-prompt', 'hello again');
      await page.click('#pg-send');
      await page.waitForSelector('#pg-status[data-state="error"]', { timeout: 30000 });
      assert.equal(await page.textContent('#pg-error-code'), 'TEMPORARILY_BLOCKED');
      assert.equal(await page.textContent('#pg-error-status'), 'HTTP 429');
      assert.ok(await page.isVisible('#pg-error-retry'), 'the retry line shows');
      assert.match(await page.textContent('#pg-error-retry'), /^Try again after .+ \(in \d+ minutes; Retry-After: \d+\)\.$/);
      assert.match(await page.textContent('#pg-error-request'), /requestId: [0-9a-f-]{36}/);
      await page.locator('#pg-error').scrollIntoViewIfNeeded();
      await screenshot(page, `retry-after-${viewport.width}.png`, viewport.width === 390 ? 'phone-retry-after.png' : undefined);

      await page.click('#pgt-quota');
      await page.waitForSelector('#qt-error:not([hidden])', { timeout: 15000 });
      assert.equal(await page.textContent('#qt-error .error-code'), 'TEMPORARILY_BLOCKED');
      assert.match(await page.textContent('#qt-error .error-retry'), /^Try again after/);
      assert.deepEqual(s.problems, []);
    } finally {
      await s.close();
    }
  }
});
