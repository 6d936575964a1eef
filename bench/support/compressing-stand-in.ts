// An OpenAI-compatible stand-in on 127.0.0.1 that answers plain under /plain and gzipped under
// /gzip, each event of a stream flushed on its own as a real compressing server must. Run as its
// own process (so its CPU is not the client's): prints {"port": n} on its first stdout line.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip, gzipSync } from 'node:zlib';

const TOKENS = 200;
const event = (content: string | null) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'twin',
    choices: [
      { index: 0, delta: content === null ? {} : { content }, finish_reason: content === null ? 'stop' : null },
    ],
  })}\n\n`;
const completion = Buffer.from(
  JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: 0,
    model: 'twin',
    choices: [{ index: 0, message: { role: 'assistant', content: 'word '.repeat(TOKENS) }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 900, completion_tokens: TOKENS, total_tokens: 900 + TOKENS },
  }),
);
const gzippedCompletion = gzipSync(completion);

async function stream(res: ServerResponse, gzip: boolean): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
  const out = gzip ? createGzip() : undefined;
  out?.pipe(res);
  for (let i = 0; i <= TOKENS; i++) {
    const data = event(i < TOKENS ? 'word ' : null);
    if (!out) await new Promise((resolve) => res.write(data, resolve));
    else {
      out.write(data);
      await new Promise((resolve) => out.flush(() => resolve(undefined)));
    }
  }
  if (out) out.end('data: [DONE]\n\n');
  else res.end('data: [DONE]\n\n');
}

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (part: Buffer) => {
    body += part;
  });
  req.on('end', () => {
    const gzip = req.url?.startsWith('/gzip') ?? false;
    if (body.includes('"stream":true')) return void stream(res, gzip);
    res.writeHead(200, { 'content-type': 'application/json', ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
    res.end(gzip ? gzippedCompletion : completion);
  });
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
