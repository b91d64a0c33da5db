// Agent frameworks on the emulated tools and structured output: the Vercel AI SDK (@ai-sdk/openai-compatible,
// @ai-sdk/google) and LangChain (@langchain/openai) against the gateway in simulator mode.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateObject, generateText, stepCountIs, tool } from 'ai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { ChatOpenAI } from '@langchain/openai';
import { HumanMessage, ToolMessage } from '@langchain/core/messages';
import { tool as langchainTool } from '@langchain/core/tools';
import { z } from 'zod';
import { fakePsid, startGateway } from '../support/gateway.mjs';

describe('agent frameworks on emulated tools and structured output', () => {
  let gateway;

  before(async () => {
    gateway = await startGateway();
  });

  after(async () => {
    await gateway?.stop();
  });

  const compatible = () =>
    createOpenAICompatible({
      name: 'bridge',
      baseURL: `${gateway.url}/v1`,
      apiKey: 'sk-anything',
      headers: { 'x-gemini-psid': fakePsid('ai-compatible') },
      // Sends response_format json_schema (emulated by the gateway) instead of bare json_object.
      supportsStructuredOutputs: true,
    });

  const google = () =>
    createGoogleGenerativeAI({
      baseURL: `${gateway.url}/v1beta`,
      apiKey: 'any-key',
      headers: { 'x-gemini-psid': fakePsid('ai-google') },
    });

  const weather = (calls) =>
    tool({
      description: 'The weather in a city.',
      inputSchema: z.object({ city: z.string() }),
      execute: async ({ city }) => {
        calls.push(city);
        return { city, temperature: 21 };
      },
    });

  const person = z.object({ name: z.string(), age: z.number().int() });

  for (const [label, model] of [
    ['openai-compatible', () => compatible().chatModel('gemini-3-flash')],
    ['google', () => google()('gemini-3-flash')],
  ]) {
    test(`ai sdk (${label}): generateText runs a tool and answers with its result`, async () => {
      const calls = [];
      const result = await generateText({
        model: model(),
        tools: { get_weather: weather(calls) },
        stopWhen: stepCountIs(3),
        prompt: 'What is the weather? Use get_weather with city=Paris',
      });
      assert.deepEqual(calls, ['Paris']);
      assert.equal(result.steps.length, 2);
      assert.match(result.text, /Simulated answer using the tool results/);
      assert.match(result.text, /"temperature":21/);
    });

    test(`ai sdk (${label}): generateObject returns an object that matches the schema`, async () => {
      const { object } = await generateObject({ model: model(), schema: person, prompt: 'Describe name=Grace' });
      assert.equal(object.name, 'Grace');
      assert.equal(typeof object.age, 'number');
    });
  }

  const chat = () =>
    new ChatOpenAI({
      model: 'gemini-3-flash',
      apiKey: 'sk-anything',
      maxRetries: 0,
      configuration: { baseURL: `${gateway.url}/v1`, defaultHeaders: { 'x-gemini-psid': fakePsid('langchain') } },
    });

  test('langchain: bindTools round trip', async () => {
    const getWeather = langchainTool(async ({ city }) => JSON.stringify({ city, temperature: 19 }), {
      name: 'get_weather',
      description: 'The weather in a city.',
      schema: z.object({ city: z.string() }),
    });
    const model = chat().bindTools([getWeather]);
    const question = new HumanMessage('Use get_weather with city=Vienna');
    const first = await model.invoke([question]);
    assert.equal(first.tool_calls.length, 1);
    assert.equal(first.tool_calls[0].name, 'get_weather');
    assert.deepEqual(first.tool_calls[0].args, { city: 'Vienna' });

    const output = await getWeather.invoke(first.tool_calls[0].args);
    const second = await model.invoke([question, first, new ToolMessage({ tool_call_id: first.tool_calls[0].id, content: output })]);
    assert.equal(second.tool_calls.length, 0);
    assert.match(second.content, /"temperature":19/);
  });

  test('langchain: withStructuredOutput returns a parsed object', async () => {
    const result = await chat().withStructuredOutput(person, { name: 'person' }).invoke('Describe name=Linus');
    assert.equal(result.name, 'Linus');
    assert.equal(typeof result.age, 'number');
  });
});
