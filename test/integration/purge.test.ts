import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createConversationTable } from '../../src/adapters/dynamodb/create-table.js';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { type LocalDynamo, startDynalite } from '../support/dynalite.js';
import { localClients } from '../support/dynamo-tables.js';
import { ADMIN_TOKEN, testConfig } from '../support/http-fixture.js';
import { motoAvailable, startMoto } from '../support/moto.js';
import { copySamplePersona } from '../support/sample-persona.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const QUESTION = 'Do you own a zebracorn named Quixotic?';
const EMAIL = 'purge.me.4217@example.org';
const OTHER_QUESTION = 'Do you keep bees on the roof?';
const OWNED_QUESTION = 'Where are you based?';

/** Everything a store holds, as text: file names and contents, or every item of the table. */
type Dump = () => Promise<string>;

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'twin-purge-'));
  copySamplePersona(root);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

function appFor(env: Record<string, string>) {
  const config = testConfig({
    TWIN_MODEL: 'offline',
    TWIN_PERSONA_DIR: join(root, 'persona'),
    // Budgets and limits on, so their per-session counters exist and must go too.
    TWIN_SESSION_TOKEN_BUDGET: '1000000',
    TWIN_SESSION_RATE_LIMIT_PER_MINUTE: '1000',
    ...env,
  });
  return createApp(buildContainer(config)).callback();
}

/** A visitor asks something the persona cannot answer and leaves an e-mail; another visitor asks something else. */
async function visit(app: ReturnType<typeof appFor>) {
  const request = supertest(app);
  const first = await request.post('/chat').send({ message: QUESTION }).expect(200);
  const sessionId: string = first.body.session_id;
  expect(first.body.grounded).toBe(false);
  await request
    .post('/chat')
    .send({ message: `Please reach me at ${EMAIL}`, session_id: sessionId })
    .expect(200);
  // A rating, whose comment repeats the question, is part of the conversation too.
  await request
    .post(`/conversation/${sessionId}/feedback`)
    .send({ message_index: 1, rating: 'down', comment: QUESTION })
    .expect(204);
  // An answer the visitor disliked, which the owner turns into a gap: the question is the visitor's words.
  const owned = await request.post('/chat').send({ message: OWNED_QUESTION, session_id: sessionId }).expect(200);
  expect(owned.body.grounded).toBe(true);
  await request.post(`/conversation/${sessionId}/feedback`).send({ message_index: 5, rating: 'down' }).expect(204);
  await request
    .post(`/analytics/feedback/${sessionId}/5/knowledge-gap`)
    .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
    .expect(201);
  await request.post('/chat').send({ message: OTHER_QUESTION }).expect(200);
  const gaps = await request.get('/analytics/knowledge-gaps').set('Authorization', `Bearer ${ADMIN_TOKEN}`);
  expect(gaps.body.gaps.map((g: { question: string }) => g.question).sort()).toEqual(
    [OTHER_QUESTION, OWNED_QUESTION, QUESTION].sort(),
  );
  const leads = await request.get('/analytics/leads').set('Authorization', `Bearer ${ADMIN_TOKEN}`);
  expect(leads.body.leads.map((l: { email: string }) => l.email)).toEqual([EMAIL]);
  return sessionId;
}

function tracesIn(text: string, sessionId: string): string[] {
  return [sessionId, EMAIL, QUESTION, 'zebracorn', 'quixotic', 'Quixotic'].filter((needle) => text.includes(needle));
}

function purgeScenarios(name: string, make: () => Promise<{ app: ReturnType<typeof appFor>; dump: Dump }>) {
  describe(`purge on ${name}`, () => {
    it.each([
      ['a live conversation', false],
      ['a soft-deleted conversation', true],
    ])('removes every trace of %s from every store', async (_label, softFirst) => {
      const { app, dump } = await make();
      const sessionId = await visit(app);
      // The test could fail: before the purge every trace is there.
      expect(tracesIn(await dump(), sessionId)).toEqual(expect.arrayContaining([sessionId, EMAIL, QUESTION]));

      if (softFirst) await supertest(app).delete(`/conversation/${sessionId}`).expect(204);
      await supertest(app).delete(`/conversation/${sessionId}?purge=true`).expect(204);

      expect(tracesIn(await dump(), sessionId)).toEqual([]);
      await supertest(app).get(`/conversation/${sessionId}`).expect(404);
      await supertest(app).delete(`/conversation/${sessionId}?purge=true`).expect(404);
      // Only that conversation went: the other visitor's gap and the counters of their messages stay.
      const gaps = await supertest(app).get('/analytics/knowledge-gaps').set('Authorization', `Bearer ${ADMIN_TOKEN}`);
      expect(gaps.body.gaps.map((g: { question: string }) => g.question)).toEqual([OTHER_QUESTION]);
      const analytics = await supertest(app).get('/analytics').set('Authorization', `Bearer ${ADMIN_TOKEN}`);
      expect(analytics.body.total_sessions).toBe(1);
      expect(JSON.stringify(analytics.body)).not.toMatch(/zebracorn|quixotic/i);
      expect(JSON.stringify(analytics.body)).toMatch(/bees|roof/);
    });
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

let counter = 0;
purgeScenarios('the filesystem store', async () => {
  const dataDir = join(root, `data-${++counter}`);
  return {
    app: appFor({ TWIN_STORE: 'filesystem', TWIN_DATA_DIR: dataDir }),
    dump: async () => {
      const files = await filesUnder(dataDir);
      const texts = await Promise.all(files.map(async (file) => `${file}\n${await readFile(file, 'utf8')}`));
      return texts.join('\n');
    },
  };
});

function dynamoScenarios(label: string, start: () => Promise<LocalDynamo>) {
  let server: LocalDynamo;
  let clients: ReturnType<typeof localClients>;
  beforeAll(async () => {
    server = await start();
    clients = localClients(server.endpoint);
  });
  afterAll(async () => {
    clients.raw.destroy();
    clients.doc.destroy();
    await server.stop();
  });
  purgeScenarios(label, async () => {
    const tableName = `purge-${process.pid}-${++counter}`;
    await createConversationTable(clients.raw, { tableName, maxWaitSeconds: 30 });
    return {
      app: appFor({
        TWIN_STORE: 'dynamodb',
        DYNAMODB_ENDPOINT: server.endpoint,
        DYNAMODB_TABLE_NAME: tableName,
        AWS_REGION: 'us-east-1',
      }),
      dump: async () => {
        const items: unknown[] = [];
        let ExclusiveStartKey: Record<string, unknown> | undefined;
        do {
          const page = await clients.doc.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
          items.push(...(page.Items ?? []));
          ExclusiveStartKey = page.LastEvaluatedKey;
        } while (ExclusiveStartKey);
        return JSON.stringify(items, (_key, value) => (value instanceof Set ? [...value] : value));
      },
    };
  });
}

describe('on dynalite', () => dynamoScenarios('DynamoDB (dynalite)', startDynalite));
describe.runIf(motoAvailable())('on moto', () => dynamoScenarios('DynamoDB (moto)', startMoto));
