import { detectPromptInjection } from '../chat/prompt-injection.js';
import { type Conversation, codePointLength } from '../conversation/conversation.js';
import { InvalidInput } from '../errors.js';
import { isQuestion } from '../grounding/questions.js';
import { countWords } from '../text/word-runs.js';
import { COUNTER_FIELDS, emptyCounters, HOUR_MS, type HourBucket, type HourCounters } from './analytics-counters.js';
import { sentimentOf } from './sentiment.js';
import { addDays, localHour, startOfLocalDay, zonedParts } from './time-zone.js';
import { messageTopics, type TopicCount, type TopicVocabulary, topTopics } from './topics.js';

export interface SentimentShares {
  /** Shares of the user's messages, each in [0, 1]; all 0 when there are none. */
  readonly positive: number;
  readonly neutral: number;
  readonly negative: number;
}

/** Metrics of one conversation. Sentiment and topics read the visitor's messages only. */
export interface ConversationMetrics {
  readonly session_id: string;
  readonly total_messages: number;
  readonly user_messages: number;
  readonly assistant_messages: number;
  /** Code points. */
  readonly avg_user_message_length: number;
  readonly avg_assistant_message_length: number;
  /** A user message answered by the assistant message that follows it. */
  readonly turns: number;
  readonly words: number;
  readonly questions: number;
  readonly started_at: string | null;
  readonly ended_at: string | null;
  readonly duration_seconds: number;
  readonly topics: readonly TopicCount[];
  /** Mean VADER compound score of the user's messages, in [-1, 1]. */
  readonly avg_sentiment: number;
  readonly sentiment: SentimentShares;
  /** Visitor messages that tried to override or extract the twin's instructions (flagged, still answered). */
  readonly injection_attempts: number;
}

export interface GlobalAnalytics {
  readonly total_sessions: number;
  readonly total_messages: number;
  readonly user_messages: number;
  readonly assistant_messages: number;
  readonly avg_messages_per_session: number;
  readonly avg_words_per_session: number;
  readonly avg_duration_seconds: number;
  readonly avg_user_message_length: number;
  readonly avg_assistant_message_length: number;
  /** Percent of user messages that are questions, in [0, 100]. */
  readonly question_rate: number;
  readonly avg_sentiment: number;
  readonly sentiment: SentimentShares;
  /** All 24 local hours, busiest first. */
  readonly most_active_hours: readonly { readonly hour: number; readonly messages: number }[];
  /** All 7 weekdays, busiest first. */
  readonly most_active_weekdays: readonly { readonly weekday: string; readonly messages: number }[];
  readonly top_topics: readonly TopicCount[];
  readonly time_zone: string;
}

export type Granularity = 'hour' | 'day' | 'week';

export interface TimeSeriesPoint {
  /** ISO 8601 UTC instant the bucket starts at (inclusive). */
  readonly start: string;
  /** ISO 8601 UTC instant the next bucket starts at (exclusive). */
  readonly end: string;
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
  /** IANA name; bucket edges are local midnights (weeks start on Monday). Default UTC. */
  readonly timeZone?: string;
}

export const MAX_SERIES_DAYS = 366;
export const MAX_HOURLY_DAYS = 31;
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function ratio(part: number, whole: number, digits = 3): number {
  if (whole === 0) return 0;
  const factor = 10 ** digits;
  return Math.round((part / whole) * factor) / factor;
}

function shares(positive: number, neutral: number, negative: number): SentimentShares {
  const total = positive + neutral + negative;
  return { positive: ratio(positive, total), neutral: ratio(neutral, total), negative: ratio(negative, total) };
}

/** Metrics of one conversation, computed from its messages. Empty conversations give zeros. */
export function analyzeConversation(conversation: Conversation, vocabulary?: TopicVocabulary): ConversationMetrics {
  const totals = emptyCounters();
  const topics = new Map<string, number>();
  let turns = 0;
  let injectionAttempts = 0;
  let first: number | undefined;
  let last: number | undefined;
  conversation.messages.forEach((message, index) => {
    const at = Date.parse(message.timestamp);
    first = first === undefined ? at : Math.min(first, at);
    last = last === undefined ? at : Math.max(last, at);
    totals.messages++;
    totals.words += countWords(message.content);
    if (message.role === 'assistant') {
      totals.assistant_messages++;
      totals.assistant_chars += codePointLength(message.content);
      if (conversation.messages[index - 1]?.role === 'user') turns++;
      return;
    }
    const sentiment = sentimentOf(message.content);
    totals.user_messages++;
    totals.user_chars += codePointLength(message.content);
    totals.questions += isQuestion(message.content) ? 1 : 0;
    if (detectPromptInjection(message.content).length > 0) injectionAttempts++;
    totals.sentiment_milli += Math.round(sentiment.compound * 1000);
    totals[sentiment.label]++;
    for (const topic of messageTopics(message.content, vocabulary)) topics.set(topic, (topics.get(topic) ?? 0) + 1);
  });
  return {
    session_id: conversation.session.session_id,
    total_messages: totals.messages,
    user_messages: totals.user_messages,
    assistant_messages: totals.assistant_messages,
    avg_user_message_length: ratio(totals.user_chars, totals.user_messages, 1),
    avg_assistant_message_length: ratio(totals.assistant_chars, totals.assistant_messages, 1),
    turns,
    words: totals.words,
    questions: totals.questions,
    started_at: first === undefined ? null : new Date(first).toISOString(),
    ended_at: last === undefined ? null : new Date(last).toISOString(),
    duration_seconds: first === undefined || last === undefined ? 0 : (last - first) / 1000,
    topics: topTopics(topics),
    avg_sentiment: ratio(totals.sentiment_milli / 1000, totals.user_messages),
    sentiment: shares(totals.positive, totals.neutral, totals.negative),
    injection_attempts: injectionAttempts,
  };
}

/**
 * Sums counters field by field. A total below zero can only come from a subtraction of
 * something never counted (data from before counting was exact, or a lost update): it is
 * shown as 0, never as a negative figure; `twin analytics rebuild` makes the counters exact.
 */
export function sumCounters(buckets: Iterable<HourBucket>): HourCounters {
  const total = emptyCounters();
  for (const { counters } of buckets) for (const field of COUNTER_FIELDS) total[field] += counters[field];
  for (const field of COUNTER_FIELDS) if (field !== 'sentiment_milli') total[field] = Math.max(0, total[field]);
  return total;
}

/**
 * The owner's overview, from hour buckets and the topic tally: O(buckets + topics), never
 * O(messages). Hours and weekdays are local to `timeZone`; an hour bucket counts for the
 * local hour it starts in (exact for every zone whose offset is a whole number of hours).
 */
export function globalAnalytics(
  buckets: readonly HourBucket[],
  topics: Iterable<readonly [string, number]>,
  timeZone = 'UTC',
): GlobalAnalytics {
  const total = sumCounters(buckets);
  const hours = new Array<number>(24).fill(0);
  const weekdays = new Array<number>(7).fill(0);
  const offsets = new Map<number, number | null>();
  for (const { hour, counters } of buckets) {
    if (counters.messages === 0) continue;
    const local = localHour(hour, timeZone, offsets);
    const hourOfDay = ((local % 24) + 24) % 24;
    // Day 0 of the epoch (1970-01-01) was a Thursday: index 3 with Monday = 0.
    const weekday = (((Math.floor(local / 24) + 3) % 7) + 7) % 7;
    hours[hourOfDay] = (hours[hourOfDay] as number) + counters.messages;
    weekdays[weekday] = (weekdays[weekday] as number) + counters.messages;
  }
  return {
    total_sessions: total.sessions,
    total_messages: total.messages,
    user_messages: total.user_messages,
    assistant_messages: total.assistant_messages,
    avg_messages_per_session: ratio(total.messages, total.sessions, 2),
    avg_words_per_session: ratio(total.words, total.sessions, 1),
    avg_duration_seconds: ratio(total.duration_ms / 1000, total.sessions, 1),
    avg_user_message_length: ratio(total.user_chars, total.user_messages, 1),
    avg_assistant_message_length: ratio(total.assistant_chars, total.assistant_messages, 1),
    question_rate: Math.min(100, ratio(Math.min(total.questions, total.user_messages) * 100, total.user_messages, 2)),
    avg_sentiment: ratio(total.sentiment_milli / 1000, total.user_messages),
    sentiment: shares(total.positive, total.neutral, total.negative),
    // Like the totals, a bucket below zero (a subtraction racing its count) reads as 0.
    most_active_hours: hours
      .map((messages, hour) => ({ hour, messages: Math.max(0, messages) }))
      .sort((a, b) => b.messages - a.messages || a.hour - b.hour),
    most_active_weekdays: weekdays
      .map((messages, day) => ({ day, messages: Math.max(0, messages) }))
      .sort((a, b) => b.messages - a.messages || a.day - b.day)
      .map(({ day, messages }) => ({ weekday: WEEKDAYS[day] as string, messages })),
    top_topics: topTopics(topics),
    time_zone: timeZone,
  };
}

/** Bucket edges covering the last `days` days up to `now`, oldest first; consecutive edges share an instant. */
export function seriesEdges(request: TimeSeriesRequest): number[] {
  const { days, granularity, now } = request;
  const timeZone = request.timeZone ?? 'UTC';
  const limit = granularity === 'hour' ? MAX_HOURLY_DAYS : MAX_SERIES_DAYS;
  if (!Number.isSafeInteger(days) || days < 1 || days > limit) {
    throw new InvalidInput(`days must be a whole number from 1 to ${limit} for ${granularity} buckets`);
  }
  if (granularity === 'hour') {
    const end = (Math.floor(now.getTime() / HOUR_MS) + 1) * HOUR_MS;
    return Array.from({ length: days * 24 + 1 }, (_, i) => end - (days * 24 - i) * HOUR_MS);
  }
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
 * Activity per hour, day or week over the last `days` days, with every bucket present
 * (zeros where nothing happened). Each hour bucket lands in the point its start falls in,
 * so the points partition the range and their sums equal the counters' sums over it.
 */
export function timeSeries(buckets: readonly HourBucket[], request: TimeSeriesRequest): TimeSeries {
  const edges = seriesEdges(request);
  const sums = Array.from({ length: edges.length - 1 }, emptyCounters);
  for (const { hour, counters } of buckets) {
    const index = pointIndex(edges, hour * HOUR_MS);
    if (index === -1) continue;
    const target = sums[index] as HourCounters;
    for (const field of COUNTER_FIELDS) target[field] += counters[field];
  }
  return {
    granularity: request.granularity,
    time_zone: request.timeZone ?? 'UTC',
    points: sums.map((c, i) => ({
      start: new Date(edges[i] as number).toISOString(),
      end: new Date(edges[i + 1] as number).toISOString(),
      sessions: Math.max(0, c.sessions),
      messages: Math.max(0, c.messages),
      user_messages: Math.max(0, c.user_messages),
      questions: Math.max(0, c.questions),
      avg_sentiment: c.user_messages > 0 ? ratio(c.sentiment_milli / 1000, c.user_messages) : 0,
    })),
  };
}

/** The hour range (epoch hours, end exclusive) a series reads from the counters. */
export function seriesHourRange(request: TimeSeriesRequest): { from: number; to: number } {
  const edges = seriesEdges(request);
  return { from: Math.ceil((edges[0] as number) / HOUR_MS), to: Math.ceil((edges.at(-1) as number) / HOUR_MS) };
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
