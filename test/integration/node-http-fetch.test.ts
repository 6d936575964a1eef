import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHttpFetch } from '../../src/adapters/openai/node-http-fetch.js';
import { chunk, completionBody, deferred } from '../support/fake-openai-server.js';

// The OpenAI adapter's default transport, against a real server on 127.0.0.1: whatever the SDK
// reads of a fetch Response must be there, and failures must look like fetch's own.
let server: Server;
let base: string;
const seen: { method?: string; headers: IncomingMessage['headers']; body: string }[] = [];
let streamGate: (() => void) | undefined;
// An event whose 'é' is cut in two by the chunk boundary: the second half waits for splitGate.
const SPLIT_EVENTS = Buffer.from(
  [chunk('twin', { content: 'café é' }), chunk('twin', {}, 'stop'), '[DONE]']
    .map((data) => `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`)
    .join(''),
);
const SPLIT_AT = SPLIT_EVENTS.indexOf(Buffer.from('é')) + 1;
let splitGate = deferred();

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
    } else if (req.url?.startsWith('/split')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(SPLIT_EVENTS.subarray(0, SPLIT_AT));
      void splitGate.promise.then(() => res.end(SPLIT_EVENTS.subarray(SPLIT_AT)));
    } else if (req.url === '/overloaded') {
      res.writeHead(529, { 'content-type': 'text/event-stream' });
      res.end('data: {"error":{"message":"overloaded"}}\n\n');
    } else if (req.url === '/reset-content') {
      res.writeHead(205, { 'content-type': 'text/event-stream' }).end();
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
    // Unlike fetch's "gzip, deflate": compressed answers cost the twin CPU for nothing (ADR 1200).
    expect(request?.headers['accept-encoding']).toBe('identity');
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

  it('passes on an event stream cut inside a UTF-8 character, which the SDK reads whole', async () => {
    const response = await nodeHttpFetch(`${base}/split`);
    const parts = partsOf(response);
    const first = (await parts.next()).value as Uint8Array;
    expect(Buffer.from(first).equals(SPLIT_EVENTS.subarray(0, SPLIT_AT))).toBe(true);
    splitGate.resolve();
    const rest: Uint8Array[] = [];
    for (let part = await parts.next(); !part.done; part = await parts.next()) rest.push(part.value);
    expect(Buffer.concat([first, ...rest]).equals(SPLIT_EVENTS)).toBe(true);

    splitGate = deferred();
    const client = new OpenAI({ apiKey: 'k', baseURL: `${base}/split/v1`, fetch: nodeHttpFetch, maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: 'twin', messages: [], stream: true });
    splitGate.resolve();
    let text = '';
    for await (const part of stream) text += part.choices[0]?.delta.content ?? '';
    expect(text).toBe('café é');
  });

  it('gives a 205 as a Response without a body, whatever its content type says', async () => {
    const response = await nodeHttpFetch(`${base}/reset-content`);
    expect(response.status).toBe(205);
    expect(response.body).toBeNull();
  });
});

describe('nodeHttpFetch against hand-written HTTP/1.1 answers', () => {
  let raw: TcpServer;
  let rawBase: string;
  const answers: Record<string, string> = {
    // No length, no chunks: the body ends when the server closes the connection.
    '/close': `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${JSON.stringify(completionBody('twin', 'Until close.', null))}`,
    '/odd-status': 'HTTP/1.1 600 Odd\r\nContent-Length: 2\r\n\r\nok',
  };

  beforeAll(async () => {
    raw = createTcpServer((socket) => {
      socket.once('data', (head: Buffer) => {
        const path = head.toString('latin1').split(' ')[1] ?? '';
        socket.end(
          answers[Object.keys(answers).find((each) => path.startsWith(each)) ?? ''] ?? 'HTTP/1.1 404 No\r\n\r\n',
        );
      });
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => raw.once('listening', resolve));
    rawBase = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => raw.close(resolve));
  });

  it('reads a body delimited by Connection: close, twice in a row through the SDK', async () => {
    const client = new OpenAI({ apiKey: 'k', baseURL: `${rawBase}/close/v1`, fetch: nodeHttpFetch, maxRetries: 0 });
    for (const _ of [1, 2]) {
      const completion = await client.chat.completions.create({ model: 'twin', messages: [] });
      expect(completion.choices[0]?.message.content).toBe('Until close.');
    }
  });

  it('rejects a status no Response can carry with a TypeError instead of throwing in a callback', async () => {
    await expect(nodeHttpFetch(`${rawBase}/odd-status`)).rejects.toThrow(TypeError);
  });
});
