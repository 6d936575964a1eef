import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withFileLock } from '../../src/adapters/filesystem/file-lock.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'twin-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

describe('withFileLock', () => {
  it('runs holders one at a time and removes the lock file afterwards', async () => {
    const lock = join(dir, 'x.lock');
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        withFileLock(lock, async () => {
          most = Math.max(most, ++inside);
          await new Promise((resolve) => setImmediate(resolve));
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
    await expect(stat(lock)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('releases the lock when the task fails', async () => {
    const lock = join(dir, 'x.lock');
    await expect(withFileLock(lock, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await withFileLock(lock, async () => 'next')).toBe('next');
  });

  it('breaks a lock left by a process that died (older than staleMs)', async () => {
    const lock = join(dir, 'x.lock');
    await writeFile(lock, '12345@elsewhere');
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    expect(await withFileLock(lock, async () => 'got it', { staleMs: 30_000 })).toBe('got it');
  });

  it('gives up with store_unavailable while a live holder keeps it', async () => {
    const lock = join(dir, 'x.lock');
    await writeFile(lock, 'held');
    const refused = withFileLock(lock, async () => 'never', { timeoutMs: 50 });
    await expect(refused).rejects.toMatchObject({ code: 'store_unavailable' });
    // Its message reaches API responses: it names the lock file, never the server's folders.
    await expect(refused).rejects.toThrow(/^x\.lock is held by another process/u);
    await expect(refused).rejects.not.toThrow(dir);
  });

  it('refuses a folder at the lock name, fresh or stale, without removing it', async () => {
    const lock = join(dir, 'x.lock');
    await mkdir(lock);
    await writeFile(join(lock, 'kept.txt'), 'kept');
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    const refused = withFileLock(lock, async () => 'never', { timeoutMs: 50, staleMs: 30_000 });
    await expect(refused).rejects.toMatchObject({ code: 'store_unavailable' });
    await expect(refused).rejects.toThrow(/^x\.lock is not a lock file/u);
    expect((await stat(join(lock, 'kept.txt'))).isFile()).toBe(true);
  });
});
