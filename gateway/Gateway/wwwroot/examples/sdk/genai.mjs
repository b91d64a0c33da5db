// Your existing Google Gen AI SDK code, pointed at the gateway: only baseUrl and one header change.
//   npm install @google/genai
//   GATEWAY_URL=http://127.0.0.1:8080 GEMINI_PSID=... node genai.mjs "Explain quantum computing"
import { GoogleGenAI } from '@google/genai';

const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';
const ai = new GoogleGenAI({
  apiKey: process.env.BRIDGE_API_KEY ?? 'no-key-needed-with-auth-off',
  httpOptions: {
    baseUrl: gateway,
    headers: {
      'x-gemini-psid': process.env.GEMINI_PSID,
      ...(process.env.GEMINI_PSIDTS ? { 'x-gemini-psidts': process.env.GEMINI_PSIDTS } : {}),
    },
  },
});

const stream = await ai.models.generateContentStream({
  model: 'gemini-3-flash',
  contents: process.argv[2] ?? 'Hello from the Gen AI SDK',
});
for await (const chunk of stream) {
  process.stdout.write(chunk.text ?? '');
}
process.stdout.write('\n');
