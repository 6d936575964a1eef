import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { FsConversationStore } from '../../src/adapters/filesystem/fs-conversation-store.js';
import { FixedClock } from '../../src/adapters/memory/fixed-clock.js';
import { InMemoryConversationStore } from '../../src/adapters/memory/in-memory-conversation-store.js';
import type { SessionId } from '../../src/domain/conversation/conversation.js';
import { everyConversation } from '../../src/domain/conversation/export-formats.js';
import type { ConversationStore } from '../../src/ports/conversation-store.js';
import { runTwin, spawnTwin } from '../support/cli.js';
import { ADMIN_TOKEN, appWith } from '../support/http-fixture.js';
import { answerRecord, storeTurn } from '../support/rated-conversations.js';

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const SESSION = 'af80a584-7a64-4d16-a571-945d97bfe7bc' as SessionId;

async function twinWithConversation() {
  const twin = appWith();
  const { store, clock } = twin.adapters;
  await storeTurn(store, undefined, clock, SESSION, 'Where is the lighthouse?', 'On the **cliff**.', answerRecord());
  await storeTurn(
    store,
    undefined,
    clock,
    SESSION,
    'Line one\nline two?',
    'Two lines, yes.',
    answerRecord({ grounded: false }),
  );
  await request(twin.server)
    .post(`/conversation/${SESSION}/feedback`)
    .send({ message_index: 1, rating: 'down', comment: 'Which cliff?' })
    .expect(204);
  return twin;
}

describe('GET /conversation/:session_id/export', () => {
  it('downloads the conversation as Markdown by default, as an attachment', async () => {
    const { server } = await twinWithConversation();
    const res = await request(server).get(`/conversation/${SESSION}/export`).expect(200);
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="conversation-${SESSION}.md"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain("# Conversation with Noor's AI twin");
    expect(res.text).toContain('**You** · 2026-03-04 05:06 UTC\n\nWhere is the lighthouse?');
    expect(res.text).toContain(
      "**Noor's AI twin** · 2026-03-04 05:06 UTC · rated 👎\n\nOn the **cliff**.\n\n> Your comment: Which cliff?",
    );
    expect(res.text).toContain('Line one\nline two?');
  });

  it('downloads JSON with what was said, when, and the visitor’s ratings, nothing internal', async () => {
    const { server } = await twinWithConversation();
    const res = await request(server).get(`/conversation/${SESSION}/export?format=json`).expect(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="conversation-${SESSION}.json"`);
    const body = JSON.parse(res.text);
    expect(body.session_id).toBe(SESSION);
    expect(body.messages).toHaveLength(4);
    expect(body.messages[1]).toEqual({
      index: 1,
      role: 'assistant',
      content: 'On the **cliff**.',
      timestamp: expect.any(String),
      rating: { rating: 'down', comment: 'Which cliff?', rated_at: expect.any(String) },
    });
    expect(body).not.toHaveProperty('metadata');
    expect(res.text).not.toContain('persona_version');
  });

  it('404s an unknown conversation and 400s a bad format or id', async () => {
    const { server } = await twinWithConversation();
    expect((await request(server).get('/conversation/no-such-session-1/export')).status).toBe(404);
    expect((await request(server).get(`/conversation/${SESSION}/export?format=pdf`)).status).toBe(400);
    // A malformed id names no conversation, like a guessable one.
    expect((await request(server).get('/conversation/bad!id/export')).status).toBe(404);
  });
});

describe('GET /analytics/export', () => {
  it('streams every visible conversation as NDJSON for the owner only', async () => {
    const { server, adapters } = await twinWithConversation();
    for (let i = 0; i < 5; i++) {
      await storeTurn(
        adapters.store,
        undefined,
        adapters.clock,
        `0e5d7c2b-9a41-4f6e-8b3d-1c7a5e9f${String(i).padStart(4, '0')}` as SessionId,
        `q${i}`,
        `a${i}`,
      );
    }
    await request(server).delete('/conversation/0e5d7c2b-9a41-4f6e-8b3d-1c7a5e9f0002').expect(204);
    await request(server).get('/analytics/export').expect(401);
    const res = await request(server).get('/analytics/export').set(admin).expect(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="conversations.ndjson"');
    const lines = res.text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(5);
    expect(lines.map((l) => l.session_id)).not.toContain('0e5d7c2b-9a41-4f6e-8b3d-1c7a5e9f0002');
    const rated = lines.find((l) => l.session_id === SESSION);
    // The owner's export keeps the answer records and metadata.
    expect(rated.metadata).toEqual({});
    expect(rated.messages[1].answer).toEqual(answerRecord());
    expect(rated.messages[1].rating.rating).toBe('down');
  });

  it('exports an empty store as an empty body', async () => {
    const res = await request(appWith().server).get('/analytics/export').set(admin).expect(200);
    expect(res.text).toBe('');
  });
});

describe('everyConversation', () => {
  it('pages through listSessions 100 at a time when a store cannot stream (DynamoDB)', async () => {
    const inner = new InMemoryConversationStore();
    const clock = new FixedClock();
    for (let i = 0; i < 230; i++) {
      await storeTurn(inner, undefined, clock, `paged-${String(i).padStart(6, '0')}` as SessionId, 'q', 'a');
    }
    const pages: number[] = [];
    const pagedOnly: ConversationStore = {
      append: (...args) => inner.append(...args),
      load: (...args) => inner.load(...args),
      listSessions: async (page) => {
        pages.push(page.limit);
        return inner.listSessions(page);
      },
      softDelete: (id) => inner.softDelete(id),
      purge: (id) => inner.purge(id),
    };
    const seen = new Set<string>();
    for await (const conversation of everyConversation(pagedOnly)) seen.add(conversation.session.session_id);
    expect(seen.size).toBe(230);
    expect(pages).toEqual([100, 100, 100]);
  });
});

describe('twin export', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true, maxRetries: 5 })));
  });

  it('writes every conversation as NDJSON to a file, or to stdout', { timeout: 60_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'twin-export-'));
    dirs.push(dataDir);
    const store = new FsConversationStore({ dataDir });
    const clock = new FixedClock();
    for (let i = 0; i < 3; i++) {
      await storeTurn(
        store,
        undefined,
        clock,
        `cli-export-${String(i).padStart(6, '0')}` as SessionId,
        `Question ${i}`,
        `Answer ${i}`,
      );
    }
    await store.close();
    const env = {
      TWIN_STORE: 'filesystem',
      TWIN_DATA_DIR: dataDir,
      TWIN_PERSONA_DIR: 'persona',
      TWIN_MODEL: 'offline',
    };
    const output = join(dataDir, 'all.ndjson');

    const toFile = await runTwin(['export', '--output', output], { env, timeoutMs: 50_000 });
    expect(toFile.code).toBe(0);
    expect(toFile.stderr).toContain(`Exported 3 conversations (6 messages) to ${output}.`);
    const lines = (await readFile(output, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.session_id).sort()).toEqual([
      'cli-export-000000',
      'cli-export-000001',
      'cli-export-000002',
    ]);
    expect(lines[0].messages[1].answer).toEqual(answerRecord());

    const toStdout = await runTwin(['export'], { env, timeoutMs: 50_000 });
    expect(toStdout.code).toBe(0);
    expect(toStdout.stdout.trimEnd().split('\n')).toHaveLength(3);
  });
  it('stops quietly, exit 0, when its reader leaves early (`twin export | head -1`)', { timeout: 60_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'twin-export-pipe-'));
    dirs.push(dataDir);
    const store = new FsConversationStore({ dataDir });
    const clock = new FixedClock();
    // More than a pipe holds (64 KB), so the export is still writing when the reader leaves.
    const long = 'x'.repeat(2_000);
    for (let i = 0; i < 80; i++) {
      await storeTurn(
        store,
        undefined,
        clock,
        `cli-pipe-${String(i).padStart(6, '0')}` as SessionId,
        `Q ${i} ${long}`,
        `A ${long}`,
      );
    }
    await store.close();
    const child = spawnTwin(['export'], { TWIN_STORE: 'filesystem', TWIN_DATA_DIR: dataDir, TWIN_MODEL: 'offline' });
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    const firstLine = await new Promise<string>((resolve) => {
      let seen = '';
      child.stdout?.on('data', (chunk) => {
        seen += chunk;
        if (seen.includes('\n')) {
          child.stdout?.destroy();
          resolve(seen.slice(0, seen.indexOf('\n')));
        }
      });
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(JSON.parse(firstLine).session_id).toMatch(/^cli-pipe-/);
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|Error/);
  });
});
