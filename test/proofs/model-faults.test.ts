import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Container } from 'inversify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { releaseContainer } from '../../src/app/release-container.js';
import { chunk, type FakeHandler, FakeOpenAiServer, reply, sse, startSse } from '../support/fake-openai-server.js';
import { samplePersonaDir } from '../support/sample-persona.js';

// A local OpenAI-compatible server misbehaves in every way we know; every request must end in
// an answer or a 503 with Retry-After, the question must be kept, and the twin must stay healthy.
const personaDir = samplePersonaDir();
let fake: FakeOpenAiServer;
let root: string;
let container: Container;
let app: ReturnType<ReturnType<typeof createApp>['callback']>;

const faults: Record<string, FakeHandler> = {
  ok: reply.text('A fine answer.'),
  rateLimited: reply.error(429, 'slow down', { 'retry-after': '2' }),
  serverError: reply.error(500, 'internal kaboom at 10.1.2.3'),
  badGateway: ({ res }) => {
    res.writeHead(502, { 'content-type': 'text/html' }).end('<html>bad gateway</html>');
  },
  garbageJson: ({ res }) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"choices": [ this is not json');
  },
  slowFirstToken: async (exchange) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    await reply.text('Worth the wait.')(exchange);
  },
  truncatedStream: ({ request: req, res }) => {
    if (!req.body.stream) {
      res.destroy();
      return;
    }
    startSse(res);
    void sse(res, chunk(req.body.model, { content: 'Half an ' }));
    res.end();
  },
  hangUp: ({ res }) => {
    res.destroy();
  },
};

beforeAll(async () => {
  fake = await FakeOpenAiServer.start();
  root = await mkdtemp(join(tmpdir(), 'twin-faults-'));
  const config = loadConfig({
    TWIN_DATA_DIR: join(root, 'data'),
    TWIN_PERSONA_DIR: personaDir,
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: fake.baseURL,
    OPENAI_MAX_RETRIES: '0',
    OPENAI_TIMEOUT_MS: '2000',
    TWIN_ADMIN_TOKEN: 'faults-admin-token',
    TWIN_RATE_LIMIT_PER_MINUTE: '0',
    TWIN_SESSION_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
  });
  container = buildContainer(config);
  app = createApp(container).callback();
});

afterAll(async () => {
  await fake.close();
  // Batched counters and deferred metadata writes land before the folder goes (ENOTEMPTY otherwise).
  await releaseContainer(container);
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

describe('model faults', () => {
  const names = Object.keys(faults);

  it.each(names.flatMap((name) => [[name, 'plain'] as const, [name, 'stream'] as const]))(
    '%s (%s) ends in an answer or a 503 with Retry-After, keeping the question',
    async (name, mode) => {
      fake.enqueue(faults[name] as FakeHandler);
      const session_id = randomUUID(); // a fresh conversation per fault and mode
      const question = `Question during ${name}`;
      if (mode === 'plain') {
        const res = await request(app).post('/chat').send({ message: question, session_id });
        if (res.status === 200) expect(res.body.response.length).toBeGreaterThan(0);
        else {
          expect(res.status).toBe(503);
          expect(res.body.error.code).toBe('model_unavailable');
          expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
          expect(JSON.stringify(res.body)).not.toMatch(/kaboom|10\.1\.2\.3|not json/);
        }
      } else {
        const res = await request(app).post('/chat/stream').send({ message: question, session_id }).buffer(true);
        expect(res.status).toBe(200);
        const events = [...res.text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
        expect(events[0]).toBe('session');
        expect(['done', 'error']).toContain(events.at(-1));
        if (events.at(-1) === 'error') expect(res.text).toContain('model_unavailable');
      }
      const stored = await request(app).get(`/conversation/${session_id}`).expect(200);
      expect(stored.body.messages[0].content).toBe(question);
    },
  );

  it('stays healthy and answers normally afterwards', async () => {
    await request(app).get('/health').expect(200);
    fake.enqueue(faults.ok as FakeHandler);
    const res = await request(app).post('/chat').send({ message: 'All good now?' }).expect(200);
    expect(res.body.response).toBe('A fine answer.');
  });
});
