import { lstat, mkdir } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { StoreUnavailable } from '../../domain/errors.js';
import { codeOf } from './error-code.js';
import { withFileLock } from './file-lock.js';
import { replaceFile } from './replace-file.js';
import { KeyedMutex } from './session-lock.js';
import { readSingleLink } from './single-link-file.js';

/**
 * A small keyed collection kept in one JSON file, rewritten whole through a temp file and
 * a rename, so a crash leaves the old or the new file, never half of one. Several processes
 * may share it (the server and a `twin gaps ...` command): every update takes a lock file,
 * re-reads the file, applies the change and writes it back, so no update is lost; reads
 * re-read whenever the file changed. Meant for tables that stay small (knowledge gaps,
 * leads), not for conversations.
 */
export class JsonRecordsFile<T extends { readonly id: string }> {
  private readonly mutex = new KeyedMutex();
  private cache: { version: string; records: Map<string, T> } | undefined;

  constructor(
    private readonly file: string,
    private readonly isRecord: (value: unknown) => value is T,
  ) {}

  async all(): Promise<T[]> {
    return [...(await this.load()).values()];
  }

  async get(id: string): Promise<T | null> {
    return (await this.load()).get(id) ?? null;
  }

  /** Replaces the record `id` with `change(current)`; undefined from `change` leaves it alone. */
  async update<R>(
    id: string,
    change: (current: T | null) => { record: T; result: R } | undefined,
  ): Promise<R | undefined> {
    return this.transact((records) => {
      const outcome = change(records.get(id) ?? null);
      return outcome && { next: new Map(records).set(id, outcome.record), result: outcome.result };
    });
  }

  /**
   * Runs `change` on the current records, read afresh under the lock; the records it returns
   * as `next` replace the file. undefined leaves the file alone.
   */
  transact<R>(
    change: (records: ReadonlyMap<string, T>) => { next: Map<string, T>; result: R } | undefined,
  ): Promise<R | undefined> {
    return this.mutex.run('file', async () => {
      await mkdir(dirname(this.file), { recursive: true }).catch((error: unknown) => {
        throw unavailable(error);
      });
      return withFileLock(`${this.file}.lock`, async () => {
        this.cache = undefined;
        const outcome = change(await this.load());
        if (!outcome) return undefined;
        await this.write([...outcome.next.values()]);
        this.cache = undefined;
        return outcome.result;
      });
    });
  }

  private async load(): Promise<Map<string, T>> {
    const version = await this.version();
    if (this.cache && this.cache.version === version) return this.cache.records;
    let text: string;
    try {
      // Through a proven descriptor: a link or hard link planted at the name is refused, never read.
      text = (await readSingleLink(this.file))?.toString('utf8') ?? '[]';
    } catch (error) {
      throw unavailable(error);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      // The file's own name only: a response never shows the server's paths.
      throw new StoreUnavailable(`${basename(this.file)} is not valid JSON`, { cause: error });
    }
    // Records that fail the shape check (hand edits gone wrong) are skipped, not fatal.
    const records = Array.isArray(parsed) ? parsed.filter(this.isRecord) : [];
    const map = new Map(records.map((record) => [record.id, record]));
    this.cache = { version, records: map };
    return map;
  }

  // Every write is a new file renamed into place: another inode, size or time means another version.
  private async version(): Promise<string> {
    try {
      const info = await lstat(this.file, { bigint: true });
      return `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return 'absent';
      throw unavailable(error);
    }
  }

  private async write(records: readonly T[]): Promise<void> {
    try {
      await replaceFile(this.file, `${JSON.stringify(records, null, 2)}\n`);
    } catch (error) {
      throw unavailable(error);
    }
  }
}

function unavailable(error: unknown): StoreUnavailable {
  return new StoreUnavailable('The data directory could not be read or written', { cause: error });
}
