import { execFileSync } from 'node:child_process';
import { link, lstat, mkdir, mkdtemp, readFile, realpath, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkConfined, RefusedFile, readChecked } from '../../src/adapters/filesystem/confined-path.js';
import { withFileLock } from '../../src/adapters/filesystem/file-lock.js';
import { appendOwned, readOwned, replaceOwned } from '../../src/adapters/filesystem/owned-file.js';
import { StoreUnavailable } from '../../src/domain/errors.js';

// The window between a check and the read or write that follows it, opened deterministically:
// the test swaps the file between the two calls the adapters make in that order.

const OUTSIDE_TEXT = 'OUTSIDE-ORIGINAL\n';
let root: string;
let dir: string;
let outsideFile: string;
let file: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'twin-confined-files-'));
  dir = path.join(root, 'persona');
  await mkdir(dir);
  await mkdir(path.join(root, 'outside'));
  outsideFile = path.join(root, 'outside', 'target.md');
  await writeFile(outsideFile, OUTSIDE_TEXT);
  file = path.join(dir, 'answers.md');
  await writeFile(file, '# Answers\n');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

const SWAPS: [string, () => Promise<void>][] = [
  ['a symbolic link', () => rm(file).then(() => symlink(outsideFile, file))],
  ['a hard link', () => rm(file).then(() => link(outsideFile, file))],
  [
    'a FIFO',
    async () => {
      await rm(file);
      execFileSync('mkfifo', [file]);
    },
  ],
];

async function outsideUnchanged(): Promise<void> {
  expect(Buffer.compare(await readFile(outsideFile), Buffer.from(OUTSIDE_TEXT))).toBe(0);
  expect((await lstat(outsideFile)).nlink).toBeLessThanOrEqual(2);
}

describe('a file swapped between the check and the read', () => {
  it.each(SWAPS)('to %s is refused, not read (and a FIFO does not block)', async (_label, swap) => {
    const checked = await checkConfined(await realpath(dir), file);
    if (checked.refused !== undefined) throw new Error(checked.refused);
    await swap();
    const error = await readChecked(checked).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedFile);
    await outsideUnchanged();
  });
});

describe('answers.md swapped between the read and the append', () => {
  it.each(SWAPS)('to %s: nothing is appended anywhere', async (_label, swap) => {
    const current = await readOwned(file);
    expect(current?.text).toBe('# Answers\n');
    await swap();
    const error = await appendOwned(file, current?.owned ?? null, 'APPENDED\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedFile);
    await outsideUnchanged();
  });

  it('a link that appears where the file was absent is refused, not created through', async () => {
    await rm(file);
    const current = await readOwned(file);
    expect(current).toBeNull();
    await symlink(path.join(root, 'outside', 'new.md'), file);
    await expect(appendOwned(file, null, 'CREATED\n')).rejects.toBeInstanceOf(RefusedFile);
    await expect(readFile(path.join(root, 'outside', 'new.md'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('replacing answers.md', () => {
  it.each(SWAPS)('refuses when it became %s before the rename', async (_label, swap) => {
    await swap();
    await expect(replaceOwned(file, 'REPLACED\n')).rejects.toBeInstanceOf(RefusedFile);
    await outsideUnchanged();
    await expect(lstat(path.join(dir, '.answers.md.tmp'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('never writes through a temp file planted as a link', async () => {
    await symlink(outsideFile, path.join(dir, '.answers.md.tmp'));
    await replaceOwned(file, 'REPLACED\n');
    expect(await readFile(file, 'utf8')).toBe('REPLACED\n');
    expect((await lstat(file)).isFile()).toBe(true);
    await outsideUnchanged();
  });

  // The last window, after the final check and before rename(2), cannot be opened from outside
  // the call; what makes it harmless is that rename replaces the name itself, never the target of
  // a link there, nor the content of a hard-linked inode. That is what this asserts.
  it('rename replaces a link or hard link swapped in at the last moment, never what it points to', async () => {
    for (const plant of [() => symlink(outsideFile, file), () => link(outsideFile, file)]) {
      await rm(file, { force: true });
      await plant();
      await writeFile(path.join(dir, 'new'), 'NEW\n');
      await rename(path.join(dir, 'new'), file);
      expect((await lstat(file)).isSymbolicLink()).toBe(false);
      await outsideUnchanged();
    }
  });
});

describe('the lock file', () => {
  it('planted as a link: the lock is not taken through it, nothing written outside', async () => {
    const lock = path.join(dir, '.answers.md.lock');
    await symlink(outsideFile, lock);
    const error = await withFileLock(lock, async () => 'ran', { timeoutMs: 30, staleMs: 60_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreUnavailable);
    await outsideUnchanged();
  });
});
