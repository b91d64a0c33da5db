// Runs the code examples that the page shows (gateway/Gateway/wwwroot/examples/) against the gateway in
// simulator mode, with the machine's bash + curl, node, python3 (+ requests) and dotnet, so no example rots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startGateway, wwwroot, FAKE_PSID, FAKE_PSIDTS } from './support/gateway.mjs';

const examples = path.join(wwwroot, 'examples');

const has = (command, args) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
const pythonRequests = has('python3', ['-c', 'import requests']);
const dotnet = process.env.SKIP_CSHARP_EXAMPLE !== '1' && has('dotnet', ['--version']);

/** One runner per language: how to run its example file with a command and arguments. */
const RUNNERS = [
  { name: 'curl', run: (args) => ['bash', [path.join(examples, 'curl', 'chat.sh'), ...args]], skip: !has('curl', ['--version']) && 'curl is not installed' },
  { name: 'javascript', run: (args) => [process.execPath, [path.join(examples, 'javascript', 'chat.mjs'), ...args]], skip: false },
  { name: 'python', run: (args) => ['python3', [path.join(examples, 'python', 'chat.py'), ...args]], skip: !pythonRequests && 'python3 with requests is not installed' },
  {
    name: 'csharp',
    // A .NET 10 file-based program: `dotnet run chat.cs` builds it outside the work tree on first use.
    run: (args) => ['dotnet', ['run', path.join(examples, 'csharp', 'chat.cs'), '--', ...args]],
    skip: !dotnet && 'dotnet is not installed or SKIP_CSHARP_EXAMPLE=1',
    timeout: 240000,
  },
];

let gateway;
let scratch;

before(async () => {
  gateway = await startGateway();
  scratch = mkdtempSync(path.join(tmpdir(), 'gbg-examples-'));
  writeFileSync(path.join(scratch, 'notes.txt'), 'The bridge keeps nothing.\n');
});

after(async () => {
  await gateway?.stop();
  if (scratch) {
    rmSync(scratch, { recursive: true, force: true });
  }
});

function run(runner, args, extraEnv = {}) {
  const [command, commandArgs] = runner.run(args);
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, {
      cwd: scratch,
      env: {
        ...process.env,
        GATEWAY_URL: gateway.url,
        GEMINI_PSID: FAKE_PSID,
        GEMINI_PSIDTS: FAKE_PSIDTS,
        DOTNET_CLI_TELEMETRY_OPTOUT: '1',
        DOTNET_NOLOGO: '1',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => child.kill('SIGKILL'), runner.timeout ?? 60000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, output: `${stdout}\n${stderr}` });
    });
  });
}

for (const runner of RUNNERS) {
  test(`${runner.name} example`, { skip: runner.skip }, async (t) => {
    await t.test('chat: one JSON answer', async () => {
      const result = await run(runner, ['chat', 'Hello from the examples']);
      assert.equal(result.code, 0, result.output);
      assert.match(result.stdout, /Simulated answer to .*Hello from the examples/);
    });

    await t.test('stream: Server-Sent Events until done', async () => {
      const result = await run(runner, ['stream', 'Stream to me [sim:delay-ms=50]'], { GEMINI_MODEL: 'gemini-3-flash-thinking' });
      assert.equal(result.code, 0, result.output);
      if (runner.name === 'curl') {
        assert.match(result.stdout, /event: delta/);
        assert.match(result.stdout, /event: done/);
      } else {
        assert.match(result.stdout, /Simulated answer to .*Stream to me/);
        assert.match(result.stderr, /Considering the request/, 'thoughts are streamed to stderr');
      }
    });

    await t.test('an error answer: code and message, non-zero exit', async () => {
      const result = await run(runner, ['chat', 'Hello [sim:error=1037]']);
      assert.notEqual(result.code, 0);
      assert.match(result.output, /USAGE_LIMIT_EXCEEDED/);
    });

    await t.test('models: GET /api/models', async () => {
      const result = await run(runner, ['models']);
      assert.equal(result.code, 0, result.output);
      assert.match(result.stdout, runner.name === 'curl' ? /"alias":"gemini-3-flash"/ : /^gemini-3-flash\t/m);
    });

    await t.test('gems: GET /api/gems', async () => {
      const result = await run(runner, ['gems']);
      assert.equal(result.code, 0, result.output);
      assert.match(result.stdout, runner.name === 'curl' ? /"gems":\[/ : /^\S+\t.+/m);
    });

    await t.test('file: multipart POST /api/chat', async () => {
      const result = await run(runner, ['file', path.join(scratch, 'notes.txt'), 'What do my notes say?']);
      assert.equal(result.code, 0, result.output);
      assert.match(result.stdout, /What do my notes say\?/);
      assert.match(result.stdout, /notes\.txt/, 'the simulator saw the uploaded file');
    });
  });
}
