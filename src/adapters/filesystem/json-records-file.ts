import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StoreUnavailable } from '../../domain/errors.js';
import { KeyedMutex } from './session-lock.js';

/**
 * A small keyed collection kept in one JSON file, rewritten whole through a temp file
 * and a rename, so a crash leaves the old or the new file, never half of one. Updates
 * are serialised in this process (one process owns the data dir). Meant for tables
 * that stay small (knowledge gaps, leads), not for conversations.
 */
export class JsonRecordsFile<T extends { readonly id: string }> {
  private readonly mutex = new KeyedMutex();
  private cache: Map<string, T> | undefined;

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
  update<R>(id: string, change: (current: T | null) => { record: T; result: R } | undefined): Promise<R | undefined> {
    return this.mutex.run('file', async () => {
      const records = await this.load();
      const outcome = change(records.get(id) ?? null);
      if (!outcome) return undefined;
      const next = new Map(records).set(id, outcome.record);
      await this.write([...next.values()]);
      this.cache = next;
      return outcome.result;
    });
  }

  private async load(): Promise<Map<string, T>> {
    if (this.cache) return this.cache;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') throw unavailable(error);
      text = '[]';
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new StoreUnavailable(`${this.file} is not valid JSON`, { cause: error });
    }
    // Records that fail the shape check (hand edits gone wrong) are skipped, not fatal.
    const records = Array.isArray(parsed) ? parsed.filter(this.isRecord) : [];
    this.cache = new Map(records.map((record) => [record.id, record]));
    return this.cache;
  }

  private async write(records: readonly T[]): Promise<void> {
    const tmp = `${this.file}.tmp`;
    try {
      await mkdir(dirname(this.file), { recursive: true });
      await writeFile(tmp, `${JSON.stringify(records, null, 2)}\n`, 'utf8');
      await rename(tmp, this.file);
    } catch (error) {
      throw unavailable(error);
    }
  }
}

function unavailable(error: unknown): StoreUnavailable {
  return new StoreUnavailable('The data directory could not be read or written', { cause: error });
}
