// Your existing OpenAI SDK code, pointed at the gateway: only baseURL and one header change.
//   npm install openai
//   GATEWAY_URL=http://127.0.0.1:8080 GEMINI_PSID=... node openai.mjs "Explain quantum computing"
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

const stream = await client.chat.completions.create({
  model: 'gemini-3-flash',
  messages: [{ role: 'user', content: process.argv[2] ?? 'Hello from the OpenAI SDK' }],
  stream: true,
});
for await (const chunk of stream) {
  process.stdout.write(chunk.choices[0]?.delta?.content ?? '');
}
process.stdout.write('\n');
