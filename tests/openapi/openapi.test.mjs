// The OpenAPI document, proved against the running gateway (simulator mode): it validates as OpenAPI 3.1, a real
// generator turns it into a typed client that TypeScript 7 type-checks (and refuses a wrong call with), and that client
// calls every documented operation with the documented success status and a body that matches the documented schema.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { validate } from '@readme/openapi-parser';
import openapiTS, { astToString } from 'openapi-typescript';
import createClient from 'openapi-fetch';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { startGateway, fakePsid, TINY_PNG_BASE64 } from '../support/gateway.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const generated = path.join(here, 'generated');
const run = promisify(execFile);

let gateway;
let document;
let client;
let ajv;
const psid = fakePsid('openapi');

// openapi-typescript builds the client with the TypeScript 5 compiler API (its own peer, installed by npm for it);
// TypeScript 7 ships no JavaScript compiler API yet, so the generated client is type-checked by TypeScript 7's tsc,
// installed on its own in typecheck/ from that folder's lock file (package.json's postinstall runs its npm ci).
const tsc7Path = path.join(here, 'typecheck', 'node_modules', 'typescript', 'bin', 'tsc');

/** Runs TypeScript 7's tsc: { code, stdout, stderr } (a non-zero code does not throw). */
async function tsc7(...args) {
  await fs.access(tsc7Path).catch(() => {
    throw new Error(`${tsc7Path} is missing: run npm ci in tests/openapi (its postinstall installs typecheck/)`);
  });
  try {
    const { stdout, stderr } = await run(process.execPath, [tsc7Path, '--pretty', 'false', ...args], { cwd: here });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (typeof error.code !== 'number') throw error;
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

let generating;
/** Writes generated/schema.d.ts from the gateway's document, once. */
function generateClient() {
  generating ??= (async () => {
    await fs.mkdir(generated, { recursive: true });
    const ast = await openapiTS(structuredClone(document));
    await fs.writeFile(path.join(generated, 'schema.d.ts'), astToString(ast));
  })();
  return generating;
}

before(async () => {
  gateway = await startGateway();
  const response = await fetch(`${gateway.url}/openapi/v1.json`);
  assert.equal(response.status, 200);
  document = await response.json();
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'doc', components: document.components });
});

after(async () => {
  await gateway?.stop();
});

/** Every operation of the document: { method, path, operation }. */
function operations() {
  return Object.entries(document.paths).flatMap(([p, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method, path: p, operation })));
}

function successOf(operation) {
  const [status, response] = Object.entries(operation.responses).find(([s]) => s.startsWith('2'));
  return { status: Number(status), response };
}

/** Validates a value against a schema of the document (its $refs point into components). */
function assertMatches(schema, value, where) {
  const check = ajv.compile({ ...rewriteRefs(schema) });
  assert.ok(check(value), `${where}: the body does not match the documented schema: ${ajv.errorsText(check.errors)}\n${JSON.stringify(value).slice(0, 800)}`);
}

function rewriteRefs(node) {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/components/') ? `doc${v}` : rewriteRefs(v)]));
  }
  return node;
}

describe('the OpenAPI document', () => {
  test('is a valid OpenAPI 3.1 document', async () => {
    assert.match(document.openapi, /^3\.1\./);
    const result = await validate(structuredClone(document));
    assert.ok(result.valid, result.valid ? '' : `the validator refused the document: ${JSON.stringify(result.errors ?? result).slice(0, 2000)}`);
    assert.deepEqual(result.warnings, []);
  });

  test('has unique operationIds, a server without trailing slash and no bare data objects', () => {
    const ids = operations().map((o) => o.operation.operationId);
    assert.equal(new Set(ids).size, ids.length, `duplicated operationIds: ${ids}`);
    assert.equal(document.servers.length, 1);
    assert.doesNotMatch(document.servers[0].url, /\/$/);
    assert.equal(document.servers[0].url, gateway.url);
    for (const { method, path: p, operation } of operations()) {
      assert.doesNotMatch(operation.summary + operation.description, /bridge operation/);
      const { response } = successOf(operation);
      for (const [type, media] of Object.entries(response.content)) {
        const schema = media.schema;
        if (type === 'application/json') {
          const data = schema.properties?.data ?? schema;
          assert.ok(data.$ref || data.oneOf || data.items || data.anyOf, `${method} ${p}: data is a bare ${JSON.stringify(data)}`);
        }
      }
    }
  });

  test('generates a typed client that TypeScript 7 type-checks', async () => {
    const { stdout } = await tsc7('--version');
    assert.match(stdout, /^Version 7\./, `the type check must run on TypeScript 7, not ${stdout.trim()}`);
    await generateClient();
    const result = await tsc7('-p', path.join(here, 'tsconfig.json'));
    assert.equal(result.code, 0, `tsc refused the generated client:\n${result.stdout}\n${result.stderr}`);
  });

  test('TypeScript 7 refuses a wrong call to the generated client', async () => {
    await generateClient();
    const result = await tsc7('-p', path.join(here, 'typecheck', 'tsconfig.must-fail.json'));
    assert.notEqual(result.code, 0, 'tsc accepted a number as the prompt');
    const errors = result.stdout.split(/\r?\n/).filter((line) => /error TS\d+/.test(line));
    assert.equal(errors.length, 1, `expected exactly the prompt error:\n${result.stdout}\n${result.stderr}`);
    assert.match(errors[0], /must-fail\.ts\(8,\d+\): error TS2322: Type 'number' is not assignable to type 'string'/);
  });
});

describe('the generated client calls every operation', () => {
  const state = {};
  const called = new Set();

  before(() => {
    client = createClient({ baseUrl: gateway.url });
  });

  /** Path values: the document's examples, else ids made by earlier calls. */
  function pathValues(p, operation) {
    const values = {};
    for (const parameter of operation.parameters ?? []) {
      const resolved = parameter.$ref ? document.components.parameters[parameter.$ref.split('/').pop()] : parameter;
      if (resolved.in !== 'path') continue;
      const value = resolved.example ?? state[`${p}:${resolved.name}`] ?? state[p.split('/{')[0]];
      assert.ok(value, `no value for {${resolved.name}} of ${p}`);
      values[resolved.name] = value;
    }
    return values;
  }

  async function call(method, p, { body, query, stream = false, form } = {}) {
    const operation = document.paths[p][method];
    assert.ok(operation, `${method} ${p} is not documented`);
    const { status, response } = successOf(operation);
    const media = response.content;
    const json = media['application/json'];
    const example = operation.requestBody?.content['application/json']?.example;
    const init = {
      params: { header: { 'x-gemini-psid': psid }, path: pathValues(p, operation), query },
      parseAs: stream || !json ? 'text' : 'json',
    };
    if (form) {
      init.body = form;
      init.bodySerializer = (value) => value;
    } else if (body ?? example) {
      init.body = body ?? example;
    }
    if (stream) init.headers = { accept: 'text/event-stream' };
    const result = await client[method.toUpperCase()](p, init);
    const where = `${method.toUpperCase()} ${p}`;
    assert.equal(result.response.status, status, `${where}: status ${result.response.status}: ${JSON.stringify(result.error ?? result.data).slice(0, 500)}`);
    assert.ok(result.response.headers.get('x-request-id'), `${where}: no x-request-id`);
    called.add(`${method} ${p}`);
    const contentType = result.response.headers.get('content-type');
    if (stream || !json) {
      assert.ok(media['text/event-stream'], `${where}: answered a stream the document does not declare`);
      assert.match(contentType, /^text\/event-stream/);
      const events = result.data.split(/\r?\n\r?\n/).filter((e) => /^(event|data):/m.test(e));
      assert.ok(events.length > 0, `${where}: no events`);
      assert.ok(!events.some((e) => /^event: error$/m.test(e)), `${where}: an error event: ${result.data.slice(-500)}`);
      return result.data;
    }
    assert.match(contentType, /^application\/json/);
    assertMatches(json.schema, result.data, where);
    return result.data;
  }

  test('native API', async () => {
    const chat = await call('post', '/api/chat');
    state['/api/conversations'] = chat.data.conversation.conversationId;
    await call('post', '/api/chat', { body: { prompt: 'Continue', conversation: chat.data.conversation } });
    await call('post', '/api/chat', { body: { prompt: 'Describe the picture', files: [{ name: 'pixel.png', mimeType: 'image/png', data: TINY_PNG_BASE64 }] } });
    const form = new FormData();
    form.append('prompt', 'Describe the picture');
    form.append('file', new Blob([Buffer.from(TINY_PNG_BASE64, 'base64')], { type: 'image/png' }), 'pixel.png');
    await call('post', '/api/chat', { form });
    const events = await call('post', '/api/chat', { body: { prompt: 'Stream please', stream: true }, stream: true });
    assert.match(events, /event: done/);

    await call('get', '/api/models');
    await call('get', '/api/quota');
    await call('post', '/api/session/rotate');

    const created = await call('post', '/api/gems');
    state['/api/gems'] = created.data.id;
    await call('get', '/api/gems');
    await call('get', '/api/gems/{id}');
    await call('put', '/api/gems/{id}');
    await call('delete', '/api/gems/{id}');

    await call('get', '/api/conversations', { query: { pageSize: 5 } });
    await call('get', '/api/conversations/{id}', { query: { maxTurns: 10 } });
    await call('delete', '/api/conversations/{id}');

    const research = await call('post', '/api/research');
    state['/api/research'] = research.data.researchId;
    await call('post', '/api/research/{id}/confirm');
    const progress = await call('get', '/api/research/{id}/events');
    assert.match(progress, /event: done/);
    await call('get', '/api/research/{id}');
  });

  test('OpenAI-compatible API', async () => {
    await call('post', '/v1/chat/completions');
    const chunks = await call('post', '/v1/chat/completions', {
      body: { model: 'gemini-3-flash', stream: true, messages: [{ role: 'user', content: 'Stream please' }] },
      stream: true,
    });
    assert.match(chunks, /data: \[DONE\]/);
    await call('get', '/v1/models');
    await call('get', '/v1/models/{id}');
  });

  test('Gemini API-compatible API', async () => {
    for (const prefix of ['/v1beta', '/v1']) {
      if (prefix === '/v1beta') {
        // GET /v1/models and /v1/models/{id} answer by client: called in the OpenAI-compatible test.
        await call('get', `${prefix}/models`);
        await call('get', `${prefix}/models/{model}`);
      }
      await call('post', `${prefix}/models/{model}:generateContent`);
      await call('post', `${prefix}/models/{model}:streamGenerateContent`);
      await call('post', `${prefix}/models/{model}:streamGenerateContent`, { query: { alt: 'sse' }, stream: true });
    }
  });

  test('OpenAI Responses and Anthropic Messages APIs', async () => {
    await call('post', '/v1/responses');
    const events = await call('post', '/v1/responses', {
      body: { model: 'gemini-3-flash', stream: true, input: 'Stream please' },
      stream: true,
    });
    assert.match(events, /response\.completed/);
    await call('post', '/v1/messages');
    const messages = await call('post', '/v1/messages', {
      body: { model: 'gemini-3-flash', max_tokens: 256, stream: true, messages: [{ role: 'user', content: 'Stream please' }] },
      stream: true,
    });
    assert.match(messages, /message_stop/);
  });

  test('no operation was left out', () => {
    const documented = operations().map((o) => `${o.method} ${o.path}`);
    assert.deepEqual(documented.filter((o) => !called.has(o)), []);
  });
});
