import type { Conversation, Message } from '../conversation/conversation.js';
import { codePointLength } from '../conversation/conversation.js';
import { isQuestion } from '../grounding/questions.js';
import { countWords } from '../text/word-runs.js';
import { addQuality, answerQuality, negateQuality, type QualityCounters, ratingQuality } from './quality-counters.js';
import { sentimentOf } from './sentiment.js';
import { messageTopics, type TopicVocabulary } from './topics.js';

/** Every counter kept per UTC hour. All are integers, so sums are exact in any order and in any store. */
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
export type HourCounters = Record<CounterField, number>;

export const HOUR_MS = 3_600_000;

/** One UTC hour of counters. `hour` is whole hours since the Unix epoch. */
export interface HourBucket {
  readonly hour: number;
  readonly counters: HourCounters;
}

/**
 * What a write adds to the counters: per-hour increments, plus topic mentions (kept as
 * one all-time tally, so top topics cost O(topics), not O(hours x topics)).
 * Negative values subtract (a deleted conversation's contribution).
 */
export interface AnalyticsDelta {
  readonly hours: ReadonlyMap<number, Partial<HourCounters>>;
  readonly topics: ReadonlyMap<string, number>;
  /** Answer-quality counters per UTC day (quality-counters.ts); absent when a write adds none. */
  readonly quality?: ReadonlyMap<number, Readonly<QualityCounters>>;
}

/** A mutable delta: the accumulator of a full recompute. */
export interface AnalyticsTally {
  readonly hours: Map<number, HourCounters>;
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

export function emptyCounters(): HourCounters {
  return Object.fromEntries(COUNTER_FIELDS.map((f) => [f, 0])) as HourCounters;
}

export function emptyTally(): AnalyticsTally {
  return { hours: new Map(), topics: new Map(), quality: new Map() };
}

export function hourOf(timestamp: string | number): number {
  const ms = typeof timestamp === 'number' ? timestamp : Date.parse(timestamp);
  return Math.floor(ms / HOUR_MS);
}

/**
 * What one stored message adds. Durations telescope: each message adds how far it moved
 * the session's last time, to the hour the session started in, so the increments of a
 * whole conversation sum to last minus first, exactly.
 */
export function messageDelta(
  message: Pick<Message, 'role' | 'content' | 'timestamp' | 'answer'>,
  context: MessageContext,
  vocabulary?: TopicVocabulary,
): AnalyticsDelta {
  const at = Date.parse(message.timestamp);
  const hour: Partial<HourCounters> = { messages: 1, words: countWords(message.content) };
  const hours = new Map<number, Partial<HourCounters>>([[hourOf(at), hour]]);
  const topics = new Map<string, number>();
  const chars = codePointLength(message.content);
  if (message.role === 'user') {
    const sentiment = sentimentOf(message.content);
    hour.user_messages = 1;
    hour.user_chars = chars;
    hour.questions = isQuestion(message.content) ? 1 : 0;
    hour.sentiment_milli = Math.round(sentiment.compound * 1000);
    hour[sentiment.label] = 1;
    for (const topic of messageTopics(message.content, vocabulary)) topics.set(topic, 1);
  } else {
    hour.assistant_messages = 1;
    hour.assistant_chars = chars;
  }
  if (context.sessionStartedAt === undefined) {
    hour.sessions = 1;
  } else {
    const previous = context.previousLastAt === undefined ? at : Date.parse(context.previousLastAt);
    const moved = Math.max(0, at - previous);
    if (moved > 0) addTo(hours, hourOf(context.sessionStartedAt), { duration_ms: moved });
  }
  const quality = answerQuality(message);
  return quality.size > 0 ? { hours, topics, quality } : { hours, topics };
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
  for (const [hour, counters] of delta.hours) {
    const target = tally.hours.get(hour) ?? emptyCounters();
    for (const field of COUNTER_FIELDS) target[field] += counters[field] ?? 0;
    if (COUNTER_FIELDS.every((f) => target[f] === 0)) tally.hours.delete(hour);
    else tally.hours.set(hour, target);
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
  const hours = new Map<number, Partial<HourCounters>>();
  for (const [hour, counters] of delta.hours) {
    hours.set(hour, Object.fromEntries(Object.entries(counters).map(([f, v]) => [f, -(v ?? 0)])));
  }
  const topics = new Map([...delta.topics].map(([t, c]) => [t, -c]));
  return delta.quality ? { hours, topics, quality: negateQuality(delta.quality) } : { hours, topics };
}

function addTo(hours: Map<number, Partial<HourCounters>>, hour: number, counters: Partial<HourCounters>): void {
  const target = hours.get(hour) ?? {};
  for (const [field, value] of Object.entries(counters) as [CounterField, number][]) {
    target[field] = (target[field] ?? 0) + value;
  }
  hours.set(hour, target);
}

/** Sorted buckets of a tally, optionally only those with from <= hour < to. */
export function bucketsOf(tally: AnalyticsTally, range: { from?: number; to?: number } = {}): HourBucket[] {
  const { from = Number.NEGATIVE_INFINITY, to = Number.POSITIVE_INFINITY } = range;
  return [...tally.hours]
    .filter(([hour]) => hour >= from && hour < to)
    .sort(([a], [b]) => a - b)
    .map(([hour, counters]) => ({ hour, counters: { ...counters } }));
}
