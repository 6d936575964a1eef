import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { FakeOpenAiServer, reply } from '../support/fake-openai-server.js';
import { samplePersonaDir } from '../support/sample-persona.js';

// The app as configured from the environment: filesystem store, sample persona, and either the
// offline model or the OpenAI adapter talking to a local OpenAI-compatible server.
const personaDir = samplePersonaDir();
let root: string;
let dataDir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twin-app-'));
  dataDir = join(root, 'data');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

function appFor(env: Record<string, string>) {
  const config = loadConfig({
    TWIN_DATA_DIR: dataDir,
    TWIN_PERSONA_DIR: personaDir,
    TWIN_ADMIN_TOKEN: 'admin-token-for-tests',
    LOG_LEVEL: 'silent',
    ...env,
  });
  return createApp(buildContainer(config)).callback();
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('filesystem store and offline model, from config', () => {
  it('answers from the sample persona and keeps the conversation on disk', async () => {
    const app = appFor({ TWIN_MODEL: 'offline' });
    const first = await request(app).post('/chat').send({ message: 'How can I contact you?' }).expect(200);
    expect(first.body.grounded).toBe(true);
    expect(first.body.response).toContain('@');
    const reloaded = appFor({ TWIN_MODEL: 'offline' });
    const conversation = await request(reloaded).get(`/conversation/${first.body.session_id}`).expect(200);
    expect(conversation.body.messages).toHaveLength(2);
  });

  it('counts a chat in the analytics as soon as it is answered, and on disk for the next process', async () => {
    // Counter writes are batched after the answer (BatchedAnalyticsStore); a read writes them first.
    const app = appFor({ TWIN_MODEL: 'offline' });
    const admin = { Authorization: 'Bearer admin-token-for-tests' };
    await request(app).post('/chat').send({ message: 'Where are you based?' }).expect(200);
    expect((await request(app).get('/analytics').set(admin).expect(200)).body.total_messages).toBe(2);
    const next = appFor({ TWIN_MODEL: 'offline' });
    expect((await request(next).get('/analytics').set(admin).expect(200)).body.total_messages).toBe(2);
  });

  it('gives hostile session ids a server-issued id and writes nothing outside the data dir', async () => {
    const app = appFor({ TWIN_MODEL: 'offline' });
    const hostile = [
      '../../etc/passwd',
      '..%2F..%2Fescape',
      'a/b',
      '',
      'x'.repeat(129),
      '..\\..\\win',
      '.hidden-file',
      '../../../../../../../../tmp/x',
    ];
    for (const session_id of hostile) {
      const res = await request(app).post('/chat').send({ message: 'hi', session_id });
      expect(res.status).toBe(200);
      expect(res.body.session_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    for (const raw of ['..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2fx', 'a%00b-cdefgh']) {
      expect((await request(app).get(`/conversation/${raw}`)).status).toBe(404);
      expect((await request(app).delete(`/conversation/${raw}`)).status).toBe(404);
    }
    await request(app)
      .post('/chat')
      .send({ message: 'hi', session_id: 'b174bab3-5936-47e9-a7bb-87ef16746b76' })
      .expect(200);
    const everything = await filesUnder(root);
    expect(everything.length).toBeGreaterThan(0);
    for (const file of everything) expect(relative(dataDir, file).startsWith('..')).toBe(false);
  });
});

describe('OpenAI adapter against a local OpenAI-compatible server, from config', () => {
  let fake: FakeOpenAiServer;

  beforeAll(async () => {
    fake = await FakeOpenAiServer.start();
  });

  afterAll(async () => {
    await fake.close();
  });

  const env = () => ({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: 'local-model' });

  it('sends the persona system prompt first and the history after it', async () => {
    const app = appFor(env());
    fake.enqueue(reply.text('Lisbon it is.'), reply.text('Eleven years.'));
    const first = await request(app).post('/chat').send({ message: 'Where are you?' }).expect(200);
    await request(app).post('/chat').send({ message: 'Experience?', session_id: first.body.session_id }).expect(200);
    const last = fake.requests.at(-1)?.body;
    expect(last?.model).toBe('local-model');
    expect(last?.messages[0]?.role).toBe('system');
    expect(last?.messages[0]?.content).toContain('Oriel');
    expect(last?.messages.slice(1).map((m) => m.content)).toEqual(['Where are you?', 'Lisbon it is.', 'Experience?']);
  });

  it('turns a 429 into 503 model_unavailable with Retry-After, keeping the question', async () => {
    const app = appFor({ ...env(), OPENAI_MAX_RETRIES: '0' });
    fake.enqueue(reply.error(429, 'Rate limit reached for org-secret', { 'retry-after': '3' }));
    const res = await request(app)
      .post('/chat')
      .send({ message: 'Still there?', session_id: '63ac93c6-74ea-4c52-a4cb-56cb3f425358' })
      .expect(503);
    expect(res.body.error.code).toBe('model_unavailable');
    expect(res.headers['retry-after']).toBe('3');
    expect(JSON.stringify(res.body)).not.toContain('org-secret');
    const stored = await request(app).get('/conversation/63ac93c6-74ea-4c52-a4cb-56cb3f425358').expect(200);
    expect(stored.body.messages.map((m: { content: string }) => m.content)).toEqual(['Still there?']);
  });
});
