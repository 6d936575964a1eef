import {
  type AnalyticsDelta,
  type AnalyticsTally,
  addDelta,
  type CounterBucket,
  emptyTally,
} from '../../domain/analytics/analytics-counters.js';
import type { DayRange, QualityBucket } from '../../domain/analytics/quality-counters.js';
import type { AnalyticsStore, BucketRange } from '../../ports/analytics-store.js';
import type { Logger } from '../../ports/logger.js';

export interface BatchedAnalyticsStoreOptions {
  /** Where the counters are kept. */
  readonly store: AnalyticsStore;
  /** Told when a batch could not be written (the counters then need `twin analytics rebuild`). */
  readonly logger: Logger;
  /** How long deltas gather before they are written together, in ms. Default 50. */
  readonly delayMs?: number;
}

/**
 * Analytics counter writes taken off the chat path: `add` sums the delta into a pending batch
 * and returns at once; the batch is written to the store `delayMs` later (or when the write
 * before it finishes) as one summed delta, so a busy twin writes one counter update per batch
 * instead of one per message, and no answer waits for a counter write.
 *
 * Exact: integer sums are the same in any grouping, and every read here (`buckets`, `topics`,
 * `qualityDays`, `replace`, `compact`) first writes what is pending, so a reader in this process always
 * sees every message counted. Hosts call `flush()` before the process exits or freezes (Lambda
 * does after each invocation). A crash loses at most the pending batch's increments, like a
 * failed write always could; `twin analytics rebuild` recomputes them from the conversations.
 */
export class BatchedAnalyticsStore implements AnalyticsStore {
  private readonly store: AnalyticsStore;
  private readonly logger: Logger;
  private readonly delayMs: number;
  private pending: AnalyticsTally | undefined;
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  // Deltas added so far, and how many of them a finished write has taken to the store.
  private added = 0;
  private written = 0;

  constructor(options: BatchedAnalyticsStoreOptions) {
    this.store = options.store;
    this.logger = options.logger;
    this.delayMs = options.delayMs ?? 50;
  }

  add(delta: AnalyticsDelta): Promise<void> {
    this.pending ??= emptyTally();
    addDelta(this.pending, delta);
    this.added += 1;
    this.schedule();
    return Promise.resolve();
  }

  /** Writes every delta added before this call; resolves once they are in the store (or failed and logged). */
  async flush(): Promise<void> {
    const target = this.added;
    while (this.written < target) await (this.writing ?? this.write());
  }

  async buckets(range?: BucketRange): Promise<CounterBucket[]> {
    await this.flush();
    return this.store.buckets(range);
  }

  async topics(): Promise<Map<string, number>> {
    await this.flush();
    return this.store.topics();
  }

  async qualityDays(range?: DayRange): Promise<QualityBucket[]> {
    await this.flush();
    return this.store.qualityDays(range);
  }

  async replace(tally: AnalyticsTally): Promise<void> {
    await this.flush();
    await this.store.replace(tally);
  }

  /** After a purge: what was taken back is written first, so the compaction leaves no trace of it. */
  async compact(): Promise<void> {
    await this.flush();
    await this.store.compact?.();
  }

  // One write at a time, so batches reach the store in the order their deltas arrived.
  private schedule(): void {
    if (this.timer || this.writing) return;
    // Not unref'd: a process that ends on its own still writes its last batch, at most delayMs later.
    this.timer = setTimeout(() => void this.write(), this.delayMs);
  }

  private write(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    if (!batch || this.writing) return this.writing ?? Promise.resolve();
    this.pending = undefined;
    const upTo = this.added;
    this.writing = this.store
      .add(batch)
      .catch((error: unknown) => {
        this.logger.warn({ err: error }, 'analytics counters not updated; run `twin analytics rebuild`');
      })
      .finally(() => {
        this.written = upTo;
        this.writing = undefined;
        if (this.pending) this.schedule();
      });
    return this.writing;
  }
}
