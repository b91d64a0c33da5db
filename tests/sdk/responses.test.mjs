// The OpenAI Responses API through the official `openai` package and the Vercel AI SDK's default OpenAI model
// (`openai(model)` calls /v1/responses), against the gateway in simulator mode. Nothing is stored by the gateway:
// previous_response_id and the AI SDK's item_reference items continue the Gemini conversation the signed ids carry.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, isStepCount, streamText, tool } from 'ai';
import { z } from 'zod';
import { fakePsid, startGateway, TINY_PNG_BASE64 } from '../support/gateway.mjs';

describe('OpenAI Responses API', () => {
  let gateway;

  before(async () => {
    gateway = await startGateway();
  });

  after(async () => {
    await gateway?.stop();
  });

  const client = (psid = fakePsid('responses')) =>
    new OpenAI({
      baseURL: `${gateway.url}/v1`,
      apiKey: 'sk-bridge-key-or-anything',
      defaultHeaders: { 'x-gemini-psid': psid },
      maxRetries: 0,
    });

  const aiSdk = (psid = fakePsid('ai-responses')) =>
    createOpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'sk-bridge-key-or-anything', headers: { 'x-gemini-psid': psid } });

  test('responses.create with a string input: output_text, ids, usage', async () => {
    const response = await client().responses.create({ model: 'gemini-3-flash', input: 'Hello from the Responses API', instructions: 'Be brief.' });
    assert.equal(response.object, 'response');
    assert.equal(response.status, 'completed');
    assert.match(response.id, /^resp_/);
    assert.match(response.output_text, /Simulated answer to "System instructions/);
    assert.equal(response.output.at(-1).type, 'message');
    assert.match(response.output.at(-1).id, /^msg_/);
    assert.ok(response.usage.input_tokens > 0 && response.usage.output_tokens > 0);
  });

  test('input items with an input_image data URL', async () => {
    const response = await client().responses.create({
      model: 'gemini-3-flash',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'What is in this image?' },
            { type: 'input_image', image_url: `data:image/png;base64,${TINY_PNG_BASE64}`, detail: 'auto' },
          ],
        },
      ],
    });
    assert.match(response.output_text, /image-1\.png \(\d+ bytes\)/);
  });

  test('stream: the documented events in order, with sequence numbers, and the final response', async () => {
    const stream = await client().responses.create({ model: 'gemini-3-flash-thinking', input: 'Stream from the Responses API', stream: true });
    const events = [];
    for await (const event of stream) events.push(event);
    assert.equal(events[0].type, 'response.created');
    assert.equal(events[1].type, 'response.in_progress');
    assert.equal(events.at(-1).type, 'response.completed');
    assert.deepEqual(events.map((e) => e.sequence_number), events.map((_, i) => i));
    assert.ok(events.some((e) => e.type === 'response.reasoning_summary_text.delta'));
    const text = events.filter((e) => e.type === 'response.output_text.delta').map((e) => e.delta).join('');
    assert.match(text, /Simulated answer to "Stream from the Responses API"/);
    assert.equal(events.at(-1).response.output.at(-1).content[0].text, text);
  });

  test('responses.stream helper: text deltas and finalResponse', async () => {
    const stream = client().responses.stream({ model: 'gemini-3-flash', input: 'Use the stream helper' });
    let deltas = '';
    stream.on('response.output_text.delta', (event) => {
      deltas += event.delta;
    });
    const final = await stream.finalResponse();
    assert.equal(final.status, 'completed');
    assert.equal(final.output_text, deltas);
    assert.match(deltas, /Simulated answer to "Use the stream helper"/);
  });

  test('previous_response_id round trip continues the conversation (turn 2)', async () => {
    const openai = client();
    const first = await openai.responses.create({ model: 'gemini-3-flash', input: 'Remember the number 7' });
    const second = await openai.responses.create({ model: 'gemini-3-flash', input: 'Which number?', previous_response_id: first.id });
    assert.match(second.output_text, /Simulated answer to "Which number\?"\. \(turn 2\)/);
    assert.equal(second.previous_response_id, first.id);
  });

  test('a tampered previous_response_id is a BadRequestError naming the parameter', async () => {
    const openai = client();
    const first = await openai.responses.create({ model: 'gemini-3-flash', input: 'hi' });
    const tampered = first.id.slice(0, -4) + (first.id.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await assert.rejects(
      openai.responses.create({ model: 'gemini-3-flash', input: 'next', previous_response_id: tampered }),
      (error) => error instanceof OpenAI.BadRequestError && error.param === 'previous_response_id',
    );
  });

  test('retrieve and delete say the gateway stores nothing (404)', async () => {
    const openai = client();
    const first = await openai.responses.create({ model: 'gemini-3-flash', input: 'hi' });
    await assert.rejects(openai.responses.retrieve(first.id), (error) => error instanceof OpenAI.NotFoundError && /stores no responses/.test(error.message));
    await assert.rejects(openai.responses.delete(first.id), (error) => error instanceof OpenAI.NotFoundError);
  });

  test('AI SDK openai(model): generateText, then a follow-up through item_reference', async () => {
    const openai = aiSdk();
    const first = await generateText({ model: openai('gemini-3-flash'), prompt: 'Remember the number 7' });
    assert.match(first.text, /Simulated answer to "Remember the number 7"/);
    assert.ok(first.usage.inputTokens > 0);
    const second = await generateText({
      model: openai('gemini-3-flash'),
      messages: [{ role: 'user', content: 'Remember the number 7' }, ...first.response.messages, { role: 'user', content: 'Which number?' }],
    });
    assert.match(second.text, /Simulated answer to "Which number\?"\. \(turn 2\)/);
  });

  test('AI SDK openai(model): streamText', async () => {
    const result = streamText({ model: aiSdk()('gemini-3-flash-thinking'), prompt: 'Stream through the AI SDK' });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    assert.match(text, /Simulated answer to "Stream through the AI SDK"/);
    assert.ok((await result.reasoningText)?.length > 0);
    assert.equal(await result.finishReason, 'stop');
  });
  const weatherTool = {
    type: 'function',
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
    strict: true,
  };

  test('tools round trip: function_call item, the client runs it, function_call_output via previous_response_id', async () => {
    const openai = client();
    const first = await openai.responses.create({ model: 'gemini-3-flash', input: 'Use get_weather for Paris', tools: [weatherTool] });
    const call = first.output.find((item) => item.type === 'function_call');
    assert.equal(call.name, 'get_weather');
    assert.equal(typeof JSON.parse(call.arguments).city, 'string');
    const second = await openai.responses.create({
      model: 'gemini-3-flash',
      previous_response_id: first.id,
      tools: [weatherTool],
      input: [{ type: 'function_call_output', call_id: call.call_id, output: JSON.stringify({ temperature: 21 }) }],
    });
    assert.match(second.output_text, /Simulated answer using the tool results.*"temperature":21/);
  });

  test('tools streamed: function_call_arguments events and the call in the final response', async () => {
    const stream = client().responses.stream({ model: 'gemini-3-flash', input: 'Use get_weather for Rome', tools: [weatherTool], tool_choice: 'required' });
    let args = '';
    stream.on('response.function_call_arguments.delta', (event) => {
      args += event.delta;
    });
    const final = await stream.finalResponse();
    const call = final.output.find((item) => item.type === 'function_call');
    assert.equal(call.arguments, args);
    assert.equal(call.name, 'get_weather');
  });

  test('AI SDK openai(model): generateText with a tool, two steps (the call is replayed as context)', async () => {
    const calls = [];
    const result = await generateText({
      model: aiSdk()('gemini-3-flash'),
      prompt: 'Use get_weather for Paris',
      tools: {
        get_weather: tool({
          description: 'Weather for a city',
          inputSchema: z.object({ city: z.string() }),
          execute: async ({ city }) => {
            calls.push(city);
            return { city, temperature: 21 };
          },
        }),
      },
      stopWhen: isStepCount(2),
    });
    assert.equal(calls.length, 1);
    assert.equal(result.steps.length, 2);
    assert.match(result.text, /Simulated answer using the tool results/);
  });
});
