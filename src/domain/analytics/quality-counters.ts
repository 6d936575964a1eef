import type { Message, MessageRating } from '../conversation/conversation.js';

/**
 * Answer-quality counters kept per UTC day, beside the hour counters: one sparse map of
 * integer counters per day, so sums are exact in any order and any store can keep them
 * with plain additions (DynamoDB `ADD`). Field names:
 *   answers, limited, grounded, streamed, input_tokens, output_tokens, priced,
 *   cost_nano_usd, up, down, latency.<bucket>, ttft.<bucket>,
 *   v.<version>.answers|grounded|up|down|latency_ms|cost_nano_usd
 * Latencies go into log-scale histogram buckets (8 per doubling), which is what makes
 * p50/p95/p99 computable from sums, to within ±4.5 %.
 */
export type QualityCounters = Record<string, number>;

/** One UTC day of quality counters. `day` is whole days since the Unix epoch. */
export interface QualityBucket {
  readonly day: number;
  readonly counters: Readonly<QualityCounters>;
}

export interface DayRange {
  /** Epoch days, inclusive. */
  readonly from?: number;
  /** Epoch days, exclusive. */
  readonly to?: number;
}

export const DAY_MS = 86_400_000;
/** Histogram buckets per doubling of latency: bucket edges are 2^(i/8) ms apart. */
export const BUCKETS_PER_DOUBLING = 8;
/** The last bucket holds everything from 2^24 ms (4.7 hours) up. */
export const MAX_BUCKET = 24 * BUCKETS_PER_DOUBLING;
const MAX_VERSION_KEY_CHARS = 64;
const NANO = 1e9;

export function dayOf(timestamp: string | number): number {
  const ms = typeof timestamp === 'number' ? timestamp : Date.parse(timestamp);
  return Math.floor(ms / DAY_MS);
}

/** Bucket 0 holds [0, 1) ms; bucket i >= 1 holds [2^((i-1)/8), 2^(i/8)) ms. */
export function latencyBucket(ms: number): number {
  if (!(ms >= 1)) return 0;
  return Math.min(MAX_BUCKET, 1 + Math.floor(Math.log2(ms) * BUCKETS_PER_DOUBLING));
}

/** A bucket's representative value: the geometric middle of its range, in ms. */
export function bucketValue(bucket: number): number {
  return bucket === 0 ? 0 : 2 ** ((bucket - 0.5) / BUCKETS_PER_DOUBLING);
}

/**
 * The persona version as it may appear inside a counter name: letters, digits, `_` and
 * `-`, at most 64 characters ("unknown" when nothing is left). Persona folders give
 * 16 hexadecimal digits, which pass unchanged.
 */
export function versionKey(version: string): string {
  const key = version.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, MAX_VERSION_KEY_CHARS);
  return key === '' ? 'unknown' : key;
}

function add(target: QualityCounters, field: string, value: number): void {
  if (value === 0) return;
  target[field] = (target[field] ?? 0) + value;
}

/** What one stored answer adds, under the day it was given. Messages without an answer record add nothing. */
export function answerQuality(message: Pick<Message, 'role' | 'timestamp' | 'answer'>): Map<number, QualityCounters> {
  const answer = message.role === 'assistant' ? message.answer : undefined;
  if (answer === undefined) return new Map();
  const counters: QualityCounters = {};
  if (answer.source === 'limit') {
    add(counters, 'limited', 1);
    return new Map([[dayOf(message.timestamp), counters]]);
  }
  const version = `v.${versionKey(answer.persona_version)}`;
  const latency = Math.round(answer.latency_ms);
  const cost = answer.cost_usd === undefined ? 0 : Math.round(answer.cost_usd * NANO);
  add(counters, 'answers', 1);
  add(counters, `${version}.answers`, 1);
  if (answer.grounded) {
    add(counters, 'grounded', 1);
    add(counters, `${version}.grounded`, 1);
  }
  add(counters, 'input_tokens', Math.round(answer.input_tokens));
  add(counters, 'output_tokens', Math.round(answer.output_tokens));
  add(counters, `latency.${latencyBucket(latency)}`, 1);
  add(counters, `${version}.latency_ms`, latency);
  if (answer.time_to_first_token_ms !== undefined) {
    add(counters, 'streamed', 1);
    add(counters, `ttft.${latencyBucket(Math.round(answer.time_to_first_token_ms))}`, 1);
  }
  if (answer.cost_usd !== undefined) {
    add(counters, 'priced', 1);
    add(counters, 'cost_nano_usd', cost);
    add(counters, `${version}.cost_nano_usd`, cost);
  }
  return new Map([[dayOf(message.timestamp), counters]]);
}

/**
 * What a visitor's rating of `message` adds (sign -1 takes it back), under the day the
 * answer was given and its persona version: satisfaction belongs to the answer, not to
 * the moment it was rated.
 */
export function ratingQuality(
  message: Pick<Message, 'timestamp' | 'answer'>,
  rating: Pick<MessageRating, 'rating'>,
  sign: 1 | -1 = 1,
): Map<number, QualityCounters> {
  const counters: QualityCounters = {};
  add(counters, rating.rating, sign);
  if (message.answer && message.answer.source === 'model') {
    add(counters, `v.${versionKey(message.answer.persona_version)}.${rating.rating}`, sign);
  }
  return new Map([[dayOf(message.timestamp), counters]]);
}

/** Adds `delta` into `target` in place; counters that reach zero, and days left empty, are dropped. */
export function addQuality(
  target: Map<number, QualityCounters>,
  delta: ReadonlyMap<number, Readonly<QualityCounters>>,
  sign: 1 | -1 = 1,
): void {
  for (const [day, counters] of delta) {
    const sum = { ...target.get(day) };
    for (const [field, value] of Object.entries(counters)) {
      const next = (sum[field] ?? 0) + sign * value;
      if (next === 0) delete sum[field];
      else sum[field] = next;
    }
    if (Object.keys(sum).length === 0) target.delete(day);
    else target.set(day, sum);
  }
}

export function negateQuality(delta: ReadonlyMap<number, Readonly<QualityCounters>>): Map<number, QualityCounters> {
  const negated = new Map<number, QualityCounters>();
  addQuality(negated, delta, -1);
  return negated;
}

/** Sorted buckets, optionally only those with from <= day < to. */
export function qualityBucketsOf(
  quality: ReadonlyMap<number, Readonly<QualityCounters>>,
  range: DayRange = {},
): QualityBucket[] {
  const { from = Number.NEGATIVE_INFINITY, to = Number.POSITIVE_INFINITY } = range;
  return [...quality]
    .filter(([day]) => day >= from && day < to)
    .sort(([a], [b]) => a - b)
    .map(([day, counters]) => ({ day, counters: { ...counters } }));
}
