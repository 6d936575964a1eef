import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppendFiles } from '../../src/adapters/filesystem/append-files.js';
import { RecentMessages } from '../../src/adapters/filesystem/recent-messages.js';
import type { Message, MessageId } from '../../src/domain/conversation/conversation.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'twin-append-files-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

describe('AppendFiles', () => {
  it('appends in order through one kept descriptor per key', async () => {
    const files = new AppendFiles();
    const path = join(dir, 'a.jsonl');
    for (const line of ['one\n', 'two\n', 'three\n']) files.append('a', path, Buffer.from(line));
    expect(files.size).toBe(1);
    expect(await readFile(path, 'utf8')).toBe('one\ntwo\nthree\n');
    files.closeAll();
    expect(files.size).toBe(0);
  });

  it('closes the least recently used descriptor beyond maxOpen', async () => {
    const files = new AppendFiles({ maxOpen: 2 });
    for (const key of ['a', 'b', 'a', 'c']) files.append(key, join(dir, `${key}.log`), Buffer.from(`${key}\n`));
    expect(files.size).toBe(2);
    // "b" was the coldest; appending to it again reopens it and still lands at the end.
    files.append('b', join(dir, 'b.log'), Buffer.from('b again\n'));
    expect(await readFile(join(dir, 'b.log'), 'utf8')).toBe('b\nb again\n');
    files.closeAll();
  });

  it('closes descriptors left idle for idleMs', async () => {
    let now = 0;
    const files = new AppendFiles({ idleMs: 20, now: () => now });
    files.append('a', join(dir, 'a.log'), Buffer.from('x\n'));
    now = 15;
    files.append('b', join(dir, 'b.log'), Buffer.from('y\n'));
    now = 30;
    await vi.waitFor(() => expect(files.size).toBe(1));
    now = 60;
    await vi.waitFor(() => expect(files.size).toBe(0));
  });

  it('throws the file system error and keeps nothing open for that key', () => {
    const files = new AppendFiles();
    expect(() => files.append('x', join(dir, 'missing', 'x.log'), Buffer.from('x\n'))).toThrow(
      expect.objectContaining({ code: 'ENOENT' }),
    );
    expect(files.size).toBe(0);
  });
});

function messages(from: number, count: number, content = 'hello'): Message[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `m-${from + i}` as MessageId,
    seq: from + i,
    role: 'user' as const,
    content,
    timestamp: '2026-01-01T00:00:00.000Z',
  }));
}

describe('RecentMessages', () => {
  it('answers only what it knows: a complete session any limit, a tail up to its length', () => {
    const recent = new RecentMessages({ perSession: 5 });
    recent.appended('new', messages(1, 3), true);
    expect(recent.newest('new', undefined)?.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(recent.newest('new', 10)?.map((m) => m.seq)).toEqual([1, 2, 3]);
    recent.appended('new', messages(4, 4), false);
    // Seven messages, five kept: no longer complete.
    expect(recent.newest('new', 5)?.map((m) => m.seq)).toEqual([3, 4, 5, 6, 7]);
    expect(recent.newest('new', 6)).toBeUndefined();
    expect(recent.newest('new', undefined)).toBeUndefined();
    // A session first seen through an append (not created by it) is not known at all.
    recent.appended('old', messages(10, 1), false);
    expect(recent.newest('old', 1)).toBeUndefined();
  });

  it('stays within maxChars by dropping the least recently used sessions', () => {
    const recent = new RecentMessages({ maxChars: 1_300 });
    recent.remember('a', messages(1, 2, 'x'.repeat(200)), 2);
    recent.remember('b', messages(1, 2, 'y'.repeat(200)), 2);
    expect(recent.newest('a', 1)).toBeDefined(); // "a" is now the most recently used
    recent.remember('c', messages(1, 2, 'z'.repeat(200)), 2);
    expect(recent.newest('b', 1)).toBeUndefined();
    expect(recent.newest('a', 1)).toBeDefined();
    expect(recent.newest('c', 1)).toBeDefined();
    // A session larger than the whole budget is not kept at all.
    recent.remember('huge', messages(1, 1, 'h'.repeat(5_000)), 1);
    expect(recent.newest('huge', 1)).toBeUndefined();
  });
});
