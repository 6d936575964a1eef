import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHttpFetch } from '../../src/adapters/openai/node-http-fetch.js';

// The OpenAI adapter's default transport, against a real server on 127.0.0.1: whatever the SDK
// reads of a fetch Response must be there, and failures must look like fetch's own.
let server: Server;
let base: string;
const seen: { method?: string; headers: IncomingMessage['headers']; body: string }[] = [];
let streamGate: (() => void) | undefined;

function handle(req: IncomingMessage, res: ServerResponse): void {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => {
    body += chunk;
  });
  req.on('end', () => {
    seen.push({ method: req.method, headers: req.headers, body });
    if (req.url === '/json') {
      res.writeHead(201, { 'content-type': 'application/json', 'x-request-id': 'req-1', 'set-cookie': ['a=1', 'b=2'] });
      res.end(JSON.stringify({ echoed: body }));
    } else if (req.url === '/stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: first\n\n');
      // The second event waits until the test has read the first: the body must stream, not buffer.
      streamGate = () => res.end('data: second\n\n');
    } else if (req.url === '/overloaded') {
      res.writeHead(529, { 'content-type': 'text/event-stream' });
      res.end('data: {"error":{"message":"overloaded"}}\n\n');
    } else if (req.url === '/hang') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: only\n\n');
    } else {
      res.writeHead(204).end();
    }
  });
}

beforeAll(async () => {
  server = createServer(handle).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('nodeHttpFetch', () => {
  it('sends method, headers and body, and returns status, headers and body as fetch does', async () => {
    const response = await nodeHttpFetch(`${base}/json`, {
      method: 'POST',
      headers: new Headers({ 'Content-Type': 'application/json', Authorization: 'Bearer k' }),
      body: '{"héllo":"wörld"}',
    });
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(response.headers.get('x-request-id')).toBe('req-1');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(await response.json()).toEqual({ echoed: '{"héllo":"wörld"}' });
    const request = seen.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.headers.authorization).toBe('Bearer k');
    expect(request?.headers['content-length']).toBe(String(Buffer.byteLength('{"héllo":"wörld"}')));
  });

  // A successful event stream's body is node:http's stream, async-iterable as the SDK reads it.
  const partsOf = (response: Response) =>
    (response.body as unknown as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();

  it('streams an event-stream body as it arrives', async () => {
    const response = await nodeHttpFetch(`${base}/stream`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const parts = partsOf(response);
    const decoder = new TextDecoder();
    expect(decoder.decode((await parts.next()).value)).toBe('data: first\n\n');
    streamGate?.();
    let rest = '';
    for (let part = await parts.next(); !part.done; part = await parts.next()) rest += decoder.decode(part.value);
    expect(rest).toBe('data: second\n\n');
  });

  it('gives an event stream with an error status a standard body, which the SDK reads with text()', async () => {
    const response = await nodeHttpFetch(`${base}/overloaded`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(529);
    expect(response.ok).toBe(false);
    expect(await response.text()).toBe('data: {"error":{"message":"overloaded"}}\n\n');
  });

  it('gives a bodiless 204 as a Response without a body', async () => {
    const response = await nodeHttpFetch(`${base}/empty`);
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it('stops a streamed body when the signal aborts, with the signal’s reason', async () => {
    const controller = new AbortController();
    const response = await nodeHttpFetch(`${base}/hang`, { signal: controller.signal });
    const parts = partsOf(response);
    await parts.next();
    const reason = new Error('visitor left');
    controller.abort(reason);
    await expect(parts.next()).rejects.toBeDefined();
    await expect(nodeHttpFetch(`${base}/json`, { signal: controller.signal })).rejects.toBe(reason);
  });

  it('fails like fetch when nothing listens: a TypeError with the cause', async () => {
    const closed = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => closed.once('listening', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    for (const scheme of ['http', 'https']) {
      const failure = await nodeHttpFetch(`${scheme}://127.0.0.1:${port}/`).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(TypeError);
      expect((failure as TypeError).cause).toMatchObject({ code: 'ECONNREFUSED' });
    }
  });

  it('hands what it does not handle to the built-in fetch', async () => {
    const response = await nodeHttpFetch(new Request(`${base}/json`, { method: 'POST', body: 'as a Request' }));
    expect(await response.json()).toEqual({ echoed: 'as a Request' });
  });
});
