// Emulated tool calling and structured output through the official OpenAI and Google Gen AI SDKs (simulator mode:
// the simulated model follows the gateway's tool and JSON instructions; see docs/compat-apis.md).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { GoogleGenAI } from '@google/genai';
import { fakePsid, startGateway } from '../support/gateway.mjs';

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'The weather in a city.',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    },
  },
};

describe('tools and structured output through the OpenAI and Gen AI SDKs', () => {
  let gateway;

  before(async () => {
    gateway = await startGateway();
  });

  after(async () => {
    await gateway?.stop();
  });

  const openai = () =>
    new OpenAI({
      baseURL: `${gateway.url}/v1`,
      apiKey: 'sk-anything',
      defaultHeaders: { 'x-gemini-psid': fakePsid('tools-openai') },
      maxRetries: 0,
    });

  const genai = () =>
    new GoogleGenAI({
      apiKey: 'any-key',
      httpOptions: { baseUrl: gateway.url, headers: { 'x-gemini-psid': fakePsid('tools-genai') } },
    });

  test('openai: a tool round trip (call, result, answer)', async () => {
    const client = openai();
    const messages = [{ role: 'user', content: 'What is the weather? Use get_weather with city=Paris' }];
    const first = await client.chat.completions.create({ model: 'gemini-3-flash', messages, tools: [weatherTool] });
    assert.equal(first.choices[0].finish_reason, 'tool_calls');
    const call = first.choices[0].message.tool_calls[0];
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Paris' });
    assert.ok(first.usage.total_tokens > 0);

    messages.push(first.choices[0].message);
    messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify({ temperature: 18 }) });
    const second = await client.chat.completions.create({ model: 'gemini-3-flash', messages, tools: [weatherTool] });
    assert.equal(second.choices[0].finish_reason, 'stop');
    assert.match(second.choices[0].message.content, /get_weather.*"temperature":18/);
  });

  test('openai: streamed tool calls arrive as tool_calls deltas', async () => {
    const stream = await openai().chat.completions.create({
      model: 'gemini-3-flash',
      stream: true,
      messages: [{ role: 'user', content: 'get_weather city=Rome' }],
      tools: [weatherTool],
    });
    const deltas = [];
    let finish;
    for await (const chunk of stream) {
      deltas.push(...(chunk.choices[0]?.delta?.tool_calls ?? []));
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.equal(finish, 'tool_calls');
    assert.equal(deltas.length, 1);
    assert.equal(deltas[0].function.name, 'get_weather');
    assert.deepEqual(JSON.parse(deltas[0].function.arguments), { city: 'Rome' });
  });

  test('openai: response_format json_schema gives JSON that matches', async () => {
    const completion = await openai().chat.completions.create({
      model: 'gemini-3-flash',
      messages: [{ role: 'user', content: 'Describe name=Ada' }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'person',
          strict: true,
          schema: {
            type: 'object',
            properties: { name: { type: 'string' }, age: { type: 'integer' } },
            required: ['name', 'age'],
            additionalProperties: false,
          },
        },
      },
    });
    const person = JSON.parse(completion.choices[0].message.content);
    assert.equal(person.name, 'Ada');
    assert.equal(typeof person.age, 'number');
  });

  test('openai: an answer that stays invalid is an APIError 502', async () => {
    await assert.rejects(
      openai().chat.completions.create({
        model: 'gemini-3-flash',
        messages: [{ role: 'user', content: 'get_weather [sim:tools=wrong-always]' }],
        tools: [weatherTool],
      }),
      (error) => {
        assert.ok(error instanceof OpenAI.APIError, `got ${error?.constructor?.name}`);
        assert.equal(error.status, 502);
        assert.equal(error.code, 'API_ERROR');
        return true;
      },
    );
  });

  test('genai: function calling round trip with the default API version', async () => {
    const ai = genai();
    const tools = [
      {
        functionDeclarations: [
          {
            name: 'get_weather',
            description: 'The weather in a city.',
            parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
        ],
      },
    ];
    const contents = [{ role: 'user', parts: [{ text: 'Use get_weather for city=Lisbon' }] }];
    const first = await ai.models.generateContent({ model: 'gemini-3-flash', contents, config: { tools } });
    assert.equal(first.functionCalls.length, 1);
    const call = first.functionCalls[0];
    assert.equal(call.name, 'get_weather');
    assert.deepEqual(call.args, { city: 'Lisbon' });
    assert.ok(first.usageMetadata.totalTokenCount > 0);

    contents.push(first.candidates[0].content);
    contents.push({ role: 'user', parts: [{ functionResponse: { id: call.id, name: call.name, response: { temperature: 25 } } }] });
    const second = await ai.models.generateContent({ model: 'gemini-3-flash', contents, config: { tools } });
    assert.equal(second.functionCalls, undefined);
    assert.match(second.text, /get_weather.*"temperature":25/);
  });

  test('genai: responseMimeType application/json with responseSchema', async () => {
    const response = await genai().models.generateContent({
      model: 'gemini-3-flash',
      contents: 'A recipe title=Soup',
      config: {
        responseMimeType: 'application/json',
        responseSchema: {
          type: 'OBJECT',
          properties: { title: { type: 'STRING' }, minutes: { type: 'INTEGER' } },
          required: ['title', 'minutes'],
        },
      },
    });
    const recipe = JSON.parse(response.text);
    assert.equal(recipe.title, 'Soup');
    assert.equal(typeof recipe.minutes, 'number');
  });
});
