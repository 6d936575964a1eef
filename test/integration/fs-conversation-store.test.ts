import { appendFile, copyFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsConversationStore } from '../../src/adapters/filesystem/fs-conversation-store.js';
import { FixedClock } from '../../src/adapters/memory/fixed-clock.js';
import type { MessageId, NewMessage, SessionId } from '../../src/domain/conversation/conversation.js';

// These tests restart the store by building a fresh instance over the same directory,
// never by running two instances at once: one process owns a data dir, and two live
// instances are not required to coordinate their seqs (the lock is in-process only).

let root: string;
let dataDir: string;
let counter = 0;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twin-fs-store-'));
  dataDir = join(root, 'data');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

function at(seconds: number): string {
  return new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString();
}

function message(content: string, seconds = 0): NewMessage {
  counter += 1;
  return { id: `m-${counter}` as MessageId, role: 'user', content, timestamp: at(seconds) };
}

const session = (name: string) => `session-${name}` as SessionId;
const jsonlPath = (id: SessionId) => join(dataDir, 'sessions', `${id}.jsonl`);
const metaPath = (id: SessionId) => join(dataDir, 'sessions', `${id}.meta.json`);

async function jsonlLines(id: SessionId): Promise<unknown[]> {
  const text = await readFile(jsonlPath(id), 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line));
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => !e.isDirectory()).map((e) => join(e.parentPath, e.name));
}

describe('FsConversationStore on disk', () => {
  it('keeps one JSON line per message and a meta file per session', async () => {
    const store = new FsConversationStore({ dataDir });
    const id = session('layout01');
    await store.append(id, [message('a', 1), message('b\nwith a newline', 2)], { metadata: { channel: 'web' } });

    expect(await jsonlLines(id)).toEqual([
      expect.objectContaining({ seq: 1, content: 'a' }),
      expect.objectContaining({ seq: 2, content: 'b\nwith a newline' }),
    ]);
    const meta = JSON.parse(await readFile(metaPath(id), 'utf8'));
    expect(meta).toMatchObject({
      session_id: id,
      created_at: at(1),
      last_updated: at(2),
      message_count: 2,
      metadata: { channel: 'web' },
      deleted_at: null,
    });
  });

  it('skips a torn last line on load and cuts it off on the next append', async () => {
    const id = session('torn0001');
    await new FsConversationStore({ dataDir }).append(id, [message('one', 1), message('two', 2)]);
    // A crash mid-append: half a line, ending inside a multi-byte character.
    const half = Buffer.from('{"id":"m-x","seq":3,"role":"user","content":"half 🌍', 'utf8');
    await appendFile(jsonlPath(id), half.subarray(0, half.length - 2));

    const restarted = new FsConversationStore({ dataDir });
    const loaded = await restarted.load(id);
    expect(loaded?.messages.map((m) => m.content)).toEqual(['one', 'two']);
    expect(loaded?.session.message_count).toBe(2);
    expect((await restarted.listSessions({ limit: 10 })).items[0]?.message_count).toBe(2);

    const [next] = await restarted.append(id, [message('three', 3)]);
    expect(next?.seq).toBe(3);
    expect((await jsonlLines(id)).map((line) => (line as { content: string }).content)).toEqual([
      'one',
      'two',
      'three',
    ]);
    const again = await new FsConversationStore({ dataDir }).load(id);
    expect(again?.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('treats an unparseable last line as torn even when it ends in a newline', async () => {
    const id = session('torn0002');
    await new FsConversationStore({ dataDir }).append(id, [message('kept', 1)]);
    await appendFile(jsonlPath(id), '\u0000\u0000{"id":\n');

    const restarted = new FsConversationStore({ dataDir });
    expect((await restarted.load(id))?.messages.map((m) => m.content)).toEqual(['kept']);
    await restarted.append(id, [message('after', 2)]);
    expect(await jsonlLines(id)).toHaveLength(2);
  });

  it('survives a session whose only line is torn, as if it had never started', async () => {
    const id = session('torn0003');
    await new FsConversationStore({ dataDir }).append(id, [message('x')]);
    await writeFile(jsonlPath(id), '{"id":"m-1","seq":1,"ro');
    await rm(metaPath(id), { force: true });

    const restarted = new FsConversationStore({ dataDir });
    expect(await restarted.load(id)).toBeNull();
    const [first] = await restarted.append(id, [message('fresh', 9)]);
    expect(first?.seq).toBe(1);
    expect((await restarted.load(id))?.session.created_at).toBe(at(9));
  });

  it('defers count-only meta writes, and writes them on close', async () => {
    const store = new FsConversationStore({ dataDir, metaDelayMs: 60_000 });
    const id = session('deferred');
    await store.append(id, [message('a', 1)]);
    await expect(stat(metaPath(id))).rejects.toThrow();
    await store.close();
    expect(JSON.parse(await readFile(metaPath(id), 'utf8'))).toMatchObject({ message_count: 1, last_seq: 1 });
  });

  it('writes the meta file by itself shortly after an append', async () => {
    const store = new FsConversationStore({ dataDir, metaDelayMs: 20 });
    const id = session('timermeta');
    await store.append(id, [message('a', 1), message('b', 2)]);
    await expect
      .poll(async () => JSON.parse(await readFile(metaPath(id), 'utf8').catch(() => '{}')).message_count, {
        timeout: 2000,
      })
      .toBe(2);
  });

  it('rebuilds a missing meta file from the JSONL after a restart', async () => {
    const id = session('nometa01');
    const before = new FsConversationStore({ dataDir });
    await before.append(id, [message('a', 5)], { metadata: { lost: true } });
    await before.append(id, [message('b', 7), message('c', 8)]);
    await rm(metaPath(id));

    const restarted = new FsConversationStore({ dataDir });
    const expected = { session_id: id, created_at: at(5), last_updated: at(8), message_count: 3, metadata: {} };
    expect((await restarted.load(id))?.session).toEqual(expected);
    expect((await restarted.listSessions({ limit: 10 })).items).toEqual([expected]);

    await restarted.append(id, [message('d', 9)]);
    await restarted.close();
    const meta = JSON.parse(await readFile(metaPath(id), 'utf8'));
    expect(meta).toMatchObject({ message_count: 4, created_at: at(5), last_updated: at(9), last_seq: 4 });
    expect(meta.jsonl_bytes).toBe((await stat(jsonlPath(id))).size);
  });

  it('trusts the JSONL over a stale meta file, keeping the metadata the meta holds', async () => {
    const id = session('stale001');
    const before = new FsConversationStore({ dataDir });
    await before.append(id, [message('a', 1)], { metadata: { channel: 'web' } });
    const staleCopy = join(root, 'stale.meta.json');
    await copyFile(metaPath(id), staleCopy);
    await before.append(id, [message('b', 2), message('c', 3)]);
    // A crash between the JSONL append and the meta rename leaves the older meta.
    await copyFile(staleCopy, metaPath(id));

    const restarted = new FsConversationStore({ dataDir });
    expect((await restarted.load(id))?.session).toEqual({
      session_id: id,
      created_at: at(1),
      last_updated: at(3),
      message_count: 3,
      metadata: { channel: 'web' },
    });
    const [next] = await restarted.append(id, [message('d', 4)]);
    expect(next?.seq).toBe(4);
  });

  it('continues the seq after a restart', async () => {
    const id = session('restart1');
    const before = new FsConversationStore({ dataDir });
    for (let i = 1; i <= 5; i++) await before.append(id, [message(`m${i}`, i)]);

    const restarted = new FsConversationStore({ dataDir });
    const [sixth] = await restarted.append(id, [message('m6', 6)]);
    expect(sixth?.seq).toBe(6);
    expect((await restarted.load(id))?.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('remembers a soft delete across a restart', async () => {
    const clock = new FixedClock('2026-02-03T04:05:06.000Z');
    const id = session('deleted1');
    const before = new FsConversationStore({ dataDir, clock });
    await before.append(id, [message('x')]);
    expect(await before.softDelete(id)).toBe(true);
    expect(JSON.parse(await readFile(metaPath(id), 'utf8')).deleted_at).toBe('2026-02-03T04:05:06.000Z');

    const restarted = new FsConversationStore({ dataDir });
    expect(await restarted.load(id)).toBeNull();
    await expect(restarted.append(id, [message('y')])).rejects.toMatchObject({ code: 'conflict' });
  });

  it('leaves no files behind after a purge', async () => {
    const store = new FsConversationStore({ dataDir });
    const ids = [session('purge001'), session('purge002')];
    for (const id of ids) await store.append(id, [message('x')], { metadata: { k: 'v' } });
    await store.softDelete(ids[1] as SessionId);

    for (const id of ids) await store.purge(id);
    expect(await filesUnder(dataDir)).toEqual([]);
  });

  it('writes nothing outside the data dir', async () => {
    const store = new FsConversationStore({ dataDir });
    const hostile = ['../escape-attempt', '../../../../tmp/x1234567', 'a/../../b12345678'] as SessionId[];
    for (const id of hostile) {
      await expect(store.append(id, [message('x')])).rejects.toMatchObject({ code: 'invalid_input' });
    }
    const ids = [session('inside01'), session('inside02')];
    for (const id of ids) await store.append(id, [message('x')], { metadata: { a: 1 } });
    await store.softDelete(ids[0] as SessionId);
    await store.listSessions({ limit: 10 });

    const files = await filesUnder(root);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(file.startsWith(join(dataDir, 'sessions') + sep)).toBe(true);
      expect(file).toMatch(/[/\\][A-Za-z0-9_-]{8,128}\.(jsonl|meta\.json)$/);
    }
  });

  it('loads the newest messages of a long session from the file tail, across read chunks', async () => {
    const store = new FsConversationStore({ dataDir });
    const id = session('long-tail');
    // About 600 KB: several 64 KB chunks, with multi-byte characters straddling chunk edges.
    const batch = Array.from({ length: 3000 }, (_, i) => message(`${i} ${'é😀中'.repeat(i % 50)} ${'x'.repeat(100)}`));
    await store.append(id, batch);
    await appendFile(jsonlPath(id), '{"id":"torn');
    // No recent messages kept in memory: every load below reads the file's tail.
    const fresh = new FsConversationStore({ dataDir, recentMessageChars: 0 });
    const all = (await fresh.load(id))?.messages ?? [];
    expect(all).toHaveLength(3000);
    for (const limit of [1, 5, 700, 2999, 3000, 5000]) {
      const newest = (await fresh.load(id, { limit }))?.messages ?? [];
      expect(newest).toEqual(all.slice(-limit));
    }
  });

  it('retires sessions past TWIN_SESSION_TTL_DAYS: hidden, restarted by an append, deleted by the sweep', async () => {
    const clock = new FixedClock(at(0));
    const store = new FsConversationStore({ dataDir, clock, ttlDays: 1 });
    const old = session('expiring');
    const fresh = session('staying1');
    await store.append(old, [message('old news', 0)]);
    clock.advance(23 * 3_600_000);
    await store.append(fresh, [message('recent', 23 * 3600)]);
    clock.advance(2 * 3_600_000);
    expect(await store.load(old)).toBeNull();
    expect((await store.listSessions({ limit: 10 })).items.map((s) => s.session_id)).toEqual([fresh]);
    expect(await store.softDelete(old)).toBe(false);
    expect(await store.sweepExpired()).toBe(1);
    expect((await filesUnder(dataDir)).some((f) => f.includes('expiring'))).toBe(false);
    expect((await store.load(fresh))?.messages).toHaveLength(1);
    const [restarted] = await store.append(old, [message('a new start', 25 * 3600)]);
    expect(restarted?.seq).toBe(1);
    await store.close();
  });

  it('stays correct when more sessions are in use than it caches', async () => {
    const store = new FsConversationStore({ dataDir, maxCachedSessions: 2 });
    const ids = Array.from({ length: 6 }, (_, i) => session(`cache-${i}0`));
    for (let round = 1; round <= 3; round++) {
      await Promise.all(ids.map((id) => store.append(id, [message(`r${round}`, round)])));
    }
    for (const id of ids) {
      expect((await store.load(id))?.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    }
    expect((await store.listSessions({ limit: 100 })).items).toHaveLength(6);
  });

  it('reports I/O failures as store_unavailable, keeping the cause', async () => {
    // A file where the data dir should be: every operation fails with ENOTDIR.
    await writeFile(dataDir, 'not a directory');
    const store = new FsConversationStore({ dataDir });
    const id = session('broken01');

    const failure = await store.append(id, [message('x')]).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'store_unavailable' });
    expect((failure as Error).cause).toMatchObject({ code: expect.stringMatching(/^E/) });
    await expect(store.load(id)).rejects.toMatchObject({ code: 'store_unavailable' });
    await expect(store.listSessions({ limit: 10 })).rejects.toMatchObject({ code: 'store_unavailable' });
  });
});
