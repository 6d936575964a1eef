import { link, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsConversationStore } from '../../src/adapters/filesystem/fs-conversation-store.js';
import { FsKnowledgeGapStore } from '../../src/adapters/filesystem/fs-knowledge-gap-store.js';
import { replaceFile } from '../../src/adapters/filesystem/replace-file.js';
import type { MessageId, SessionId } from '../../src/domain/conversation/conversation.js';
import { gapAsked } from '../../src/domain/knowledge/knowledge-gaps.js';

// The data folder's files are replaced through `<file>.tmp`. Whatever sits at that name (a
// link to a file elsewhere, to a folder, a dangling link, a hard link, a leftover) is removed
// as a name and never written through: the file outside keeps its bytes.

let root: string;
let outside: string;
const ORIGINAL = 'outside, must not change\n';

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twin-temp-links-'));
  outside = join(root, 'outside.txt');
  await writeFile(outside, ORIGINAL);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

type Plant = (temp: string) => Promise<void>;
const plants: Record<string, Plant> = {
  'a symbolic link to a file elsewhere': (temp) => symlink(outside, temp),
  'a symbolic link to a folder': (temp) => symlink(root, temp),
  'a dangling symbolic link': (temp) => symlink(join(root, 'nowhere', 'x'), temp),
  'a hard link to a file elsewhere': (temp) => link(outside, temp),
  'a leftover file': (temp) => writeFile(temp, 'half a file'),
};

describe.each(Object.entries(plants))('a temp name holding %s', (_name, plant) => {
  it('replaceFile writes the new text to the file and leaves the outside file as it was', async () => {
    const file = join(root, 'data', 'records.json');
    await mkdir(join(root, 'data'));
    await plant(`${file}.tmp`);
    await replaceFile(file, '{"new":true}\n');
    expect(await readFile(file, 'utf8')).toBe('{"new":true}\n');
    expect(await readFile(outside, 'utf8')).toBe(ORIGINAL);
    await expect(stat(`${file}.tmp`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a session written by the conversation store leaves it too', async () => {
    const dataDir = join(root, 'data');
    const store = new FsConversationStore({ dataDir });
    const id = 'session-links' as SessionId;
    await store.append(id, [
      { id: 'm-1' as MessageId, role: 'user', content: 'hi', timestamp: new Date(0).toISOString() },
    ]);
    await plant(join(dataDir, 'sessions', `${id}.meta.json.tmp`));
    await store.append(id, [
      { id: 'm-2' as MessageId, role: 'user', content: 'again', timestamp: new Date(1).toISOString() },
    ]);
    const fresh = new FsConversationStore({ dataDir });
    expect((await fresh.load(id))?.messages.map((m) => m.content)).toEqual(['hi', 'again']);
    expect(await readFile(outside, 'utf8')).toBe(ORIGINAL);
  });

  it('a knowledge gap recorded by the gap store leaves it too', async () => {
    const dataDir = join(root, 'data');
    await mkdir(dataDir);
    await plant(join(dataDir, 'knowledge-gaps.json.tmp'));
    const gaps = new FsKnowledgeGapStore({ dataDir });
    await gaps.recordAsked(gapAsked('Do you have a dog?', new Date(0)));
    expect((await new FsKnowledgeGapStore({ dataDir }).list()).map((gap) => gap.question)).toEqual([
      'Do you have a dog?',
    ]);
    expect(await readFile(outside, 'utf8')).toBe(ORIGINAL);
  });
});
