/**
 * Where the time to a first streamed token goes inside the OpenAI adapter's transport: one
 * streamed chat completion through the SDK with nodeHttpFetch, step by step, against a plain
 * node:http POST of a body of the same size, both to the hosted-model stand-in (medians of 300
 * calls after 100). Run: OPENAI_BASE_URL=http://127.0.0.1:<port>/v1 npx tsx bench/support/sdk-path.ts
 */
import dc from 'node:diagnostics_channel';
import { Agent, request } from 'node:http';
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { nodeHttpFetch } from '../../src/adapters/openai/node-http-fetch.js';
import { median } from './stats.js';

const baseURL = process.env.OPENAI_BASE_URL;
if (!baseURL) throw new Error('set OPENAI_BASE_URL to the stand-in (bench/support/model-stand-in.ts)');
let fetched = 0;
let requested = 0;
let answered = 0;
const timedFetch: typeof fetch = (input, init) => {
  fetched = performance.now();
  return nodeHttpFetch(input, init).then((response) => {
    answered = performance.now();
    return response;
  });
};
// Published when the request's last byte has been handed to the socket.
dc.subscribe('http.client.request.start', () => {
  requested = performance.now();
});
const client = new OpenAI({ apiKey: 'bench-key', baseURL, maxRetries: 0, fetch: timedFetch });
// About what a long conversation sends: an 8 KB system prompt and 60 turns of history (~23 KB).
const messages: ChatCompletionMessageParam[] = [
  { role: 'system', content: 'x'.repeat(8000) },
  ...Array.from(
    { length: 60 },
    (_, i): ChatCompletionMessageParam => ({
      role: i % 2 ? 'assistant' : 'user',
      content: `message ${i} ${'lorem ipsum dolor sit amet '.repeat(8)}`,
    }),
  ),
  { role: 'user', content: 'Where are you based?' },
];

const steps: Record<string, number[]> = { toFetch: [], toWire: [], toResponse: [], toContent: [], raw: [] };
for (let i = 0; i < 400; i++) {
  const started = performance.now();
  const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true });
  let content = 0;
  for await (const chunk of stream) if (!content && chunk.choices[0]?.delta?.content) content = performance.now();
  if (i < 100) continue;
  steps.toFetch?.push(fetched - started);
  steps.toWire?.push(requested - fetched);
  steps.toResponse?.push(answered - requested);
  steps.toContent?.push(content - answered);
}

const agent = new Agent({ keepAlive: true });
const body = JSON.stringify({ model: 'gpt-4o-mini', messages, stream: true });
const url = new URL(`${baseURL}/chat/completions`);
for (let i = 0; i < 400; i++) {
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      res.once('data', () => {
        if (i >= 100) steps.raw?.push(performance.now() - started);
      });
      res.on('end', resolve).resume();
    });
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}
agent.destroy();

const ms = (name: string) => median(steps[name] ?? []).toFixed(3);
console.log(
  `SDK + nodeHttpFetch, ms: call to fetch ${ms('toFetch')}, to the wire ${ms('toWire')}, to the Response ${ms('toResponse')}, ` +
    `to the first content chunk ${ms('toContent')}; plain node:http POST to its first bytes ${ms('raw')} (body ${body.length} bytes)`,
);
