// Must NOT type-check: the suite runs TypeScript 7's tsc on this file and expects exactly the one error below, so a
// tsc that accepts anything, or fails for another reason (a module it cannot find), fails the suite.
import createClient from 'openapi-fetch';
import type { paths } from '../generated/schema.js';

const client = createClient<paths>({ baseUrl: 'http://127.0.0.1' });
// The document types prompt as a string: a number is refused.
void client.POST('/api/chat', { params: { header: { 'x-gemini-psid': 'psid' } }, body: { prompt: 42 } });
