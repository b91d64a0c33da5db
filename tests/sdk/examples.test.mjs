// The SDK snippets the page shows (gateway/Gateway/wwwroot/examples/sdk/) run against the gateway here, where
// the official packages are installed, so they cannot rot.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fakePsid, startGateway } from '../support/gateway.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const examples = path.join(here, '..', '..', 'gateway', 'Gateway', 'wwwroot', 'examples', 'sdk');
const run = promisify(execFile);

describe('SDK code examples shown on the page', () => {
  let gateway;
  let scratch;

  before(async () => {
    gateway = await startGateway();
    // Inside this folder so that `import 'openai'` resolves to this suite's node_modules.
    scratch = mkdtempSync(path.join(here, '.examples-'));
  });

  after(async () => {
    await gateway?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** What each example prints beyond the streamed answer to its prompt. */
  const more = {
    'openai.mjs': () => {},
    'genai.mjs': () => {},
    // The follow-up turn continued the streamed answer's conversation through previous_response_id (turn 2).
    'responses.mjs': ({ stdout }) => assert.match(stdout, /\n.*Simulated answer to "Now sum that up in one sentence\."\. \(turn 2\)/),
    // finalMessage() resolved with the stop reason and the gateway's usage estimate.
    'anthropic.mjs': ({ stderr }) => assert.match(stderr, /stop_reason: end_turn; usage \(estimated\): [1-9]\d* in, [1-9]\d* out/),
  };

  for (const [file, check] of Object.entries(more)) {
    test(`${file} streams an answer`, async () => {
      const target = path.join(scratch, file);
      copyFileSync(path.join(examples, file), target);
      const output = await run(process.execPath, [target, `Hello from ${file}`], {
        env: { ...process.env, GATEWAY_URL: gateway.url, GEMINI_PSID: fakePsid('example') },
        timeout: 60_000,
      });
      assert.match(output.stdout, new RegExp(`Simulated answer to "Hello from ${file.replace('.', '\\.')}`));
      check(output);
    });
  }
});
