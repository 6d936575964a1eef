import {
  type AnalyticsDelta,
  type AnalyticsTally,
  addDelta,
  bucketsOf,
  type CounterBucket,
  emptyTally,
} from '../../domain/analytics/analytics-counters.js';
import { type DayRange, type QualityBucket, qualityBucketsOf } from '../../domain/analytics/quality-counters.js';
import type { AnalyticsStore, BucketRange } from '../../ports/analytics-store.js';

/** Analytics counters in process memory: for tests, embedders and TWIN_STORE=memory. */
export class InMemoryAnalyticsStore implements AnalyticsStore {
  private tally: AnalyticsTally = emptyTally();

  async add(delta: AnalyticsDelta): Promise<void> {
    addDelta(this.tally, delta);
  }

  async buckets(range: BucketRange = {}): Promise<CounterBucket[]> {
    return bucketsOf(this.tally, range);
  }

  async topics(): Promise<Map<string, number>> {
    return new Map(this.tally.topics);
  }

  async qualityDays(range: DayRange = {}): Promise<QualityBucket[]> {
    return qualityBucketsOf(this.tally.quality, range);
  }

  async replace(tally: AnalyticsTally): Promise<void> {
    this.tally = addDelta(emptyTally(), tally);
  }
}
