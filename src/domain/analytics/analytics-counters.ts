import type { Conversation, Message } from '../conversation/conversation.js';
import { codePointLength } from '../conversation/conversation.js';
import { isQuestion } from '../grounding/questions.js';
import { countWords } from '../text/word-runs.js';
import { addQuality, answerQuality, negateQuality, type QualityCounters, ratingQuality } from './quality-counters.js';
import { sentimentOf } from './sentiment.js';
import { messageTopics, type TopicVocabulary } from './topics.js';

/** Every counter kept per bucket. All are integers, so sums are exact in any order and in any store. */
export const COUNTER_FIELDS = [
  'sessions',
  'messages',
  'user_messages',
  'assistant_messages',
  'user_chars',
  'assistant_chars',
  'words',
  'questions',
  'duration_ms',
  'sentiment_milli',
  'positive',
  'neutral',
  'negative',
] as const;

export type CounterField = (typeof COUNTER_FIELDS)[number];
export type BucketCounters = Record<CounterField, number>;

/**
 * Counters are kept per 15 minutes of UTC (ADR 0201): every UTC offset in use is a multiple
 * of 15 minutes and offsets change on quarter-hour instants, so each bucket lies in exactly
 * one local hour, day and weekday of every IANA zone, and any zone can be asked at read time.
 */
export const QUARTER_MS = 900_000;
export const QUARTERS_PER_HOUR = 4;

/** One 15-minute UTC bucket of counters. `quarter` is whole quarter-hours since the Unix epoch. */
export interface CounterBucket {
  readonly quarter: number;
  readonly counters: BucketCounters;
}

/**
 * What a write adds to the counters: per-bucket increments, plus topic mentions (kept as
 * one all-time tally, so top topics cost O(topics), not O(buckets x topics)).
 * Negative values subtract (a deleted conversation's contribution).
 */
export interface AnalyticsDelta {
  readonly quarters: ReadonlyMap<number, Partial<BucketCounters>>;
  readonly topics: ReadonlyMap<string, number>;
  /** Answer-quality counters per UTC day (quality-counters.ts); absent when a write adds none. */
  readonly quality?: ReadonlyMap<number, Readonly<QualityCounters>>;
}

/** A mutable delta: the accumulator of a full recompute. */
export interface AnalyticsTally {
  readonly quarters: Map<number, BucketCounters>;
  readonly topics: Map<string, number>;
  readonly quality: Map<number, QualityCounters>;
}

/** Where a message falls in its session, which is all a write needs beyond the message itself. */
export interface MessageContext {
  /** The session's first message time; undefined when this message starts the session. */
  readonly sessionStartedAt: string | undefined;
  /** The latest message time before this one; undefined when this message starts the session. */
  readonly previousLastAt: string | undefined;
}

export function emptyCounters(): BucketCounters {
  return Object.fromEntries(COUNTER_FIELDS.map((f) => [f, 0])) as BucketCounters;
}

export function emptyTally(): AnalyticsTally {
  return { quarters: new Map(), topics: new Map(), quality: new Map() };
}

/**
 * Where a counter written per UTC hour by an earlier version goes: the hour's first quarter.
 * Totals stay exact; local hours and days are as exact as they were (whole-hour zones) until
 * `twin analytics rebuild` recomputes them per quarter.
 */
export function quarterOfLegacyHour(hour: number): number {
  return hour * QUARTERS_PER_HOUR;
}

/** The 15-minute UTC bucket an instant (ISO 8601 or epoch ms) falls in. */
export function quarterOf(timestamp: string | number): number {
  const ms = typeof timestamp === 'number' ? timestamp : Date.parse(timestamp);
  return Math.floor(ms / QUARTER_MS);
}

/**
 * What one stored message adds. Durations telescope: each message adds how far it moved
 * the session's last time, to the bucket the session started in, so the increments of a
 * whole conversation sum to last minus first, exactly.
 */
export function messageDelta(
  message: Pick<Message, 'role' | 'content' | 'timestamp' | 'answer'>,
  context: MessageContext,
  vocabulary?: TopicVocabulary,
): AnalyticsDelta {
  const at = Date.parse(message.timestamp);
  const bucket: Partial<BucketCounters> = { messages: 1, words: countWords(message.content) };
  const quarters = new Map<number, Partial<BucketCounters>>([[quarterOf(at), bucket]]);
  const topics = new Map<string, number>();
  const chars = codePointLength(message.content);
  if (message.role === 'user') {
    const sentiment = sentimentOf(message.content);
    bucket.user_messages = 1;
    bucket.user_chars = chars;
    bucket.questions = isQuestion(message.content) ? 1 : 0;
    bucket.sentiment_milli = Math.round(sentiment.compound * 1000);
    bucket[sentiment.label] = 1;
    for (const topic of messageTopics(message.content, vocabulary)) topics.set(topic, 1);
  } else {
    bucket.assistant_messages = 1;
    bucket.assistant_chars = chars;
  }
  if (context.sessionStartedAt === undefined) {
    bucket.sessions = 1;
  } else {
    const previous = context.previousLastAt === undefined ? at : Date.parse(context.previousLastAt);
    const moved = Math.max(0, at - previous);
    if (moved > 0) addTo(quarters, quarterOf(context.sessionStartedAt), { duration_ms: moved });
  }
  const quality = answerQuality(message);
  return quality.size > 0 ? { quarters, topics, quality } : { quarters, topics };
}

/** What a whole stored conversation adds: the sum of its messages' deltas, in order. */
export function conversationDelta(conversation: Conversation, vocabulary?: TopicVocabulary): AnalyticsTally {
  const tally = emptyTally();
  let startedAt: string | undefined;
  let lastAt: string | undefined;
  for (const message of conversation.messages) {
    addDelta(tally, messageDelta(message, { sessionStartedAt: startedAt, previousLastAt: lastAt }, vocabulary));
    startedAt ??= message.timestamp;
    if (lastAt === undefined || Date.parse(message.timestamp) > Date.parse(lastAt)) lastAt = message.timestamp;
  }
  // Ratings count with the conversation, so deleting it takes them out of the figures too.
  const bySeq = new Map(conversation.messages.map((m) => [m.seq, m]));
  for (const rating of conversation.ratings ?? []) {
    const rated = bySeq.get(rating.seq);
    if (rated) addQuality(tally.quality, ratingQuality(rated, rating));
  }
  return tally;
}

/** Adds `delta` into `tally` in place; counters and topics that reach zero are dropped. */
export function addDelta(tally: AnalyticsTally, delta: AnalyticsDelta): AnalyticsTally {
  for (const [quarter, counters] of delta.quarters) {
    const target = tally.quarters.get(quarter) ?? emptyCounters();
    for (const field of COUNTER_FIELDS) target[field] += counters[field] ?? 0;
    if (COUNTER_FIELDS.every((f) => target[f] === 0)) tally.quarters.delete(quarter);
    else tally.quarters.set(quarter, target);
  }
  for (const [topic, count] of delta.topics) {
    const next = (tally.topics.get(topic) ?? 0) + count;
    if (next === 0) tally.topics.delete(topic);
    else tally.topics.set(topic, next);
  }
  if (delta.quality) addQuality(tally.quality, delta.quality);
  return tally;
}

/** The delta that undoes `delta`. */
export function negateDelta(delta: AnalyticsDelta): AnalyticsDelta {
  const quarters = new Map<number, Partial<BucketCounters>>();
  for (const [quarter, counters] of delta.quarters) {
    quarters.set(quarter, Object.fromEntries(Object.entries(counters).map(([f, v]) => [f, -(v ?? 0)])));
  }
  const topics = new Map([...delta.topics].map(([t, c]) => [t, -c]));
  return delta.quality ? { quarters, topics, quality: negateQuality(delta.quality) } : { quarters, topics };
}

function addTo(
  quarters: Map<number, Partial<BucketCounters>>,
  quarter: number,
  counters: Partial<BucketCounters>,
): void {
  const target = quarters.get(quarter) ?? {};
  for (const [field, value] of Object.entries(counters) as [CounterField, number][]) {
    target[field] = (target[field] ?? 0) + value;
  }
  quarters.set(quarter, target);
}

/** Sorted buckets of a tally, optionally only those with from <= quarter < to. */
export function bucketsOf(tally: AnalyticsTally, range: { from?: number; to?: number } = {}): CounterBucket[] {
  const { from = Number.NEGATIVE_INFINITY, to = Number.POSITIVE_INFINITY } = range;
  return [...tally.quarters]
    .filter(([quarter]) => quarter >= from && quarter < to)
    .sort(([a], [b]) => a - b)
    .map(([quarter, counters]) => ({ quarter, counters: { ...counters } }));
}
