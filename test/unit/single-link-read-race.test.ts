import { mkdtemp, open, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { NOT_OWN, refusalOf } from '../../src/adapters/filesystem/single-link-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'twin-read-race-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

// A reader that opened the file just before another process renamed a new version over it holds
// the old version with no name left (nlink 0): a whole, consistent file shared with no other name.
// It was refused as "0 hard links", and a `twin gaps` command beside a busy server failed in CI.
// Writing to such a file would lose the writes: writers still refuse it.
it('a file replaced by a rename after it was opened is readable, not writable', async () => {
  const file = join(dir, 'records.json');
  await writeFile(file, '[{"id":"a"}]');
  const handle = await open(file, 'r');
  try {
    await writeFile(join(dir, 'next.json'), '[{"id":"b"}]');
    await rename(join(dir, 'next.json'), file);
    const info = await handle.stat();
    expect(info.nlink).toBe(0);
    expect(refusalOf(info, 'read')).toBeUndefined();
    expect(refusalOf(info, 'write')?.reason).toBe(NOT_OWN.hardLinks(0));
    expect((await handle.readFile()).toString()).toBe('[{"id":"a"}]');
  } finally {
    await handle.close();
  }
});
