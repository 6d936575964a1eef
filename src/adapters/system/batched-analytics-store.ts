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
}

interface Batch {
  readonly tally: AnalyticsTally;
  /** How many deltas `added` had counted when this batch took its last one. */
  upTo: number;
  readonly written: Promise<void>;
  readonly settle: () => void;
}

/**
 * Group commit for analytics counters: deltas that arrive while a write is in flight are
 * summed and written together as one delta when it ends, so a busy twin writes one counter
 * update per write round trip instead of one per message, and concurrent chats never queue
 * one store write each.
 *
 * Durable when acknowledged: `add` resolves only once the write carrying its delta has
 * finished, so a turn that awaits it (the chat pipeline does, before the answer is
 * acknowledged) has its counters in the store; a crash after an answer loses no count.
 * A failed write is logged (with the repair, `twin analytics rebuild`) and resolves: counters
 * never fail an answer. Exact: integer sums are the same in any grouping, and every read
 * (`buckets`, `topics`, `qualityDays`, `replace`, `compact`) first waits for what is pending.
 */
export class BatchedAnalyticsStore implements AnalyticsStore {
  private readonly store: AnalyticsStore;
  private readonly logger: Logger;
  private pending: Batch | undefined;
  private writing: Promise<void> | undefined;
  private scheduled = false;
  // Deltas added so far, and how many of them a finished write has taken to the store.
  private added = 0;
  private written = 0;

  constructor(options: BatchedAnalyticsStoreOptions) {
    this.store = options.store;
    this.logger = options.logger;
  }

  add(delta: AnalyticsDelta): Promise<void> {
    this.pending ??= newBatch();
    addDelta(this.pending.tally, delta);
    this.added += 1;
    this.pending.upTo = this.added;
    const { written } = this.pending;
    this.schedule();
    return written;
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

  /** Whether the store could compact now (nothing pending is written: this only checks). */
  async ready(): Promise<void> {
    await this.store.ready?.();
  }

  // Deltas added in the same synchronous run share a write; one write at a time, so batches
  // reach the store in the order their deltas arrived.
  private schedule(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      void this.write();
    });
  }

  private write(): Promise<void> {
    const batch = this.pending;
    if (!batch || this.writing) return this.writing ?? Promise.resolve();
    this.pending = undefined;
    this.writing = this.store
      .add(batch.tally)
      .catch((error: unknown) => {
        this.logger.warn({ err: error }, 'analytics counters not updated; run `twin analytics rebuild`');
      })
      .finally(() => {
        this.written = batch.upTo;
        this.writing = undefined;
        batch.settle();
        if (this.pending) this.schedule();
      });
    return this.writing;
  }
}

function newBatch(): Batch {
  let settle: () => void = () => {};
  const written = new Promise<void>((resolve) => {
    settle = resolve;
  });
  return { tally: emptyTally(), upTo: 0, written, settle };
}
