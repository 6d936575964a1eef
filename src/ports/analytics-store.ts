import type { AnalyticsDelta, AnalyticsTally, CounterBucket } from '../domain/analytics/analytics-counters.js';
import type { DayRange, QualityBucket } from '../domain/analytics/quality-counters.js';

export interface BucketRange {
  /** Quarter-hours since the epoch, inclusive. */
  readonly from?: number;
  /** Quarter-hours since the epoch, exclusive. */
  readonly to?: number;
}

/**
 * Analytics counters kept at write time, per 15 minutes of UTC, plus an all-time topic tally.
 * Implementations: InMemoryAnalyticsStore, FsAnalyticsStore, DynamoAnalyticsStore. Counters
 * written per UTC hour by earlier versions are read as the hour's first quarter (ADR 0201)
 * until `twin analytics rebuild` rewrites them.
 */
export interface AnalyticsStore {
  /** Adds a delta; concurrent adds never lose an increment. Throws StoreUnavailable. */
  add(delta: AnalyticsDelta): Promise<void>;
  /** Non-empty buckets in the range, oldest first. */
  buckets(range?: BucketRange): Promise<CounterBucket[]>;
  /** Topic -> number of user messages mentioning it (only counts above zero). */
  topics(): Promise<Map<string, number>>;
  /** Non-empty day buckets of answer-quality counters in the range, oldest first. */
  qualityDays(range?: DayRange): Promise<QualityBucket[]>;
  /** Replaces every counter with a recomputed tally (the last step of a rebuild). */
  replace(tally: AnalyticsTally): Promise<void>;
  /**
   * Rewrites storage so that contributions taken back leave no trace (a purged visitor's
   * topic words in a log of deltas). Optional: stores that keep no history need none.
   */
  compact?(): Promise<void>;
  /**
   * Throws (StoreUnavailable) when `compact` could not run now, so a purge refuses before it
   * deletes anything rather than after (a retry would then find nothing and say 404, with the
   * visitor's traces still in the log). Optional, like `compact`.
   */
  ready?(): Promise<void>;
  /** Writes anything buffered; hosts call it before the process exits or freezes. Optional. */
  flush?(): Promise<void>;
}
