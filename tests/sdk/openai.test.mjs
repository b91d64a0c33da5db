// The official `openai` npm package against the gateway's OpenAI-compatible surface (simulator mode).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { fakePsid, startGateway, TINY_PNG_BASE64 } from '../support/gateway.mjs';

describe('OpenAI SDK against /v1', () => {
  let gateway;

  before(async () => {
    gateway = await startGateway();
  });

  after(async () => {
    await gateway?.stop();
  });

  const client = (psid = fakePsid('openai')) =>
    new OpenAI({
      baseURL: `${gateway.url}/v1`,
      apiKey: 'sk-bridge-key-or-anything',
      defaultHeaders: { 'x-gemini-psid': psid },
      maxRetries: 0,
    });

  test('chat.completions.create returns the answer', async () => {
    const completion = await client().chat.completions.create({
      model: 'gemini-3-flash',
      messages: [
        { role: 'system', content: 'You are helpful.' },
        { role: 'user', content: 'Hello from the OpenAI SDK' },
      ],
    });
    assert.equal(completion.object, 'chat.completion');
    assert.equal(completion.choices.length, 1);
    assert.equal(completion.choices[0].message.role, 'assistant');
    assert.equal(completion.choices[0].finish_reason, 'stop');
    assert.match(completion.choices[0].message.content, /Simulated answer to "System instructions/);
  });

  test('stream: true yields chunks: role first, content deltas, finish_reason last', async () => {
    const stream = await client().chat.completions.create({
      model: 'gemini-3-flash',
      stream: true,
      messages: [{ role: 'user', content: 'Stream from the OpenAI SDK' }],
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.ok(chunks.length >= 4, `got ${chunks.length} chunks`);
    assert.equal(chunks[0].choices[0].delta.role, 'assistant');
    assert.equal(chunks.at(-1).choices[0].finish_reason, 'stop');
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    assert.match(text, /Simulated answer to "Stream from the OpenAI SDK"/);
  });

  test('thinking text arrives as reasoning_content', async () => {
    const completion = await client().chat.completions.create({
      model: 'gemini-3-flash-thinking',
      messages: [{ role: 'user', content: 'Think first' }],
    });
    assert.ok(completion.choices[0].message.reasoning_content.length > 0);
  });

  test('models.list lists the account models', async () => {
    const ids = [];
    for await (const model of client().models.list()) ids.push(model.id);
    assert.deepEqual(ids, ['gemini-3-flash', 'gemini-3-flash-thinking', 'gemini-3-pro']);
  });

  test('an image_url data URL is attached to the turn', async () => {
    const completion = await client().chat.completions.create({
      model: 'gemini-3-flash',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this image?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${TINY_PNG_BASE64}` } },
          ],
        },
      ],
    });
    const size = Buffer.from(TINY_PNG_BASE64, 'base64').length;
    assert.ok(completion.choices[0].message.content.includes(`image-1.png (${size} bytes)`));
  });

  test('a usage limit raises RateLimitError (429) with the gateway code', async () => {
    await assert.rejects(
      client().chat.completions.create({
        model: 'gemini-3-flash',
        messages: [{ role: 'user', content: 'hi [sim:error=1037]' }],
      }),
      (error) => {
        assert.ok(error instanceof OpenAI.RateLimitError, `got ${error?.constructor?.name}`);
        assert.equal(error.status, 429);
        assert.equal(error.code, 'USAGE_LIMIT_EXCEEDED');
        return true;
      },
    );
  });

  test('an unsupported parameter raises BadRequestError (400) naming it', async () => {
    await assert.rejects(
      client().chat.completions.create({
        model: 'gemini-3-flash',
        messages: [{ role: 'user', content: 'hi' }],
        n: 2,
      }),
      (error) => {
        assert.ok(error instanceof OpenAI.BadRequestError, `got ${error?.constructor?.name}`);
        assert.equal(error.status, 400);
        assert.equal(error.param, 'n');
        return true;
      },
    );
  });

  test('missing cookies raise AuthenticationError (401)', async () => {
    const anonymous = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'sk-x', maxRetries: 0 });
    await assert.rejects(
      anonymous.chat.completions.create({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }] }),
      (error) => {
        assert.ok(error instanceof OpenAI.AuthenticationError, `got ${error?.constructor?.name}`);
        assert.equal(error.code, 'MISSING_GEMINI_CREDENTIALS');
        return true;
      },
    );
  });
});
