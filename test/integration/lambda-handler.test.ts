import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryMetricsSink } from '../../src/adapters/memory/metrics.js';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { createLambdaHandlers, type LambdaHandlers } from '../../src/app/lambda/lambda-host.js';
import { localStreamingRuntime } from '../../src/app/lambda/streaming-runtime.js';
import { testConfig } from '../support/http-fixture.js';
import { httpApiEvent, recordingResponseStream } from '../support/lambda-events.js';
import { fakeAdapters } from '../support/twin-fixture.js';

const ORIGIN = 'https://twin.example.com';
const env = { CORS_ORIGINS: ORIGIN, TWIN_TRUST_PROXY: 'true' };
const JSON_HEADERS = { 'content-type': 'application/json', origin: ORIGIN };

let lambda: LambdaHandlers;
let metrics: InMemoryMetricsSink;
let flushes = 0;
let plain: Server;
let plainUrl: string;

beforeAll(async () => {
  metrics = new InMemoryMetricsSink();
  const flush = metrics.flush.bind(metrics);
  metrics.flush = async () => {
    flushes += 1;
    await flush();
  };
  lambda = createLambdaHandlers({
    config: () => testConfig(env),
    overrides: { ...fakeAdapters(), metrics },
    runtime: localStreamingRuntime,
  });
  // The same app over plain HTTP: what the Lambda answers must match it.
  plain = createApp(buildContainer(testConfig(env), fakeAdapters())).listen(0, '127.0.0.1');
  await new Promise((resolve) => plain.once('listening', resolve));
  plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await lambda.close();
  plain.closeAllConnections();
  await new Promise((resolve) => plain.close(resolve));
});

describe('API Gateway HTTP API handler (payload 2.0)', () => {
  it('answers GET /health as the app does over HTTP', async () => {
    const result = await lambda.handler(httpApiEvent('GET', '/health'));
    const overHttp = await fetch(`${plainUrl}/health`);
    expect(result.statusCode).toBe(200);
    expect(result.isBase64Encoded).toBe(false);
    expect(result.headers['content-type']).toBe(overHttp.headers.get('content-type'));
    expect(result.headers['x-content-type-options']).toBe('nosniff');
    // API Gateway's ids end in '=', which the app does not echo: it makes its own.
    expect(result.headers['x-request-id']).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
    const body = JSON.parse(result.body);
    expect(body.status).toBe('healthy');
    expect(Object.keys(body).sort()).toEqual(Object.keys((await overHttp.json()) as object).sort());
  });

  it('answers POST /chat with a reply and a new session id, and flushes metrics before returning', async () => {
    const before = flushes;
    const result = await lambda.handler(
      httpApiEvent('POST', '/chat', { headers: JSON_HEADERS, body: JSON.stringify({ message: 'Hello there' }) }),
    );
    expect(result.statusCode).toBe(200);
    const body = JSON.parse(result.body);
    expect(body.response).toBe('You said: Hello there');
    expect(body.session_id).toMatch(/^[A-Za-z0-9_-]{8,128}$/);
    expect(result.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(flushes).toBe(before + 1);
    expect(metrics.points.length).toBeGreaterThan(0);
  });

  it('decodes a base64 body, as API Gateway sends some bodies', async () => {
    const result = await lambda.handler(
      httpApiEvent('POST', '/chat', {
        headers: JSON_HEADERS,
        body: JSON.stringify({ message: 'ünïcödé 🙂' }),
        base64: true,
      }),
    );
    expect(JSON.parse(result.body).response).toBe('You said: ünïcödé 🙂');
  });

  it('answers an invalid body with the same 400 and error code as over HTTP, without internals', async () => {
    const bad = '{"message": 42';
    const result = await lambda.handler(httpApiEvent('POST', '/chat', { headers: JSON_HEADERS, body: bad }));
    const overHttp = await fetch(`${plainUrl}/chat`, { method: 'POST', headers: JSON_HEADERS, body: bad });
    expect(result.statusCode).toBe(400);
    expect(overHttp.status).toBe(400);
    const body = JSON.parse(result.body);
    expect(body.error.code).toBe(((await overHttp.json()) as { error: { code: string } }).error.code);
    expect(result.body).not.toMatch(/SyntaxError|at .*\.js|node_modules/);
  });

  it('answers a wrong-typed message with invalid_input', async () => {
    const result = await lambda.handler(
      httpApiEvent('POST', '/chat', { headers: JSON_HEADERS, body: JSON.stringify({ message: 42 }) }),
    );
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).error.code).toBe('invalid_input');
  });

  it('answers a CORS preflight from an allowed origin, and gives a stranger no CORS header', async () => {
    const preflight = (origin: string) =>
      httpApiEvent('OPTIONS', '/chat', {
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await lambda.handler(preflight(ORIGIN));
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(allowed.headers['access-control-allow-methods']).toContain('POST');
    expect(allowed.headers['access-control-allow-headers']?.toLowerCase()).toContain('content-type');
    const stranger = await lambda.handler(preflight('https://evil.example'));
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('passes the query string and path parameters through', async () => {
    const result = await lambda.handler(httpApiEvent('GET', '/conversation/not-a-real-session'));
    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body).error.code).toBe('not_found');
    const bad = await lambda.handler(httpApiEvent('GET', '/sessions', { query: 'limit=5' }));
    expect(bad.statusCode).toBe(401);
  });

  it('sends pages, images and documents with their content types', async () => {
    const page = await lambda.handler(httpApiEvent('GET', '/', { headers: { accept: 'text/html' } }));
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.isBase64Encoded).toBe(false);
    expect(page.body).toContain('<html');
    const icon = await lambda.handler(httpApiEvent('GET', '/static/favicon.svg'));
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    const json = await lambda.handler(httpApiEvent('GET', '/openapi.json'));
    expect(JSON.parse(json.body).openapi).toMatch(/^3\./);
  });

  it('echoes a Function URL style request id (a UUID) as X-Request-Id', async () => {
    const event = httpApiEvent('GET', '/health');
    const withUuid = {
      ...event,
      requestContext: { ...event.requestContext, requestId: '8d3a1c6e-2f4b-4e55-9f0a-1b2c3d4e5f60' },
    };
    const result = await lambda.handler(withUuid);
    expect(result.headers['x-request-id']).toBe('8d3a1c6e-2f4b-4e55-9f0a-1b2c3d4e5f60');
  });

  it('keeps the client address API Gateway saw, not one the client wrote', async () => {
    // With a per-IP limit of 1, a spoofed X-Forwarded-For must not buy a second message.
    const limited = createLambdaHandlers({
      config: () => testConfig({ ...env, TWIN_RATE_LIMIT_PER_MINUTE: '1' }),
      overrides: fakeAdapters(),
      runtime: localStreamingRuntime,
    });
    try {
      const send = (spoof: string) =>
        limited.handler(
          httpApiEvent('POST', '/chat', {
            headers: { ...JSON_HEADERS, 'x-forwarded-for': spoof },
            body: JSON.stringify({ message: 'hi' }),
            sourceIp: '198.51.100.7',
          }),
        );
      expect((await send('10.0.0.1')).statusCode).toBe(200);
      expect((await send('10.0.0.2')).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('Function URL streaming handler', () => {
  it('streams POST /chat/stream as server-sent events behind an HTTP prelude', async () => {
    const { stream, result } = recordingResponseStream();
    await lambda.streamHandler(
      httpApiEvent('POST', '/chat/stream', { headers: JSON_HEADERS, body: JSON.stringify({ message: 'Stream me' }) }),
      stream,
    );
    const streamed = await result();
    expect(streamed.prelude.statusCode).toBe(200);
    expect(streamed.prelude.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(streamed.prelude.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(streamed.prelude.headers['transfer-encoding']).toBeUndefined();
    const events = [...streamed.body.matchAll(/^event: (.*)$/gm)].map((match) => match[1]);
    expect(events[0]).toBe('session');
    expect(events).toContain('token');
    expect(events.at(-1)).toBe('done');
    const done = /event: done\ndata: (.*)\n/.exec(streamed.body)?.[1];
    expect(JSON.parse(done ?? '{}').response).toBe('You said: Stream me');
  });

  it('streams an error status with its JSON body when the request is invalid', async () => {
    const { stream, result } = recordingResponseStream();
    await lambda.streamHandler(
      httpApiEvent('POST', '/chat/stream', { headers: JSON_HEADERS, body: JSON.stringify({ message: '   ' }) }),
      stream,
    );
    const streamed = await result();
    expect(streamed.prelude.statusCode).toBe(400);
    expect(JSON.parse(streamed.body).error.code).toBe('invalid_input');
  });

  it('serves plain routes too, so the chat page can be opened from the stream URL', async () => {
    const { stream, result } = recordingResponseStream();
    await lambda.streamHandler(httpApiEvent('GET', '/health'), stream);
    const streamed = await result();
    expect(streamed.prelude.statusCode).toBe(200);
    expect(JSON.parse(streamed.body).status).toBe('healthy');
  });
});

describe('start-up failure', () => {
  it('answers 500 with a generic body, then starts once the cause is gone', async () => {
    let broken = true;
    const host = createLambdaHandlers({
      config: () => (broken ? testConfig({ PORT: 'not a port' }) : testConfig(env)),
      overrides: fakeAdapters(),
      runtime: localStreamingRuntime,
    });
    try {
      const failed = await host.handler(httpApiEvent('GET', '/health'));
      expect(failed.statusCode).toBe(500);
      expect(JSON.parse(failed.body).error.code).toBe('internal');
      expect(failed.body).not.toContain('PORT');
      broken = false;
      expect((await host.handler(httpApiEvent('GET', '/health'))).statusCode).toBe(200);
    } finally {
      await host.close();
    }
  });
});
