// The official `@google/genai` npm package against the gateway's Gemini-API-compatible surface (simulator mode).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiError, GoogleGenAI } from '@google/genai';
import { fakePsid, startGateway, TINY_PNG_BASE64 } from '../support/gateway.mjs';

describe('Google Gen AI SDK against its default API version (v1)', () => {
  let gateway;

  before(async () => {
    gateway = await startGateway();
  });

  after(async () => {
    await gateway?.stop();
  });

  const client = (psid = fakePsid('genai')) =>
    new GoogleGenAI({
      apiKey: 'bridge-key-or-anything',
      httpOptions: { baseUrl: gateway.url, headers: { 'x-gemini-psid': psid } },
    });

  test('models.generateContent returns the answer', async () => {
    const response = await client().models.generateContent({
      model: 'gemini-3-flash',
      contents: 'Hello from the Gen AI SDK',
      config: { systemInstruction: 'Be brief.' },
    });
    assert.match(response.text, /Simulated answer to "System instructions/);
    assert.equal(response.candidates[0].finishReason, 'STOP');
    assert.equal(response.modelVersion, 'gemini-3-flash');
  });

  test('models.generateContentStream yields chunks with finishReason last', async () => {
    const stream = await client().models.generateContentStream({
      model: 'gemini-3-flash',
      contents: 'Stream from the Gen AI SDK',
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.ok(chunks.length >= 3, `got ${chunks.length} chunks`);
    assert.equal(chunks.at(-1).candidates[0].finishReason, 'STOP');
    const text = chunks.map((c) => c.text ?? '').join('');
    assert.match(text, /Simulated answer to "Stream from the Gen AI SDK"/);
  });

  test('includeThoughts returns thought parts', async () => {
    const response = await client().models.generateContent({
      model: 'gemini-3-flash-thinking',
      contents: 'Think first',
      config: { thinkingConfig: { includeThoughts: true } },
    });
    const parts = response.candidates[0].content.parts;
    assert.ok(parts.some((p) => p.thought === true && p.text.length > 0));
    assert.match(response.text, /Simulated answer/);
  });

  test('models.list lists the account models', async () => {
    const names = [];
    for await (const model of await client().models.list()) names.push(model.name);
    assert.deepEqual(names, ['models/gemini-3-flash', 'models/gemini-3-flash-thinking', 'models/gemini-3-pro']);
  });

  test('an inlineData image is attached to the turn', async () => {
    const response = await client().models.generateContent({
      model: 'gemini-3-flash',
      contents: [
        {
          role: 'user',
          parts: [{ inlineData: { mimeType: 'image/png', data: TINY_PNG_BASE64 } }, { text: 'Describe this image' }],
        },
      ],
    });
    const size = Buffer.from(TINY_PNG_BASE64, 'base64').length;
    assert.ok(response.text.includes(`image-1.png (${size} bytes)`), response.text);
  });

  test('a usage limit raises ApiError with status 429', async () => {
    await assert.rejects(
      client().models.generateContent({ model: 'gemini-3-flash', contents: 'hi [sim:error=1037]' }),
      (error) => {
        assert.ok(error instanceof ApiError, `got ${error?.constructor?.name}`);
        assert.equal(error.status, 429);
        assert.match(error.message, /USAGE_LIMIT_EXCEEDED/);
        assert.match(error.message, /RESOURCE_EXHAUSTED/);
        return true;
      },
    );
  });

  test('an unsupported field raises ApiError 400 naming it', async () => {
    await assert.rejects(
      client().models.generateContent({
        model: 'gemini-3-flash',
        contents: 'hi',
        config: { candidateCount: 2 },
      }),
      (error) => {
        assert.ok(error instanceof ApiError);
        assert.equal(error.status, 400);
        assert.match(error.message, /generationConfig\.candidateCount/);
        return true;
      },
    );
  });
});
