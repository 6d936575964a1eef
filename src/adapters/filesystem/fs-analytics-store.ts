import { readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  type AnalyticsDelta,
  type AnalyticsTally,
  addDelta,
  type BucketCounters,
  bucketsOf,
  type CounterBucket,
  emptyTally,
  quarterOfLegacyHour,
} from '../../domain/analytics/analytics-counters.js';
import {
  type DayRange,
  type QualityBucket,
  type QualityCounters,
  qualityBucketsOf,
} from '../../domain/analytics/quality-counters.js';
import type { AnalyticsStore, BucketRange } from '../../ports/analytics-store.js';
import { AppendFiles } from './append-files.js';
import { checkOwnFolder, ownFolder } from './own-folder.js';
import { replaceFile } from './replace-file.js';
import { fileIdentityNow, storeUnavailable } from './session-files.js';
import { readSingleLink, singleLinkStatNow } from './single-link-file.js';

export interface FsAnalyticsStoreOptions {
  /** Counters live under `<dataDir>/analytics/`. */
  readonly dataDir: string;
  /** Log lines after which the log is folded into the snapshot. Default 10,000. */
  readonly compactEvery?: number;
}

// `quarters` (snapshot) / `b` (log) hold 15-minute buckets. Files written before ADR 0201 hold
// hour buckets (`hours` / `h`); they are read into the hour's first quarter, never written again.
interface Snapshot {
  readonly generation: number;
  readonly quarters?: [number, BucketCounters][];
  readonly hours?: [number, BucketCounters][];
  readonly topics: [string, number][];
  /** Quality day counters; absent in snapshots written before they existed. */
  readonly quality?: [number, QualityCounters][];
}

interface LogLine {
  readonly b?: [number, Partial<BucketCounters>][];
  readonly h?: [number, Partial<BucketCounters>][];
  readonly t: [string, number][];
  readonly q?: [number, QualityCounters][];
}

function toLogLine(delta: AnalyticsDelta): LogLine {
  const line: LogLine = { b: [...delta.quarters], t: [...delta.topics] };
  return delta.quality && delta.quality.size > 0 ? { ...line, q: [...delta.quality] } : line;
}

function fromLogLine(line: LogLine): AnalyticsDelta {
  const delta = { quarters: new Map(quartersOf({ quarters: line.b, hours: line.h })), topics: new Map(line.t) };
  return Array.isArray(line.q) ? { ...delta, quality: new Map(line.q) } : delta;
}

/** A log line or snapshot's buckets, keyed by quarter whichever version wrote them. */
function quartersOf<T>(record: { quarters?: [number, T][]; hours?: [number, T][] }): [number, T][] {
  return [
    ...(record.quarters ?? []),
    ...(record.hours ?? []).map(([hour, counters]): [number, T] => [quarterOfLegacyHour(hour), counters]),
  ];
}

/**
 * Analytics counters on disk: a snapshot plus an append-only log of deltas, so a write
 * costs one small append however long the history is, and queries read memory. The
 * log belongs to one snapshot generation: a crash between writing a new snapshot and
 * deleting the old log can never count a delta twice. One process owns a data dir.
 */
export class FsAnalyticsStore implements AnalyticsStore {
  private readonly dir: string;
  private readonly compactEvery: number;
  private state: Promise<{ tally: AnalyticsTally; generation: number; logLines: number }> | undefined;
  // Writes run one after another, so the log's order is the order deltas reached memory.
  private tail: Promise<unknown> = Promise.resolve();
  private batch: { delta: AnalyticsDelta; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private dirReady = false;
  // The snapshot file as this process last read or wrote it (inode and change time).
  private snapshotSeen = '';
  // A delta's append is one write(2) on a kept descriptor, done before `add` resolves: the chat
  // awaits it before the answer is acknowledged, at a few microseconds instead of a thread-pool
  // round trip (ADR 1200).
  private readonly appendFiles = new AppendFiles({ maxOpen: 1 });

  constructor(options: FsAnalyticsStoreOptions) {
    this.dir = resolve(options.dataDir, 'analytics');
    this.compactEvery = options.compactEvery ?? 10_000;
  }

  /**
   * Deltas that arrive while a write is in flight join the next write: one append carries
   * them all (group commit), so concurrent chats do not queue one file write each.
   */
  add(delta: AnalyticsDelta): Promise<void> {
    return new Promise((resolve, reject) => {
      this.batch.push({ delta, resolve, reject });
      if (this.batch.length === 1) void this.serialize(() => this.writeBatch());
    });
  }

  private async writeBatch(): Promise<void> {
    const batch = this.batch.splice(0);
    try {
      const state = await this.load();
      const text = batch.map(({ delta }) => `${JSON.stringify(toLogLine(delta))}\n`).join('');
      try {
        if (!this.dirReady) await ownFolder(this.dir);
        this.dirReady = true;
        const log = this.logPath(state.generation);
        this.appendFiles.append(log, log, Buffer.from(text, 'utf8'));
      } catch (error) {
        throw storeUnavailable(error);
      }
      for (const { delta } of batch) addDelta(state.tally, delta);
      state.logLines += batch.length;
      if (state.logLines >= this.compactEvery) await this.writeSnapshot(state.tally, state.generation + 1, state);
      for (const { resolve } of batch) resolve();
    } catch (error) {
      for (const { reject } of batch) reject(error);
    }
  }

  async buckets(range: BucketRange = {}): Promise<CounterBucket[]> {
    const { tally } = await this.load();
    return bucketsOf(tally, range);
  }

  async topics(): Promise<Map<string, number>> {
    return new Map((await this.load()).tally.topics);
  }

  async qualityDays(range: DayRange = {}): Promise<QualityBucket[]> {
    return qualityBucketsOf((await this.load()).tally.quality, range);
  }

  replace(tally: AnalyticsTally): Promise<void> {
    return this.serialize(async () => {
      const state = await this.load();
      await this.writeSnapshot(addDelta(emptyTally(), tally), state.generation + 1, state);
    });
  }

  /** Folds the log into a new snapshot: deltas taken back (a purge) no longer show in any file. */
  compact(): Promise<void> {
    return this.serialize(async () => {
      const state = await this.load();
      await this.writeSnapshot(addDelta(emptyTally(), state.tally), state.generation + 1, state);
    });
  }

  /** The folder, the snapshot and the current log are files of the store's own (or absent). */
  ready(): Promise<void> {
    return this.serialize(async () => {
      try {
        await checkOwnFolder(this.dir);
        const { generation } = await this.load();
        singleLinkStatNow(this.snapshotPath());
        singleLinkStatNow(this.logPath(generation));
      } catch (error) {
        throw storeUnavailable(error);
      }
    });
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => {});
    return run;
  }

  private load() {
    // Another process (`twin analytics rebuild`) wrote a new snapshot: what memory holds and the
    // log generation it appends to are stale, so both are read again.
    if (this.state && snapshotSignature(this.snapshotPath()) !== this.snapshotSeen) {
      this.state = undefined;
      this.appendFiles.closeAll();
    }
    this.state ??= this.readState().catch((error) => {
      this.state = undefined;
      throw storeUnavailable(error);
    });
    return this.state;
  }

  private async readState() {
    this.snapshotSeen = snapshotSignature(this.snapshotPath());
    await checkOwnFolder(this.dir);
    const snapshot = await readSnapshot(this.snapshotPath());
    const tally = emptyTally();
    addDelta(tally, { quarters: new Map(quartersOf(snapshot)), topics: new Map(snapshot.topics) });
    for (const [day, counters] of snapshot.quality ?? []) tally.quality.set(day, counters);
    let logLines = 0;
    const log = this.logPath(snapshot.generation);
    const { lines, torn } = await readLog(log);
    // End a torn line so the next append starts on a line of its own (through the checked descriptor).
    if (torn) this.appendFiles.append(log, log, Buffer.from('\n'));
    for (const line of lines) {
      addDelta(tally, fromLogLine(line));
      logLines++;
    }
    return { tally, generation: snapshot.generation, logLines };
  }

  private async writeSnapshot(
    tally: AnalyticsTally,
    generation: number,
    state: { tally: AnalyticsTally; generation: number; logLines: number },
  ): Promise<void> {
    const snapshot: Snapshot = {
      generation,
      quarters: [...tally.quarters],
      topics: [...tally.topics],
      quality: [...tally.quality],
    };
    const path = this.snapshotPath();
    try {
      await ownFolder(this.dir);
      await replaceFile(path, JSON.stringify(snapshot));
    } catch (error) {
      throw storeUnavailable(error);
    }
    this.snapshotSeen = snapshotSignature(path);
    this.appendFiles.close(this.logPath(state.generation));
    state.tally = tally;
    state.generation = generation;
    state.logLines = 0;
    // Logs of older generations are already inside the snapshot; removing them is tidying only.
    const names = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(
      names
        .filter(
          (n) => n.startsWith('counters.') && n.endsWith('.log.jsonl') && n !== `counters.${generation}.log.jsonl`,
        )
        .map((n) => rm(join(this.dir, n), { force: true }).catch(() => {})),
    );
  }

  private snapshotPath(): string {
    return join(this.dir, 'counters.json');
  }

  private logPath(generation: number): string {
    return join(this.dir, `counters.${generation}.log.jsonl`);
  }
}

/** Which counters.json the path names now: a rename-replace changes its inode. '' when absent. */
function snapshotSignature(path: string): string {
  const file = fileIdentityNow(path);
  return file ? `${file.ino}:${file.ctimeMs}` : '';
}

// Both files are read only as regular files of their own: a link or hard link is refused, never read.
async function readSnapshot(path: string): Promise<Snapshot> {
  const bytes = await readSingleLink(path);
  if (bytes === null) return { generation: 0, quarters: [], topics: [] };
  return JSON.parse(bytes.toString('utf8')) as Snapshot;
}

// A torn last line (a crash mid-append) is skipped; the rebuild command restores exact counts.
async function readLog(path: string): Promise<{ lines: LogLine[]; torn: boolean }> {
  const text = (await readSingleLink(path))?.toString('utf8') ?? '';
  const lines: LogLine[] = [];
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    try {
      const line = JSON.parse(raw) as LogLine;
      if ((Array.isArray(line.b) || Array.isArray(line.h)) && Array.isArray(line.t)) lines.push(line);
    } catch {
      // torn line
    }
  }
  return { lines, torn: text.length > 0 && !text.endsWith('\n') };
}
