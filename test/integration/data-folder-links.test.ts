import { randomUUID } from 'node:crypto';
import { link, mkdir, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsAnalyticsStore } from '../../src/adapters/filesystem/fs-analytics-store.js';
import { FsConversationStore } from '../../src/adapters/filesystem/fs-conversation-store.js';
import { FsKnowledgeGapStore } from '../../src/adapters/filesystem/fs-knowledge-gap-store.js';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import type { MessageId, NewMessage, SessionId } from '../../src/domain/conversation/conversation.js';
import { gapAsked } from '../../src/domain/knowledge/knowledge-gaps.js';
import { testConfig } from '../support/http-fixture.js';
import { copySamplePersona } from '../support/sample-persona.js';

// The data folder's own files (a session's JSONL, meta and ratings, the analytics log and
// snapshot) are read and written only as regular files of their own. A symbolic link or a hard
// link planted at one of those names, even to a file holding valid content of that kind, is a
// store error (503 store_unavailable): the file elsewhere keeps its bytes, and its content never
// reaches a response.

const SECRET = 'OUTSIDE-SECRET-7c1f';
let root: string;
let dataDir: string;
let outside: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twin-data-links-'));
  dataDir = join(root, 'data');
  outside = join(root, 'outside.txt');
  await mkdir(join(dataDir, 'sessions'), { recursive: true });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

type Plant = (at: string) => Promise<void>;
const plants: Record<string, Plant> = {
  'a symbolic link to a file elsewhere': (at) => symlink(outside, at),
  'a hard link to a file elsewhere': (at) => link(outside, at),
};

const message = (n: number, content: string): NewMessage => ({
  id: `m-${n}` as MessageId,
  role: n % 2 === 1 ? 'user' : 'assistant',
  content,
  timestamp: new Date(n * 1000).toISOString(),
});

/** The files a session `id` holding `content` (with metadata and a rating) has on disk. */
async function sessionFilesHolding(id: SessionId, content: string): Promise<Record<string, string>> {
  const dir = join(root, `donor-${content}`);
  const store = new FsConversationStore({ dataDir: dir });
  await store.append(id, [message(1, content), message(2, content)], { metadata: { note: content } });
  await store.rate(id, {
    seq: 2,
    rating: 'down',
    comment: content,
    rated_at: new Date(3000).toISOString(),
    message_index: 1,
    question: content,
    answer: content,
    answered_at: new Date(2000).toISOString(),
    grounded: null,
    persona_version: null,
  });
  await store.close();
  const read = (suffix: string) => readFile(join(dir, 'sessions', `${id}${suffix}`), 'utf8');
  return {
    '.jsonl': await read('.jsonl'),
    '.meta.json': await read('.meta.json'),
    '.feedback.json': await read('.feedback.json'),
  };
}

describe.each(Object.entries(plants))('%s', (_kind, plant) => {
  it('at sessions/<id>.jsonl: append and load are refused, the outside file (valid JSONL) is untouched', async () => {
    const id = 'planted-jsonl' as SessionId;
    const original = (await sessionFilesHolding(id, SECRET))['.jsonl'] as string;
    await writeFile(outside, original);
    await plant(join(dataDir, 'sessions', `${id}.jsonl`));
    const store = new FsConversationStore({ dataDir });
    await expect(store.append(id, [message(1, 'mine')])).rejects.toMatchObject({ code: 'store_unavailable' });
    await expect(store.load(id)).rejects.toMatchObject({ code: 'store_unavailable' });
    await store.close();
    expect(await readFile(outside, 'utf8')).toBe(original);
    // The owner removes the planted name: the id starts afresh, without the outside text.
    await rm(join(dataDir, 'sessions', `${id}.jsonl`));
    const fresh = new FsConversationStore({ dataDir });
    await fresh.append(id, [message(1, 'mine')]);
    expect((await fresh.load(id))?.messages.map((m) => m.content)).toEqual(['mine']);
    await fresh.close();
    expect(await readFile(outside, 'utf8')).toBe(original);
  });

  for (const suffix of ['.meta.json', '.feedback.json']) {
    it(`at sessions/<id>${suffix} holding that session's valid data: refused, never read`, async () => {
      const id = 'planted-side' as SessionId;
      const own = await sessionFilesHolding(id, 'mine');
      const original = (await sessionFilesHolding(id, SECRET))[suffix] as string;
      await writeFile(outside, original);
      for (const [name, text] of Object.entries(own)) {
        if (name !== suffix) await writeFile(join(dataDir, 'sessions', `${id}${name}`), text);
      }
      await plant(join(dataDir, 'sessions', `${id}${suffix}`));
      const store = new FsConversationStore({ dataDir });
      await expect(store.load(id)).rejects.toMatchObject({ code: 'store_unavailable' });
      await store.close();
      expect(await readFile(outside, 'utf8')).toBe(original);
    });
  }
});

describe('retention', () => {
  it('skips a session refused for a planted link and still deletes the expired ones', async () => {
    await writeFile(outside, 'outside, must not change\n');
    const planted = Array.from({ length: 3 }, (_, n) => `planted-${n}` as SessionId);
    for (const id of planted) await symlink(outside, join(dataDir, 'sessions', `${id}.jsonl`));
    // Messages from 1970: long past one day's retention.
    const writer = new FsConversationStore({ dataDir });
    const expired = Array.from({ length: 3 }, (_, n) => `expired-${n}` as SessionId);
    for (const id of expired) await writer.append(id, [message(1, 'old')]);
    await writer.close();
    const store = new FsConversationStore({ dataDir, ttlDays: 1 });
    expect(await store.sweepExpired()).toBe(expired.length);
    await store.close();
    expect(await readFile(outside, 'utf8')).toBe('outside, must not change\n');
  });
});

describe('a session file the store keeps open', () => {
  it('replaced by a symbolic link, or given a second name, is no longer appended to', async () => {
    const id = 'kept-open' as SessionId;
    const jsonl = join(dataDir, 'sessions', `${id}.jsonl`);
    const store = new FsConversationStore({ dataDir });
    await store.append(id, [message(1, 'first')]);
    const elsewhere = join(root, 'second-name.jsonl');
    await link(jsonl, elsewhere);
    const shared = await readFile(elsewhere, 'utf8');
    await expect(store.append(id, [message(2, 'second')])).rejects.toMatchObject({ code: 'store_unavailable' });
    expect(await readFile(elsewhere, 'utf8')).toBe(shared);
    await writeFile(outside, 'outside, must not change\n');
    await rm(jsonl);
    await symlink(outside, jsonl);
    await expect(store.append(id, [message(2, 'second')])).rejects.toMatchObject({ code: 'store_unavailable' });
    await store.close();
    expect(await readFile(outside, 'utf8')).toBe('outside, must not change\n');
  });
});

describe.each(Object.entries(plants))('analytics: %s', (_kind, plant) => {
  const delta = { quarters: new Map([[5, { messages: 1 }]]), topics: new Map([['mine', 1]]) };
  const files = {
    'counters.0.log.jsonl': `${JSON.stringify({ b: [[5, { messages: 9 }]], t: [[SECRET, 9]] })}\n`,
    'counters.json': JSON.stringify({ generation: 0, quarters: [], topics: [[SECRET, 9]] }),
  };
  for (const [name, original] of Object.entries(files)) {
    it(`at analytics/${name} holding valid counters: adds and reads are refused, the file is untouched`, async () => {
      await writeFile(outside, original);
      await mkdir(join(dataDir, 'analytics'));
      await plant(join(dataDir, 'analytics', name));
      const store = new FsAnalyticsStore({ dataDir });
      await expect(store.topics()).rejects.toMatchObject({ code: 'store_unavailable' });
      await expect(store.add(delta)).rejects.toMatchObject({ code: 'store_unavailable' });
      expect(await readFile(outside, 'utf8')).toBe(original);
    });
  }
});

describe('over HTTP', () => {
  it('a visitor whose UUID names a planted link gets 503 store_unavailable, never the outside text', async () => {
    const id = randomUUID();
    const original = (await sessionFilesHolding(id as SessionId, SECRET))['.jsonl'] as string;
    await writeFile(outside, original);
    await symlink(outside, join(dataDir, 'sessions', `${id}.jsonl`));
    const config = testConfig({
      TWIN_STORE: 'filesystem',
      TWIN_DATA_DIR: dataDir,
      TWIN_PERSONA_DIR: copySamplePersona(root),
    });
    const request = supertest(createApp(buildContainer(config)).callback());
    const chat = await request.post('/chat').send({ message: 'Where are you based?', session_id: id });
    const read = await request.get(`/conversation/${id}`);
    for (const response of [chat, read]) {
      expect(response.status).toBe(503);
      expect(response.body.error.code).toBe('store_unavailable');
      expect(response.text).not.toContain(SECRET);
    }
    expect(await readFile(outside, 'utf8')).toBe(original);
  });
});

describe('sessions/ swapped for a link after a turn', () => {
  it('the meta written a moment later is not written through the link', async () => {
    const store = new FsConversationStore({ dataDir, metaDelayMs: 60_000 });
    const id = randomUUID() as SessionId;
    await store.append(id, [message(1, 'hello'), message(2, 'hi')]);
    const elsewhere = join(root, 'elsewhere');
    await mkdir(elsewhere);
    await rename(join(dataDir, 'sessions'), join(dataDir, 'sessions.real'));
    await symlink(elsewhere, join(dataDir, 'sessions'));
    await store.close(); // writes the deferred meta now
    expect(await readdir(elsewhere)).toEqual([]);
  });
});

describe("a purge while the analytics files are not the store's own", () => {
  it.each([
    ['the snapshot is a symbolic link', (dir: string) => symlink(outside, join(dir, 'counters.json'))],
    [
      'the folder is a symbolic link',
      async (dir: string) => {
        await rm(dir, { recursive: true });
        await mkdir(join(root, 'elsewhere'));
        await symlink(join(root, 'elsewhere'), dir);
      },
    ],
  ])('%s: 503 before anything is deleted; once mended, the purge runs', async (_label, plant) => {
    await writeFile(outside, JSON.stringify({ generation: 0, quarters: [], topics: [] }));
    const config = testConfig({
      TWIN_STORE: 'filesystem',
      TWIN_DATA_DIR: dataDir,
      TWIN_PERSONA_DIR: copySamplePersona(root),
    });
    const request = supertest(createApp(buildContainer(config)).callback());
    const chat = await request.post('/chat').send({ message: 'Where are you based?' }).expect(200);
    const id = chat.body.session_id as string;
    await request.get('/analytics').set('Authorization', `Bearer ${config.adminToken}`).expect(200);
    const analytics = join(dataDir, 'analytics');
    const kept = await readdir(analytics);
    await rm(join(analytics, 'counters.json'), { force: true });
    await plant(analytics);
    const refused = await request.delete(`/conversation/${id}?purge=true`);
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('store_unavailable');
    expect((await request.get(`/conversation/${id}`).expect(200)).body.messages).toHaveLength(2);
    // Mended: a folder of its own again, without the planted link.
    await rm(analytics, { recursive: true, force: true });
    await mkdir(analytics);
    expect(kept.length).toBeGreaterThan(0);
    await request.delete(`/conversation/${id}?purge=true`).expect(204);
    await request.get(`/conversation/${id}`).expect(404);
  });
});

describe.each(Object.entries(plants))('knowledge gaps and leads: %s', (_kind, plant) => {
  it('at knowledge-gaps.json holding a valid gap: reads are refused and the outside file never read', async () => {
    const donor = join(root, 'donor-gaps');
    await mkdir(donor);
    await new FsKnowledgeGapStore({ dataDir: donor }).recordAsked(gapAsked(`${SECRET}?`, new Date(0)));
    await writeFile(outside, await readFile(join(donor, 'knowledge-gaps.json')));
    const before = await readFile(outside);
    await plant(join(dataDir, 'knowledge-gaps.json'));
    const gaps = new FsKnowledgeGapStore({ dataDir });
    const listed = await gaps.list().then(
      (list) => JSON.stringify(list),
      (error: unknown) => (error as Error).name,
    );
    expect(listed).toBe('StoreUnavailable');
    expect(await readFile(outside)).toEqual(before);
  });
});

describe('a folder of the data folder replaced by a link to a folder elsewhere', () => {
  it('sessions/: no session is read from or written to the folder elsewhere', async () => {
    const id = randomUUID() as SessionId;
    const elsewhere = join(root, 'elsewhere');
    await mkdir(elsewhere);
    const planted = (await sessionFilesHolding(id, SECRET))['.jsonl'] as string;
    await writeFile(join(elsewhere, `${id}.jsonl`), planted);
    await rm(join(dataDir, 'sessions'), { recursive: true });
    await symlink(elsewhere, join(dataDir, 'sessions'));
    const store = new FsConversationStore({ dataDir });
    await expect(store.load(id)).rejects.toMatchObject({ code: 'store_unavailable' });
    await expect(store.append(randomUUID() as SessionId, [message(1, 'hello')])).rejects.toMatchObject({
      code: 'store_unavailable',
    });
    expect(await readFile(join(elsewhere, `${id}.jsonl`), 'utf8')).toBe(planted);
    expect(await readdir(elsewhere)).toEqual([`${id}.jsonl`]);
  });

  it('analytics/: counters are neither read from nor appended to the folder elsewhere', async () => {
    const elsewhere = join(root, 'elsewhere-analytics');
    await mkdir(elsewhere);
    await writeFile(join(elsewhere, 'counters.0.log.jsonl'), `${SECRET}\n`);
    await symlink(elsewhere, join(dataDir, 'analytics'));
    const analytics = new FsAnalyticsStore({ dataDir });
    await expect(analytics.buckets()).rejects.toThrow();
    expect(await readFile(join(elsewhere, 'counters.0.log.jsonl'), 'utf8')).toBe(`${SECRET}\n`);
  });
});
