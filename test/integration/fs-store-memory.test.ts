import { readdirSync, readlinkSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsConversationStore } from '../../src/adapters/filesystem/fs-conversation-store.js';
import type { MessageId, NewMessage, SessionId } from '../../src/domain/conversation/conversation.js';

// What the store keeps in memory between turns (the newest messages of active sessions, open
// append descriptors) must never change what it answers: a fresh store reading only the disk is
// the reference.

let root: string;
let counter = 0;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twin-fs-memory-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

function message(content: string, role: 'user' | 'assistant' = 'user'): NewMessage {
  counter += 1;
  return {
    id: `m-${counter}` as MessageId,
    role,
    content,
    timestamp: new Date(Date.UTC(2026, 0, 1) + counter).toISOString(),
  };
}

/** Descriptors this process holds open on files under `dir` (Linux: /proc/self/fd). */
function openFilesUnder(dir: string): number {
  let count = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith(dir)) count++;
    } catch {
      // closed between readdir and readlink
    }
  }
  return count;
}

const content = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
  fc.constantFrom('مرحبا', 'e\u0301', '👩‍👩‍👧‍👦', 'line\nbreak', '"quoted" \\ back'),
);
const operation = fc.oneof(
  fc.record({
    kind: fc.constant('append' as const),
    session: fc.integer({ min: 0, max: 2 }),
    contents: fc.array(content, { minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant('load' as const),
    session: fc.integer({ min: 0, max: 2 }),
    limit: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
  }),
);

describe('FsConversationStore between turns', () => {
  test.prop([fc.array(operation, { minLength: 1, maxLength: 25 })], { numRuns: 25 })(
    'answers every load from memory exactly as a fresh store reads the disk',
    async (operations) => {
      const dataDir = await mkdtemp(join(root, 'run-'));
      // A small per-store memory, so tails are trimmed and evicted during the run too.
      const store = new FsConversationStore({ dataDir, recentMessageChars: 2_000 });
      const id = (n: number) => `memory-session-${n}` as SessionId;
      for (const op of operations) {
        if (op.kind === 'append') {
          await store.append(
            id(op.session),
            op.contents.map((text, i) => message(text, i % 2 === 0 ? 'user' : 'assistant')),
          );
        } else {
          const fromMemory = await store.load(id(op.session), { limit: op.limit });
          const fromDisk = await new FsConversationStore({ dataDir, recentMessageChars: 0 }).load(id(op.session), {
            limit: op.limit,
          });
          expect(fromMemory?.messages).toEqual(fromDisk?.messages);
          expect(fromMemory?.session.message_count).toBe(fromDisk?.session.message_count);
        }
      }
      await store.close();
    },
  );

  it('keeps at most maxOpenFiles append descriptors open, and none after close()', async () => {
    const dataDir = join(root, 'data');
    const store = new FsConversationStore({ dataDir, maxOpenFiles: 3 });
    for (let i = 0; i < 8; i++) await store.append(`open-files-${i}` as SessionId, [message(`hello ${i}`)]);
    expect(openFilesUnder(dataDir)).toBe(3);
    // A session whose descriptor was closed opens it again and keeps appending in order.
    await store.append('open-files-0' as SessionId, [message('again')]);
    expect((await store.load('open-files-0' as SessionId))?.messages.map((m) => m.seq)).toEqual([1, 2]);
    await store.close();
    expect(openFilesUnder(dataDir)).toBe(0);
  });

  it('closes a purged session’s descriptor: a new conversation under the same id starts a new file', async () => {
    const dataDir = join(root, 'data');
    const store = new FsConversationStore({ dataDir });
    const id = 'purged-session-1' as SessionId;
    await store.append(id, [message('before the purge')]);
    await store.purge(id);
    expect(openFilesUnder(dataDir)).toBe(0);
    await store.append(id, [message('after the purge')]);
    const lines = (await readFile(join(dataDir, 'sessions', `${id}.jsonl`), 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).content)).toEqual(['after the purge']);
    expect((await store.load(id))?.messages.map((m) => m.content)).toEqual(['after the purge']);
    await store.close();
  });

  it.each([
    [
      'replaced by rename (sed -i, editors, rsync), same length',
      (text: string) => text.replace('555-0100', '[phone]!'),
    ],
    ['replaced by rename, shorter', (text: string) => text.replace('555-0100', '[x]')],
    ['replaced by rename, emptied', () => ''],
  ])('reads a session file %s behind its back, and appends to the file the path names now', async (_name, edit) => {
    const dataDir = join(root, 'data');
    const store = new FsConversationStore({ dataDir });
    const id = 'edited-behind-its-back-1' as SessionId;
    const path = join(dataDir, 'sessions', `${id}.jsonl`);
    await store.append(id, [message('my phone is 555-0100'), message('noted', 'assistant')]);
    expect((await store.load(id))?.messages).toHaveLength(2);
    await writeFile(`${path}.tmp`, edit(await readFile(path, 'utf8')));
    await rename(`${path}.tmp`, path);
    const edited = (await store.load(id))?.messages.map((m) => m.content) ?? [];
    expect(edited.join(' ')).not.toContain('555-0100');
    await store.append(id, [message('third'), message('fourth', 'assistant')]);
    const live = (await store.load(id))?.messages.map((m) => m.content);
    expect(live?.slice(-2)).toEqual(['third', 'fourth']);
    await store.close();
    // Nothing acknowledged went to a file no longer named: a fresh store reads the same.
    const fresh = new FsConversationStore({ dataDir });
    expect((await fresh.load(id))?.messages.map((m) => m.content)).toEqual(live);
    await fresh.close();
  });

  it('hands out messages nobody can change, so a reader cannot corrupt the next turn’s history', async () => {
    const store = new FsConversationStore({ dataDir: join(root, 'data') });
    const id = 'frozen-session-1' as SessionId;
    await store.append(id, [message('original')]);
    const [first] = (await store.load(id))?.messages ?? [];
    expect(() => {
      (first as { content: string }).content = 'changed';
    }).toThrow(TypeError);
    expect((await store.load(id))?.messages[0]?.content).toBe('original');
    await store.close();
  });
});
