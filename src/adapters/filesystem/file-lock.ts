import { lstat, open, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename } from 'node:path';
import { StoreUnavailable } from '../../domain/errors.js';
import { codeOf } from './error-code.js';

export interface FileLockOptions {
  /** How long to wait for another holder before giving up (StoreUnavailable). Default 10 s. */
  readonly timeoutMs?: number;
  /**
   * A lock file older than this belongs to a process that died mid-write and is broken.
   * Holders keep it for milliseconds (one small file rewrite). Default 30 s.
   */
  readonly staleMs?: number;
}

/**
 * Runs `task` holding `<path>` as a lock file, so processes sharing a data folder (the
 * server and a `twin` command) take turns: the file is created with O_EXCL, which only one
 * process can win, and removed afterwards. Waits with growing pauses while another holds it.
 */
export async function withFileLock<T>(path: string, task: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  const started = Date.now();
  let pause = 2;
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(`${process.pid}@${hostname()} ${new Date().toISOString()}\n`);
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      // Errors name the lock file, never the server's folders (they reach API responses).
      if (codeOf(error) !== 'EEXIST')
        throw new StoreUnavailable(`${basename(path)} could not be created`, { cause: error });
    }
    await breakIfStale(path, staleMs);
    if (Date.now() - started > timeoutMs) {
      throw new StoreUnavailable(`${basename(path)} is held by another process; remove it if no twin is running`);
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 50);
  }
  try {
    return await task();
  } finally {
    await rm(path, { force: true });
  }
}

async function breakIfStale(path: string, staleMs: number): Promise<void> {
  const info = await lstat(path).catch(() => undefined);
  // A folder there is no lock any holder made: refused, never removed (rm would recurse into it).
  // A stale link is removed like a stale file (rm removes the name, never its target).
  if (info?.isDirectory()) throw new StoreUnavailable(`${basename(path)} is not a lock file; remove it`);
  if (!info || Date.now() - info.mtimeMs < staleMs) return;
  // Only the lock seen stale is removed: a fresh one taken meanwhile has another inode or time.
  const again = await lstat(path).catch(() => undefined);
  if (again && again.ino === info.ino && again.mtimeMs === info.mtimeMs) await rm(path, { force: true });
}
