import type { AnalyticsDelta, AnalyticsTally, HourBucket } from '../domain/analytics/analytics-counters.js';
import type { DayRange, QualityBucket } from '../domain/analytics/quality-counters.js';

export interface HourRange {
  /** Epoch hours, inclusive. */
  readonly from?: number;
  /** Epoch hours, exclusive. */
  readonly to?: number;
}

/**
 * Analytics counters kept at write time, per UTC hour, plus an all-time topic tally.
 * Implementations: InMemoryAnalyticsStore, FsAnalyticsStore, DynamoAnalyticsStore.
 */
export interface AnalyticsStore {
  /** Adds a delta; concurrent adds never lose an increment. Throws StoreUnavailable. */
  add(delta: AnalyticsDelta): Promise<void>;
  /** Non-empty hour buckets in the range, oldest first. */
  hours(range?: HourRange): Promise<HourBucket[]>;
  /** Topic -> number of user messages mentioning it (only counts above zero). */
  topics(): Promise<Map<string, number>>;
  /** Non-empty day buckets of answer-quality counters in the range, oldest first. */
  qualityDays(range?: DayRange): Promise<QualityBucket[]>;
  /** Replaces every counter with a recomputed tally (the last step of a rebuild). */
  replace(tally: AnalyticsTally): Promise<void>;
}
