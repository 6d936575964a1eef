import { detectPromptInjection } from '../chat/prompt-injection.js';
import { type Conversation, codePointLength } from '../conversation/conversation.js';
import { isQuestion } from '../grounding/questions.js';
import { countWords } from '../text/word-runs.js';
import {
  type BucketCounters,
  COUNTER_FIELDS,
  type CounterBucket,
  emptyCounters,
  QUARTERS_PER_HOUR,
} from './analytics-counters.js';
import { sentimentOf } from './sentiment.js';
import { localQuarter } from './time-zone.js';
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

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** part / whole rounded to `digits` decimals; 0 when whole is 0. */
export function ratio(part: number, whole: number, digits = 3): number {
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
export function sumCounters(buckets: Iterable<CounterBucket>): BucketCounters {
  const total = emptyCounters();
  for (const { counters } of buckets) for (const field of COUNTER_FIELDS) total[field] += counters[field];
  for (const field of COUNTER_FIELDS) if (field !== 'sentiment_milli') total[field] = Math.max(0, total[field]);
  return total;
}

/**
 * The owner's overview, from the 15-minute buckets and the topic tally: O(buckets + topics),
 * never O(messages). Hours and weekdays are local to `timeZone`, exact in every IANA zone
 * (offsets and their changes fall on quarter-hours, so a bucket lies in one local hour).
 */
export function globalAnalytics(
  buckets: readonly CounterBucket[],
  topics: Iterable<readonly [string, number]>,
  timeZone = 'UTC',
): GlobalAnalytics {
  const total = sumCounters(buckets);
  const hours = new Array<number>(24).fill(0);
  const weekdays = new Array<number>(7).fill(0);
  const offsets = new Map<number, number | null>();
  for (const { quarter, counters } of buckets) {
    if (counters.messages === 0) continue;
    const localHours = Math.floor(localQuarter(quarter, timeZone, offsets) / QUARTERS_PER_HOUR);
    const hourOfDay = ((localHours % 24) + 24) % 24;
    // Day 0 of the epoch (1970-01-01) was a Thursday: index 3 with Monday = 0.
    const weekday = (((Math.floor(localHours / 24) + 3) % 7) + 7) % 7;
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
