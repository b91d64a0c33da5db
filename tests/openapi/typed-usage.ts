// Compiled (never run) against the client types generated from /openapi/v1.json: a generator reading the document
// must give these exact types, or tsc fails the suite.
import createClient from 'openapi-fetch';
import type { components, paths } from './generated/schema.js';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const check = <T extends true>(value: T): T => value;

type Schemas = components['schemas'];
type ChatAnswer = paths['/api/chat']['post']['responses'][200]['content']['application/json'];

// success is the boolean true (not the string "true"); images[].kind is "web" | "generated" (not a number).
check<Equals<ChatAnswer['success'], true>>(true);
check<Equals<Schemas['ErrorEnvelope']['success'], false>>(true);
check<Equals<Schemas['ChatImage']['kind'], 'web' | 'generated'>>(true);
check<Equals<Schemas['ChatResult']['images'][number], Schemas['ChatImage']>>(true);

// Request bodies exist for the gems and research writes.
type GemCreate = NonNullable<paths['/api/gems']['post']['requestBody']>['content']['application/json'];
check<Equals<GemCreate, Schemas['GemCreateDocument']>>(true);
type GemUpdate = NonNullable<paths['/api/gems/{id}']['put']['requestBody']>['content']['application/json'];
check<Equals<GemUpdate, Schemas['GemUpdateDocument']>>(true);
type ResearchStart = NonNullable<paths['/api/research']['post']['requestBody']>['content']['application/json'];
check<Equals<ResearchStart, Schemas['ResearchStartDocument']>>(true);

// The compatible surfaces answer in their own shapes.
type Completion = paths['/v1/chat/completions']['post']['responses'][200]['content']['application/json'];
check<Equals<Completion, Schemas['OpenAiChatCompletionDocument']>>(true);
type OpenAiFailure = paths['/v1/chat/completions']['post']['responses'][400]['content']['application/json'];
check<Equals<OpenAiFailure, Schemas['OpenAiError']>>(true);

export async function typedCalls(baseUrl: string, psid: string): Promise<void> {
  const client = createClient<paths>({ baseUrl });
  const header = { 'x-gemini-psid': psid };
  const chat = await client.POST('/api/chat', { params: { header }, body: { prompt: 'Hello', model: 'gemini-3-flash' } });
  // The answer is JSON, or the event stream's text when streaming was asked for.
  if (chat.data && typeof chat.data !== 'string') {
    const text: string = chat.data.data.text;
    const next = chat.data.data.conversation;
    void text;
    void next;
  }

  const gem = await client.POST('/api/gems', { params: { header }, body: { name: 'n', description: '', instructions: 'i' } });
  if (gem.data) {
    await client.PUT('/api/gems/{id}', { params: { header, path: { id: gem.data.data.id } }, body: { name: 'renamed' } });
  }

  const models = await client.GET('/v1beta/models/{model}', { params: { header, path: { model: 'gemini-3-flash' } } });
  void models;
  const page = await client.GET('/api/conversations', { params: { header, query: { pageSize: 5 } } });
  void page;
}
