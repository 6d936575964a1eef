import { InvalidInput } from '../errors.js';
import { ratio } from './analytics.js';
import {
  type BucketCounters,
  COUNTER_FIELDS,
  type CounterBucket,
  emptyCounters,
  QUARTER_MS,
  QUARTERS_PER_HOUR,
} from './analytics-counters.js';
import { addDays, localQuarter, startOfLocalDay, zonedParts } from './time-zone.js';

export type Granularity = 'hour' | 'day' | 'week';

export interface TimeSeriesPoint {
  /** ISO 8601 UTC instant the bucket starts at (inclusive). */
  readonly start: string;
  /** ISO 8601 UTC instant the next bucket starts at (exclusive). */
  readonly end: string;
  /** The wall clock in the series' zone when the bucket starts, `YYYY-MM-DDTHH:MM`: its label. */
  readonly local_start: string;
  readonly sessions: number;
  readonly messages: number;
  readonly user_messages: number;
  readonly questions: number;
  readonly avg_sentiment: number;
}

export interface TimeSeries {
  readonly granularity: Granularity;
  readonly time_zone: string;
  readonly points: readonly TimeSeriesPoint[];
}

export interface TimeSeriesRequest {
  /** 1..366 (1..31 for hours). */
  readonly days: number;
  readonly granularity: Granularity;
  readonly now: Date;
  /** IANA name; edges are local hour starts, local midnights, local Monday midnights. Default UTC. */
  readonly timeZone?: string;
}

export const MAX_SERIES_DAYS = 366;
export const MAX_HOURLY_DAYS = 31;

/** Bucket edges covering the last `days` days up to `now`, oldest first; consecutive edges share an instant. */
export function seriesEdges(request: TimeSeriesRequest): number[] {
  const { days, granularity, now } = request;
  const timeZone = request.timeZone ?? 'UTC';
  const limit = granularity === 'hour' ? MAX_HOURLY_DAYS : MAX_SERIES_DAYS;
  if (!Number.isSafeInteger(days) || days < 1 || days > limit) {
    throw new InvalidInput(`days must be a whole number from 1 to ${limit} for ${granularity} buckets`);
  }
  if (granularity === 'hour') return localHourEdges(now.getTime(), days, timeZone);
  const today = zonedParts(now.getTime(), timeZone);
  let first = addDays(today, -(days - 1));
  let step = 1;
  let last = addDays(today, 1);
  if (granularity === 'week') {
    step = 7;
    first = addDays(
      first,
      -zonedParts(startOfLocalDay(first.year, first.month, first.day, timeZone), timeZone).weekday,
    );
    last = addDays(today, 7 - today.weekday);
  }
  const edges: number[] = [];
  for (let date = first; ; date = addDays(date, step)) {
    edges.push(startOfLocalDay(date.year, date.month, date.day, timeZone));
    if (date.year === last.year && date.month === last.month && date.day === last.day) break;
  }
  return edges;
}

/**
 * Where local hours start over the `days` x 24 hours ending with the local hour that holds
 * `now`: every quarter where the wall clock shows :00, or where it jumped into another hour
 * (a 30-minute DST change, as on Lord Howe Island). At most 31 x 96 quarters are looked at,
 * with one Intl lookup per UTC day on days without a transition.
 */
function localHourEdges(now: number, days: number, timeZone: string): number[] {
  const offsets = new Map<number, number | null>();
  const hourAt = (quarter: number) => Math.floor(localQuarter(quarter, timeZone, offsets) / QUARTERS_PER_HOUR);
  const startsHour = (quarter: number) => {
    const local = localQuarter(quarter, timeZone, offsets);
    return local % QUARTERS_PER_HOUR === 0 || hourAt(quarter - 1) !== Math.floor(local / QUARTERS_PER_HOUR);
  };
  let end = Math.floor(now / QUARTER_MS) + 1;
  while (!startsHour(end)) end++;
  const edges: number[] = [];
  for (let quarter = end - days * 24 * QUARTERS_PER_HOUR; quarter <= end; quarter++) {
    if (startsHour(quarter)) edges.push(quarter * QUARTER_MS);
  }
  return edges;
}

/**
 * Activity per hour, day or week over the last `days` days, with every bucket present
 * (zeros where nothing happened). Each 15-minute counter bucket lies inside one point (edges
 * fall on quarter-hours), so the points partition the range and their sums equal the
 * counters' sums over it.
 */
export function timeSeries(buckets: readonly CounterBucket[], request: TimeSeriesRequest): TimeSeries {
  const edges = seriesEdges(request);
  const timeZone = request.timeZone ?? 'UTC';
  const offsets = new Map<number, number | null>();
  const sums = Array.from({ length: edges.length - 1 }, emptyCounters);
  for (const { quarter, counters } of buckets) {
    const index = pointIndex(edges, quarter * QUARTER_MS);
    if (index === -1) continue;
    const target = sums[index] as BucketCounters;
    for (const field of COUNTER_FIELDS) target[field] += counters[field];
  }
  return {
    granularity: request.granularity,
    time_zone: timeZone,
    points: sums.map((c, i) => ({
      start: new Date(edges[i] as number).toISOString(),
      end: new Date(edges[i + 1] as number).toISOString(),
      local_start: wallClock(edges[i] as number, timeZone, offsets),
      // Never below zero, even where a subtraction met something never counted (ADR 0701).
      sessions: Math.max(0, c.sessions),
      messages: Math.max(0, c.messages),
      user_messages: Math.max(0, c.user_messages),
      questions: Math.max(0, c.questions),
      avg_sentiment: c.user_messages > 0 ? ratio(c.sentiment_milli / 1000, c.user_messages) : 0,
    })),
  };
}

/** The bucket range (quarter-hours since the epoch, end exclusive) a series reads from the counters. */
export function seriesRange(request: TimeSeriesRequest): { from: number; to: number } {
  const edges = seriesEdges(request);
  return { from: Math.ceil((edges[0] as number) / QUARTER_MS), to: Math.ceil((edges.at(-1) as number) / QUARTER_MS) };
}

// Through the per-day offset cache: an hourly series has up to 744 labels, one Intl call a day.
function wallClock(ms: number, timeZone: string, offsets: Map<number, number | null>): string {
  const quarter = Math.floor(ms / QUARTER_MS);
  const local = new Date(localQuarter(quarter, timeZone, offsets) * QUARTER_MS + (ms - quarter * QUARTER_MS));
  return local.toISOString().slice(0, 16);
}

// Binary search for the point whose [start, end) holds `at`; -1 outside the range.
function pointIndex(edges: readonly number[], at: number): number {
  if (at < (edges[0] as number) || at >= (edges.at(-1) as number)) return -1;
  let low = 0;
  let high = edges.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((edges[mid] as number) <= at) low = mid;
    else high = mid - 1;
  }
  return low;
}
