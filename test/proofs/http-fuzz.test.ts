import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import type { Container } from 'inversify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../src/adapters/memory/recording-logger.js';
import { loadConfig } from '../../src/app/config.js';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { releaseContainer } from '../../src/app/release-container.js';
import { samplePersonaDir } from '../support/sample-persona.js';

// At least 5,000 generated requests against the real app on the filesystem store, over a real
// socket (so raw bytes, invalid UTF-8 and odd headers reach the server as sent).
const RUNS = Number(process.env.TWIN_FUZZ_RUNS ?? 5000);
const personaDir = samplePersonaDir();
let root: string;
let dataDir: string;
let server: Server;
let port: number;
let container: Container;
const logger = new RecordingLogger();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'twin-fuzz-'));
  dataDir = join(root, 'data');
  const config = loadConfig({
    TWIN_DATA_DIR: dataDir,
    TWIN_PERSONA_DIR: personaDir,
    TWIN_MODEL: 'offline',
    TWIN_ADMIN_TOKEN: 'fuzz-admin-token',
    TWIN_RATE_LIMIT_PER_MINUTE: '0',
    TWIN_SESSION_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
  });
  container = buildContainer(config, { logger });
  server = createApp(container).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await releaseContainer(container);
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

function send(req: RawRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: req.path,
        headers: { ...req.headers, 'content-length': req.body.length },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

const json = fc.jsonValue({ maxDepth: 6 });
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(
    '../../etc/passwd',
    '..%2F..%2F',
    '\u0000',
    '\uD800',
    'a'.repeat(5000),
    '<script>alert(1)</script>',
    '{}',
    '',
  ),
);
const body = fc.oneof(
  json.map((v) => Buffer.from(JSON.stringify(v))),
  fc
    .record({ message: fc.oneof(nasty, json), session_id: fc.oneof(nasty, json, fc.constant(undefined)) })
    .map((v) => Buffer.from(JSON.stringify(v))),
  // OpenAI-shaped bodies for /v1: parameters of every type, inputs of every shape.
  fc
    .record(
      {
        model: fc.oneof(fc.constant('twin'), nasty),
        input: fc.oneof(nasty, json, fc.array(fc.record({ role: nasty, content: fc.oneof(nasty, json), type: nasty }))),
        messages: fc.oneof(json, fc.array(fc.record({ role: fc.constantFrom('user', 'assistant'), content: nasty }))),
        stream: fc.oneof(fc.boolean(), json),
        n: json,
        stop: fc.oneof(nasty, json, fc.array(nasty)),
        max_tokens: json,
        max_output_tokens: json,
        previous_response_id: fc.oneof(nasty, json),
        user: fc.oneof(nasty, json),
      },
      { requiredKeys: [] },
    )
    .map((v) => Buffer.from(JSON.stringify(v))),
  fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
  fc.constant(Buffer.from('{"message": "\xff\xfe invalid utf8"}', 'latin1')),
  fc.nat({ max: 200 }).map((depth) => Buffer.from(`${'['.repeat(depth * 50)}${']'.repeat(depth * 50)}`)),
  fc.constant(Buffer.alloc(70 * 1024, 0x61)),
);
const path = fc.oneof(
  fc.constantFrom(
    '/chat',
    '/chat/stream',
    '/',
    '/health',
    '/sessions',
    '/openapi.json',
    '/conversation/abcdefgh-1234',
    '/v1/chat/completions',
    '/v1/responses',
  ),
  fc.string({ maxLength: 60 }).map((s) => `/conversation/${encodeURIComponent(s)}`),
  fc.webPath(),
  fc.constantFrom(
    '/conversation/..%2F..%2Fetc%2Fpasswd',
    '/%2e%2e/%2e%2e/',
    '/chat?session_id=../../x',
    '/sessions?limit=-1&cursor=%00',
  ),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  '',
);
const rawRequest = fc.record({
  method: fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS', 'HEAD'),
  path,
  headers: fc.record(
    {
      'content-type': contentType,
      authorization: fc.oneof(
        fc.constant('Bearer fuzz-admin-token'),
        fc.string({ maxLength: 40 }).map((s) => `Bearer ${s.replace(/[^\x21-\x7e]/g, '')}`),
      ),
      origin: fc.constantFrom('http://localhost:3000', 'https://evil.example', 'null'),
      'x-request-id': fc.string({ maxLength: 50 }).map((s) => s.replace(/[^\x21-\x7e]/g, '')),
    },
    { requiredKeys: [] },
  ),
  body,
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('HTTP fuzzing', () => {
  it(`answers ${RUNS} generated requests without a 5xx, a crash or a file outside the data dir`, {
    timeout: 600_000,
  }, async () => {
    const statuses = new Map<number, number>();
    const heapBefore = process.memoryUsage().heapUsed;
    await fc.assert(
      fc.asyncProperty(rawRequest, async (req) => {
        const status = await send(req);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        expect(status).toBeGreaterThanOrEqual(200);
        expect(status).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
    // The server still answers normally after the storm.
    expect(await send({ method: 'GET', path: '/health', headers: {}, body: Buffer.alloc(0) })).toBe(200);
    expect(logger.entries.filter((e) => e.level === 'error')).toEqual([]);
    for (const file of await filesUnder(root)) expect(relative(dataDir, file).startsWith('..')).toBe(false);
    // Generous bound: the point is no unbounded growth per request (e.g. a leak of 100 KB each).
    global.gc?.();
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
    console.log('fuzz status histogram', Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])));
  });
});
