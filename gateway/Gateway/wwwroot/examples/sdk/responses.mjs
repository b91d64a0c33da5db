// The OpenAI Responses API on the gateway, with the official OpenAI SDK: only baseURL and one header change.
// A streamed answer, then a follow-up turn with previous_response_id (the gateway stores nothing: the id carries
// the Gemini conversation).
//   npm install openai
//   GATEWAY_URL=http://127.0.0.1:8080 GEMINI_PSID=... node responses.mjs "Explain quantum computing"
import OpenAI from 'openai';

const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';
const client = new OpenAI({
  baseURL: `${gateway}/v1`,
  apiKey: process.env.BRIDGE_API_KEY ?? 'no-key-needed-with-auth-off',
  defaultHeaders: {
    'x-gemini-psid': process.env.GEMINI_PSID,
    ...(process.env.GEMINI_PSIDTS ? { 'x-gemini-psidts': process.env.GEMINI_PSIDTS } : {}),
  },
});

const stream = await client.responses.create({
  model: 'gemini-3-flash',
  input: process.argv[2] ?? 'Hello from the Responses API',
  stream: true,
});
let responseId;
for await (const event of stream) {
  if (event.type === 'response.output_text.delta') process.stdout.write(event.delta);
  if (event.type === 'response.completed') responseId = event.response.id;
}
process.stdout.write('\n');

// The next turn of the same conversation: send only the new input.
const followUp = await client.responses.create({
  model: 'gemini-3-flash',
  input: 'Now sum that up in one sentence.',
  previous_response_id: responseId,
});
console.log(followUp.output_text);
