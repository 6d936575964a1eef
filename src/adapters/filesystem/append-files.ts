import { closeSync, constants, ftruncateSync, writeSync } from 'node:fs';
import { openSingleLinkSync } from './single-link-file.js';

export interface AppendFilesOptions {
  /** Descriptors kept open at most; the least recently used one is closed beyond it. Default 256. */
  readonly maxOpen?: number;
  /** A descriptor unused this long is closed. Default 30,000 ms. */
  readonly idleMs?: number;
  /** Reads the time for idle tracking; default Date.now (a monotonic-enough clock for closing files). */
  readonly now?: () => number;
}

interface OpenFile {
  readonly fd: number;
  usedAt: number;
}

/**
 * O_APPEND descriptors of the files being appended to, kept open between appends, so an
 * append is one write(2) instead of open, write and close through the thread pool.
 *
 * Writes are synchronous on purpose: a message line is a few hundred bytes (at most the
 * request body limit) written to the page cache, ~1-3 µs, while each thread-pool round trip
 * costs 40-200 µs of CPU on a busy 2-core machine (docs/benchmarks.md). The write has
 * completed in the kernel when `append` returns, so an acknowledged message survives a crash
 * of the process exactly as before, and one write per batch means a crash leaves at most one
 * torn line. Bounded: at most `maxOpen` descriptors, each closed after `idleMs` unused, and all
 * on `closeAll()`. A caller removing or replacing a file must `close` its key first.
 *
 * A file is opened only as a regular file of its own (O_NOFOLLOW, then fstat: regular, one
 * link), so a link or hard link planted at the name is refused (RefusedFile), never appended
 * to or truncated (single-link-file.ts).
 */
export class AppendFiles {
  private readonly files = new Map<string, OpenFile>();
  private readonly maxOpen: number;
  private readonly idleMs: number;
  private readonly now: () => number;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(options: AppendFilesOptions = {}) {
    this.maxOpen = options.maxOpen ?? 256;
    this.idleMs = options.idleMs ?? 30_000;
    this.now = options.now ?? Date.now;
    if (!Number.isSafeInteger(this.maxOpen) || this.maxOpen < 1) throw new RangeError('maxOpen must be at least 1');
  }

  /**
   * Appends `bytes` at the end of `path` (opened on first use under `key`). Throws the
   * file system's error, after closing the descriptor, so the next append opens it afresh.
   */
  append(key: string, path: string, bytes: Uint8Array): void {
    const file = this.take(key, path);
    try {
      let offset = 0;
      // One call writes it all on a local file system; the loop only matters if the kernel
      // accepts part of the buffer (e.g. disk full), which then throws on the next call.
      while (offset < bytes.length) offset += writeSync(file.fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      this.close(key);
      throw error;
    }
    file.usedAt = this.now();
  }

  /**
   * Cuts `path` to `length` bytes (a torn last line) through its descriptor, never by path, so
   * the file cut is the one the appends go to. Throws like `append`, after closing the descriptor.
   */
  truncate(key: string, path: string, length: number): void {
    const file = this.take(key, path);
    try {
      ftruncateSync(file.fd, length);
    } catch (error) {
      this.close(key);
      throw error;
    }
    file.usedAt = this.now();
  }

  /** Closes the descriptor of `key`, if open: before the file is removed or renamed. */
  close(key: string): void {
    const file = this.files.get(key);
    if (!file) return;
    this.files.delete(key);
    closeQuietly(file.fd);
    if (this.files.size === 0) this.stopSweeper();
  }

  closeAll(): void {
    for (const key of [...this.files.keys()]) this.close(key);
  }

  /** Open descriptors right now (for tests and metrics). */
  get size(): number {
    return this.files.size;
  }

  private take(key: string, path: string): OpenFile {
    const known = this.files.get(key);
    if (known) {
      // Map order is use order: re-inserting makes the first key the least recently used.
      this.files.delete(key);
      this.files.set(key, known);
      return known;
    }
    const fd = openSingleLinkSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT);
    const file: OpenFile = { fd, usedAt: this.now() };
    this.files.set(key, file);
    if (this.files.size > this.maxOpen) {
      const coldest = this.files.keys().next();
      if (!coldest.done) this.close(coldest.value);
    }
    this.startSweeper();
    return file;
  }

  private startSweeper(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => this.closeIdle(), Math.max(10, Math.floor(this.idleMs / 2)));
    // Open files must not keep a finished process alive.
    this.sweeper.unref();
  }

  private stopSweeper(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  private closeIdle(): void {
    const cutoff = this.now() - this.idleMs;
    for (const [key, file] of this.files) if (file.usedAt <= cutoff) this.close(key);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Nothing was buffered in user space: a failed close loses nothing already written.
  }
}
