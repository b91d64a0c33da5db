#!/usr/bin/env node
// Gemini Bridge Gateway from JavaScript (Node.js 20+ or any runtime with fetch and web streams).
//
//   GEMINI_PSID='...' [GEMINI_PSIDTS='...'] [GATEWAY_URL=http://127.0.0.1:8080] [BRIDGE_API_KEY='...']
//   node chat.mjs chat   "Explain quantum computing in simple terms"
//   node chat.mjs stream "Explain quantum computing in simple terms"
//   node chat.mjs models | gems
//   node chat.mjs file report.pdf "Summarize this document"
//
// Exit code: 0 on success, 1 when the gateway answers an error (printed as CODE: message), 2 on bad usage.
import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';

const GATEWAY_URL = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const MODEL = process.env.GEMINI_MODEL ?? 'gemini-3-flash';
let psidts = process.env.GEMINI_PSIDTS;

class GatewayError extends Error {
  constructor(code, message, status) {
    super(`${code}: ${message}`);
    this.code = code;
    this.status = status;
  }
}

function headers(extra = {}) {
  if (!process.env.GEMINI_PSID) {
    console.error('Set GEMINI_PSID to your __Secure-1PSID cookie value.');
    process.exit(2);
  }
  const result = { 'x-gemini-psid': process.env.GEMINI_PSID, ...extra };
  if (psidts) result['x-gemini-psidts'] = psidts;
  if (process.env.BRIDGE_API_KEY) result['x-bridge-api-key'] = process.env.BRIDGE_API_KEY;
  return result;
}

// Google rotates __Secure-1PSIDTS; the gateway stores nothing and hands the new value back.
function keepRotatedCookie(response) {
  const next = response.headers.get('x-gemini-psidts-next');
  if (next) {
    psidts = next;
    console.error('x-gemini-psidts-next received: use the new value as GEMINI_PSIDTS from now on.');
  }
}

// Every answer is the envelope {success, data | error, requestId, timestamp}.
async function envelope(response) {
  keepRotatedCookie(response);
  const body = await response.json();
  if (!body.success) throw new GatewayError(body.error.code, body.error.message, response.status);
  return body.data;
}

function payload(prompt, stream) {
  return { prompt, model: MODEL, temporary: true, extended_thinking: false, gem: null, stream };
}

async function chat(prompt) {
  const response = await fetch(`${GATEWAY_URL}/api/chat`, {
    method: 'POST',
    headers: headers({ 'content-type': 'application/json' }),
    body: JSON.stringify(payload(prompt, false)),
  });
  const data = await envelope(response);
  console.log(data.text);
  console.error(`model: ${data.model}, conversation: ${data.conversation?.conversationId}`);
}

// Parses text/event-stream: "event:" and "data:" lines, a blank line ends an event, ":" lines are heartbeats.
async function* serverSentEvents(body) {
  let buffer = '';
  let event = 'message';
  let data = [];
  for await (const chunk of body.pipeThrough(new TextDecoderStream())) {
    buffer += chunk;
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      if (line === '') {
        if (data.length > 0) yield { event, data: JSON.parse(data.join('\n')) };
        event = 'message';
        data = [];
      } else if (line.startsWith('event:')) {
        event = line.slice(6).trim();
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).trimStart());
      }
    }
  }
}

async function stream(prompt) {
  const response = await fetch(`${GATEWAY_URL}/api/chat`, {
    method: 'POST',
    headers: headers({ 'content-type': 'application/json', accept: 'text/event-stream' }),
    body: JSON.stringify(payload(prompt, true)),
  });
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
    await envelope(response); // an error before the stream started: a normal envelope
    return;
  }
  keepRotatedCookie(response);
  for await (const { event, data } of serverSentEvents(response.body)) {
    switch (event) {
      case 'thought': process.stderr.write(data.text); break;
      case 'delta': process.stdout.write(data.text); break;
      case 'image': console.error(`\n[image] ${data.image.url}`); break;
      case 'citation': console.error(`\n[source] ${data.citation.url}`); break;
      case 'done':
        process.stdout.write('\n');
        console.error(`done: ${data.data.text.length} characters, conversation ${data.data.conversation?.conversationId}`);
        return;
      case 'error': throw new GatewayError(data.error.code, data.error.message);
      default: break; // metadata: conversation ids so far
    }
  }
  throw new Error('The stream ended without a done event.');
}

async function list(path) {
  const response = await fetch(`${GATEWAY_URL}${path}`, { headers: headers() });
  const data = await envelope(response);
  // data.models: [{id, alias, displayName, description, capabilities}]; data.gems: [{id, kind, name, description}]
  for (const item of data.models ?? data.gems ?? []) {
    console.log([item.alias ?? item.id, item.displayName ?? item.name, item.kind ?? item.description].join('\t'));
  }
}

async function file(path, prompt) {
  // multipart/form-data: a "request" field with the JSON payload and one "file" part per file
  // (any part with a filename is a file, so the payload goes as a plain field).
  const form = new FormData();
  form.append('request', JSON.stringify(payload(prompt, false)));
  form.append('file', await openAsBlob(path), basename(path));
  const response = await fetch(`${GATEWAY_URL}/api/chat`, { method: 'POST', headers: headers(), body: form });
  const data = await envelope(response);
  console.log(data.text);
}

const [command = 'chat', ...args] = process.argv.slice(2);
const defaultPrompt = 'Explain quantum computing in simple terms';
try {
  switch (command) {
    case 'chat': await chat(args[0] ?? defaultPrompt); break;
    case 'stream': await stream(args[0] ?? defaultPrompt); break;
    case 'models': await list('/api/models'); break;
    case 'gems': await list('/api/gems'); break;
    case 'file': await file(args[0], args[1] ?? 'Summarize this file'); break;
    default:
      console.error('Usage: node chat.mjs [chat|stream|models|gems|file PATH] [PROMPT]');
      process.exit(2);
  }
} catch (error) {
  console.error(error instanceof GatewayError ? error.message : `Request failed: ${error.message}`);
  process.exit(1);
}
