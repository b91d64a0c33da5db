// The official `@anthropic-ai/sdk` package and the Vercel AI SDK's `@ai-sdk/anthropic` provider against the gateway's
// Anthropic Messages surface (simulator mode).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { createAnthropic } from '@ai-sdk/anthropic';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod';
import { fakePsid, startGateway, TINY_PNG_BASE64 } from '../support/gateway.mjs';

describe('Anthropic SDK and AI SDK Anthropic provider against /v1/messages', () => {
  let gateway;

  before(async () => {
    gateway = await startGateway();
  });

  after(async () => {
    await gateway?.stop();
  });

  // The Anthropic SDK adds /v1 itself; its key goes in x-api-key, which the gateway reads as the bridge key.
  const client = (psid = fakePsid('anthropic')) =>
    new Anthropic({
      baseURL: gateway.url,
      apiKey: 'sk-bridge-key-or-anything',
      defaultHeaders: { 'x-gemini-psid': psid },
      maxRetries: 0,
    });

  const provider = (psid = fakePsid('ai-sdk-anthropic')) =>
    createAnthropic({ baseURL: `${gateway.url}/v1`, apiKey: 'sk-bridge-key-or-anything', headers: { 'x-gemini-psid': psid } });

  test('messages.create returns a message with text, stop_reason and numeric usage', async () => {
    const message = await client().messages.create({
      model: 'gemini-3-flash',
      max_tokens: 1024,
      system: 'You are helpful.',
      messages: [{ role: 'user', content: 'Hello from the Anthropic SDK' }],
    });
    assert.equal(message.type, 'message');
    assert.equal(message.role, 'assistant');
    assert.match(message.id, /^msg_/);
    assert.equal(message.stop_reason, 'end_turn');
    assert.equal(message.content[0].type, 'text');
    assert.match(message.content[0].text, /Simulated answer to "System instructions/);
    assert.ok(message.usage.input_tokens > 0);
    assert.ok(message.usage.output_tokens > 0);
    assert.ok(message._request_id, 'the request id is read from request-id');
  });

  test('multi-turn with an image block', async () => {
    const message = await client().messages.create({
      model: 'gemini-3-flash',
      max_tokens: 1024,
      messages: [
        { role: 'user', content: 'Remember this.' },
        { role: 'assistant', content: 'Noted.' },
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: TINY_PNG_BASE64 } },
            { type: 'text', text: 'What is in this image?' },
          ],
        },
      ],
    });
    assert.match(message.content[0].text, /image-1\.png/);
  });

  test('messages.stream: events in order and finalMessage() with usage', async () => {
    const stream = client().messages.stream({
      model: 'gemini-3-flash',
      max_tokens: 1024,
      messages: [{ role: 'user', content: 'Stream from the Anthropic SDK' }],
    });
    const types = [];
    let text = '';
    stream.on('streamEvent', (event) => types.push(event.type));
    stream.on('text', (delta) => {
      text += delta;
    });
    const final = await stream.finalMessage();
    assert.equal(types[0], 'message_start');
    assert.deepEqual(types.slice(-2), ['message_delta', 'message_stop']);
    assert.ok(types.filter((t) => t === 'content_block_delta').length > 1);
    assert.match(text, /Simulated answer to "Stream from the Anthropic SDK"/);
    assert.equal(final.content[0].text, text);
    assert.equal(final.stop_reason, 'end_turn');
    assert.ok(final.usage.output_tokens > 0);
  });

  test('thinking enabled: a thinking block with a signature comes first', async () => {
    const stream = client().messages.stream({
      model: 'gemini-3-flash-thinking',
      max_tokens: 2048,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [{ role: 'user', content: 'Think first' }],
    });
    const final = await stream.finalMessage();
    assert.deepEqual(final.content.map((b) => b.type), ['thinking', 'text']);
    assert.ok(final.content[0].thinking.length > 0);
    assert.ok(final.content[0].signature.length > 0);
  });

  test('models.list pages the account models in Anthropic shape', async () => {
    const ids = [];
    for await (const model of client().models.list()) {
      assert.equal(model.type, 'model');
      ids.push(model.id);
    }
    assert.ok(ids.includes('gemini-3-flash'), ids.join(','));
    const one = await client().models.retrieve('gemini-3-flash');
    assert.equal(one.id, 'gemini-3-flash');
  });

  const rejectsWith = async (promise, ErrorClass, status, code) =>
    assert.rejects(promise, (error) => {
      assert.ok(error instanceof ErrorClass, `got ${error?.constructor?.name}: ${error?.message}`);
      assert.equal(error.status, status);
      assert.equal(error.errorCode, code);
      return true;
    });

  test('errors raise the SDK class for their status with the gateway code', async () => {
    await rejectsWith(
      client().messages.create({ model: 'gemini-3-flash', max_tokens: 10, messages: [{ role: 'user', content: 'hi [sim:error=1037]' }] }),
      Anthropic.RateLimitError,
      429,
      'USAGE_LIMIT_EXCEEDED',
    );
    await rejectsWith(
      client().messages.create({ model: 'no-such-model', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
      Anthropic.BadRequestError,
      400,
      'MODEL_INVALID',
    );
    const anonymous = new Anthropic({ baseURL: gateway.url, apiKey: 'sk-x', maxRetries: 0 });
    await rejectsWith(
      anonymous.messages.create({ model: 'gemini-3-flash', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
      Anthropic.AuthenticationError,
      401,
      'MISSING_GEMINI_CREDENTIALS',
    );
    await rejectsWith(client().models.retrieve('no-such-model'), Anthropic.NotFoundError, 404, 'NOT_FOUND');
  });

  test('a failure after the stream started raises APIError from the error event', async () => {
    const stream = client().messages.stream({
      model: 'gemini-3-flash',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'a long answer please [sim:error=1037] [sim:error-after=2]' }],
    });
    await assert.rejects(stream.finalMessage(), (error) => {
      assert.ok(error instanceof Anthropic.APIError, `got ${error?.constructor?.name}`);
      assert.equal(error.type, 'rate_limit_error');
      assert.equal(error.errorCode, 'USAGE_LIMIT_EXCEEDED');
      return true;
    });
  });

  test('tool history (tool_use + tool_result) is accepted and answered', async () => {
    const message = await client().messages.create({
      model: 'gemini-3-flash',
      max_tokens: 1024,
      tools: [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
      tool_choice: { type: 'none' },
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '18C' }] },
      ],
    });
    assert.equal(message.stop_reason, 'end_turn');
    assert.match(message.content[0].text, /Simulated answer/);
  });

  test('AI SDK generateText through @ai-sdk/anthropic', async () => {
    const result = await generateText({
      model: provider()('gemini-3-flash'),
      maxOutputTokens: 1024,
      system: 'Be brief.',
      prompt: 'Hello from the AI SDK',
    });
    assert.match(result.text, /Simulated answer to "System instructions/);
    assert.equal(result.finishReason, 'stop');
    assert.ok(result.usage.inputTokens > 0);
    assert.ok(result.usage.outputTokens > 0);
  });

  test('AI SDK streamText through @ai-sdk/anthropic', async () => {
    const result = streamText({ model: provider()('gemini-3-flash'), maxOutputTokens: 1024, prompt: 'Stream from the AI SDK' });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    assert.match(text, /Simulated answer to "Stream from the AI SDK"/);
    assert.equal(await result.finishReason, 'stop');
    assert.ok((await result.usage).outputTokens > 0);
  });

  const weatherTool = {
    name: 'get_weather',
    description: 'The weather in a city',
    input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  };

  test('tools round trip: tool_use, the client runs it, tool_result, the answer', async () => {
    const ask = { role: 'user', content: 'What is the weather? Use get_weather for city=Paris' };
    const first = await client().messages.create({ model: 'gemini-3-flash', max_tokens: 1024, tools: [weatherTool], messages: [ask] });
    assert.equal(first.stop_reason, 'tool_use');
    const call = first.content.find((b) => b.type === 'tool_use');
    assert.equal(call.name, 'get_weather');
    assert.equal(typeof call.input.city, 'string');

    const stream = client().messages.stream({
      model: 'gemini-3-flash',
      max_tokens: 1024,
      tools: [weatherTool],
      messages: [
        ask,
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: '18C and sunny' }] },
      ],
    });
    const final = await stream.finalMessage();
    assert.equal(final.stop_reason, 'end_turn');
    assert.match(final.content.find((b) => b.type === 'text').text, /18C and sunny/);
  });

  test('AI SDK generateText with a tool runs it and answers with its result', async () => {
    let ran = 0;
    const result = await generateText({
      model: provider()('gemini-3-flash'),
      maxOutputTokens: 1024,
      prompt: 'What is the weather? Use get_weather for city=Paris',
      tools: {
        get_weather: tool({
          description: 'The weather in a city',
          inputSchema: z.object({ city: z.string() }),
          execute: async ({ city }) => {
            ran++;
            return `${city}: 18C and sunny`;
          },
        }),
      },
      stopWhen: stepCountIs(3),
    });
    assert.equal(ran, 1);
    assert.equal(result.steps[0].finishReason, 'tool-calls');
    assert.match(result.text, /18C and sunny/);
  });
});
