// Your existing Anthropic SDK code, pointed at the gateway: baseURL, the bridge key as apiKey, and one header.
//   npm install @anthropic-ai/sdk
//   GATEWAY_URL=http://127.0.0.1:8080 GEMINI_PSID=... node anthropic.mjs "Explain quantum computing"
import Anthropic from '@anthropic-ai/sdk';

const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';
const client = new Anthropic({
  baseURL: gateway, // the SDK adds /v1
  apiKey: process.env.BRIDGE_API_KEY ?? 'no-key-needed-with-auth-off',
  defaultHeaders: {
    'x-gemini-psid': process.env.GEMINI_PSID,
    ...(process.env.GEMINI_PSIDTS ? { 'x-gemini-psidts': process.env.GEMINI_PSIDTS } : {}),
  },
});

const stream = client.messages.stream({
  model: 'gemini-3-flash',
  max_tokens: 1024, // required by the API; Gemini decides the length
  messages: [{ role: 'user', content: process.argv[2] ?? 'Hello from the Anthropic SDK' }],
});
stream.on('text', (text) => process.stdout.write(text));
const message = await stream.finalMessage();
process.stdout.write('\n');
// Token counts are the gateway's estimate (the Gemini web app reports none).
console.error(`stop_reason: ${message.stop_reason}; usage (estimated): ${message.usage.input_tokens} in, ${message.usage.output_tokens} out`);
