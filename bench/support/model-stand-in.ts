// An instant OpenAI-compatible chat completions server on 127.0.0.1, standing in for a hosted
// model, so the bench measures the twin's own work and not a model's. Run as its own process:
// it prints {"port": n} on its first stdout line. Answers JSON or SSE, as the request asks.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const ANSWER = ['I ', 'build ', 'data ', 'platforms ', 'at ', 'Lumenfold.'];
const USAGE = { prompt_tokens: 900, completion_tokens: 12, total_tokens: 912 };
const MODEL = 'gpt-4o-mini';

function chunk(delta: Record<string, unknown>, finish: string | null = null): string {
  const body = { id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 0, model: MODEL };
  return `data: ${JSON.stringify({ ...body, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

// The stream never changes: rendered once, written in one piece per request.
const STREAM = [
  chunk({ role: 'assistant', content: '' }),
  ...ANSWER.map((text) => chunk({ content: text })),
  chunk({}, 'stop'),
  `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 0, model: MODEL, choices: [], usage: USAGE })}\n\n`,
  'data: [DONE]\n\n',
].join('');

const COMPLETION = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 0,
  model: MODEL,
  choices: [{ index: 0, message: { role: 'assistant', content: ANSWER.join('') }, finish_reason: 'stop' }],
  usage: USAGE,
});

let requests = 0;
// Request bytes received, and the last request's body: the benches size their own requests on the twin's.
let bytes = 0;
let lastBody = Buffer.alloc(0);
const server = createServer((req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (part: Buffer) => parts.push(part));
  req.on('end', () => {
    requests += 1;
    lastBody = Buffer.concat(parts);
    bytes += lastBody.length;
    // Only the stream flag matters; the body is not otherwise inspected (instant answers).
    const stream = lastBody.includes('"stream":true');
    if (stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.end(STREAM);
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(COMPLETION);
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
// The bench asks how many requests were answered, to check every chat really reached the model,
// and how many bytes they carried; 'last-body' answers the last request's body as text.
process.on('message', (message) => {
  if (message === 'count') process.send?.({ requests, bytes });
  if (message === 'last-body') process.send?.({ body: lastBody.toString('utf8') });
});
process.on('SIGTERM', () => process.exit(0));
