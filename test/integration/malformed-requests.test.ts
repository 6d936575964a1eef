import { METHODS } from 'node:http';
import { connect } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { InMemoryMetricsSink } from '../../src/adapters/memory/metrics.js';
import type { HttpLimits } from '../../src/app/http/http-server.js';
import { expectErrorShape, parseRaw, post, rawExchange, serve } from '../support/raw-http.js';

/** The Requests points recorded so far: their route and status. */
const requests = (metrics: InMemoryMetricsSink) => metrics.named('Requests').map((point) => point.dimensions);

// Short limits so the test is quick; the served ones (60 s, 20 s) are the same code path.
const quick: HttpLimits = {
  maxHeaderSize: 16 * 1024,
  headersTimeout: 500,
  requestTimeout: 800,
  connectionsCheckingInterval: 50,
};

const JSON_HEADERS = { 'Content-Type': 'application/json' };
const good = Buffer.from(JSON.stringify({ message: 'hi' }));
const encoders = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync } as const;

describe('bodies whose Content-Encoding does not decode', () => {
  it('are a 400 in the error shape, never a 500 nor an error log line, over many corrupt bodies', async () => {
    const { port, logger } = await serve();
    const corrupt = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      fc.nat({ max: 20 }).map((cut) => gzipSync(good).subarray(0, cut + 1)),
      fc.nat({ max: 20 }).map((cut) => deflateSync(good).subarray(0, cut + 1)),
      fc.nat({ max: 8 }).map((cut) => brotliCompressSync(good).subarray(0, cut + 1)),
    );
    const samples = fc.sample(fc.tuple(fc.constantFrom('gzip', 'deflate', 'br', 'GZIP', 'x-gzip'), corrupt), 150);
    let decodedByChance = 0;
    for (const [encoding, body] of samples) {
      const res = await post(port, body, { ...JSON_HEADERS, 'Content-Encoding': encoding });
      expect(res.status).toBeLessThan(500);
      if (res.status === 400 && res.body.includes('Content-Encoding')) expectErrorShape(res, 400, 'invalid_input');
      else decodedByChance++;
    }
    // A few random byte strings happen to be valid (empty) deflate or br streams: then the JSON is what fails.
    expect(decodedByChance).toBeLessThan(samples.length / 4);
    expect(logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it.each(Object.entries(encoders))('still reads a valid %s body', async (encoding, encode) => {
    const { port } = await serve();
    const res = await post(port, encode(good), { ...JSON_HEADERS, 'Content-Encoding': encoding });
    expect(res.status).toBe(200);
  });

  it.each(['GZIP', ' Gzip ', 'x-gzip'])(
    'reads %j as gzip (codings are case-insensitive; x-gzip is gzip)',
    async (name) => {
      const { port } = await serve();
      expect((await post(port, gzipSync(good), { ...JSON_HEADERS, 'Content-Encoding': name })).status).toBe(200);
    },
  );

  it('refuses an encoding it does not speak with 415, and a bomb past 64 KB with 413', async () => {
    const { port } = await serve();
    expectErrorShape(
      await post(port, good, { ...JSON_HEADERS, 'Content-Encoding': 'zstd' }),
      415,
      'unsupported_media_type',
    );
    const bomb = gzipSync(Buffer.from(`{"message":"${'a'.repeat(10_000_000)}"}`));
    expectErrorShape(await post(port, bomb, { ...JSON_HEADERS, 'Content-Encoding': 'gzip' }), 413, 'payload_too_large');
  });

  it('are refused by the rate limit before they are decoded', async () => {
    const { port } = await serve({ TWIN_RATE_LIMIT_PER_MINUTE: '2' });
    const corrupt = { ...JSON_HEADERS, 'Content-Encoding': 'gzip' };
    expect((await post(port, Buffer.from('not gzip'), corrupt)).status).toBe(400);
    expect((await post(port, Buffer.from('not gzip'), corrupt)).status).toBe(400);
    const limited = await post(port, Buffer.from('not gzip'), corrupt);
    expectErrorShape(limited, 429, 'rate_limited');
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    // Counted once per request: the chat route's own check did not take a second token.
    expect((await post(port, good, JSON_HEADERS)).status).toBe(429);
  });
});

describe("requests Node's HTTP parser refuses", () => {
  it.each([
    ['a garbage request line', 'GARBAGE\r\n\r\n'],
    ['an unknown method', 'BREW /chat HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a header without a colon', 'GET /health HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n'],
    ['a control character in a header', 'GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\u0001b\r\n\r\n'],
    [
      'two Content-Lengths that disagree',
      'POST /chat HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab',
    ],
    [
      'Content-Length with Transfer-Encoding',
      'POST /chat HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ],
    ['a bad chunk size', 'POST /chat HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n'],
  ])('answer %s with 400 in the error shape', async (_label, raw) => {
    const { port, logger } = await serve();
    expectErrorShape(parseRaw(await rawExchange(port, raw)), 400, 'invalid_input');
    expect(logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('answers every method Node parses with a status below 500, and every refusal in the error shape', async () => {
    const { port } = await serve();
    for (const method of METHODS) {
      for (const path of ['/health', '/chat', '/conversation/x']) {
        const target = method === 'CONNECT' ? '127.0.0.1:22' : path;
        const res = parseRaw(
          await rawExchange(port, `${method} ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`),
        );
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
        if (res.status >= 400 && method !== 'HEAD') {
          expect(JSON.parse(res.body).error.code, `${method} ${path}`).toMatch(/^[a-z_]+$/);
        }
      }
    }
  });

  it('answers an HTTP/1.1 request without Host with 400 in the error shape', async () => {
    const { port } = await serve();
    const res = parseRaw(await rawExchange(port, 'GET /health HTTP/1.1\r\nConnection: close\r\n\r\n'));
    expectErrorShape(res, 400, 'invalid_input');
  });

  it('answers CONNECT with 405 in the error shape instead of dropping the connection', async () => {
    const { port } = await serve();
    const res = parseRaw(await rawExchange(port, 'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n'));
    expectErrorShape(res, 405, 'method_not_allowed');
  });

  it.each(['foo', '200-ok', 'x'.repeat(100)])(
    'serves a request with an Expect of %j (RFC 9110 lets it)',
    async (value) => {
      const { port } = await serve();
      const body = JSON.stringify({ message: 'hi' });
      const res = parseRaw(
        await rawExchange(
          port,
          `POST /chat HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nExpect: ${value}\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
        ),
      );
      expect(res.status).toBe(200);
    },
  );

  it('answers random bytes with a 4xx in the error shape, whatever they are', async () => {
    // Bytes the parser waits on (blank lines before a request line, say) are cut by the timeout: a 408.
    const { port } = await serve({}, quick);
    const junk = fc.sample(
      fc
        .uint8Array({ minLength: 1, maxLength: 300 })
        .filter((bytes) => !/^[A-Z]+ /.test(Buffer.from(bytes).toString('latin1'))),
      40,
    );
    for (const bytes of junk) {
      const text = await rawExchange(port, Buffer.concat([Buffer.from(bytes), Buffer.from('\r\n\r\n')]));
      const res = parseRaw(text);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(JSON.parse(res.body).error.code).toMatch(/^[a-z_]+$/);
    }
  });

  it('answers headers over 16 KB with 431 in the error shape and stays up', async () => {
    const { port, metrics } = await serve();
    const raw = `GET /health HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20 * 1024)}\r\n\r\n`;
    expectErrorShape(parseRaw(await rawExchange(port, raw)), 431, 'headers_too_large');
    expect(requests(metrics)).toEqual([{ Route: 'unparsed', Status: '431' }]);
    expect(
      parseRaw(await rawExchange(port, 'GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).status,
    ).toBe(200);
  });
});

describe('slow clients', () => {
  it('cuts a body trickled in slower than the request timeout, with 408 in the error shape', async () => {
    const { port, metrics } = await serve({}, quick);
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => {
      received += chunk;
    });
    const started = performance.now();
    socket.write('POST /chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
    let sent = 1;
    const trickle = setInterval(() => {
      if (!socket.writable || sent >= 1000) return;
      socket.write(' ');
      sent++;
    }, 20);
    await new Promise((resolve) => socket.on('close', resolve));
    clearInterval(trickle);
    expect(sent).toBeLessThan(1000); // cut while still sending
    // Node measures from the first byte, which came after `started`: never cut early.
    expect(performance.now() - started).toBeGreaterThanOrEqual(quick.requestTimeout);
    expectErrorShape(parseRaw(received), 408, 'request_timeout');
    // Counted once, as the 408 the client got (the app's own reading of the cut body said 400).
    await expect.poll(() => requests(metrics).length).toBeGreaterThan(0);
    expect(requests(metrics)).toEqual([{ Route: '/chat', Status: '408' }]);
    expect(metrics.named('Errors').map((point) => point.dimensions)).toEqual([{ Code: 'request_timeout' }]);
  });

  it('cuts headers that never end, with 408 in the error shape', async () => {
    const { port, metrics } = await serve({}, quick);
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => {
      received += chunk;
    });
    socket.write('GET /health HTTP/1.1\r\nHost: x\r\n');
    const trickle = setInterval(() => socket.writable && socket.write('X-Slow: a\r\n'), 20);
    await new Promise((resolve) => socket.on('close', resolve));
    clearInterval(trickle);
    expectErrorShape(parseRaw(received), 408, 'request_timeout');
    expect(requests(metrics)).toEqual([{ Route: 'unparsed', Status: '408' }]);
  });
});
