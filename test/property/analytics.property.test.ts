import { fc, it } from '@fast-check/vitest';
import vader from 'vader-sentiment';
import { lexicon } from 'vader-sentiment/src/vader_lexicon.js';
import { describe, expect } from 'vitest';
import { analyzeConversation, globalAnalytics, sumCounters } from '../../src/domain/analytics/analytics.js';
import {
  addDelta,
  bucketsOf,
  conversationDelta,
  emptyTally,
  QUARTER_MS,
} from '../../src/domain/analytics/analytics-counters.js';
import { mightHaveValence, sentimentOf } from '../../src/domain/analytics/sentiment.js';
import { seriesEdges, timeSeries } from '../../src/domain/analytics/time-series.js';
import { messageTopics, topicVocabulary } from '../../src/domain/analytics/topics.js';
import type { Conversation, MessageId, Role, SessionId } from '../../src/domain/conversation/conversation.js';
import { countWords, wordRuns } from '../../src/domain/text/word-runs.js';
import { testPersona } from '../support/personas.js';

const ORIGIN = Date.UTC(2026, 0, 1);
const ZONES = [
  'UTC',
  'Europe/Lisbon',
  'America/New_York',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Australia/Lord_Howe',
  'America/Havana',
];

// Every hard corner of text: astral planes, RTL, combining marks, ZWJ emoji, lone surrogates, empty.
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    '   ',
    '?',
    '？',
    '؟',
    'مرحبا؟',
    'e\u0301'.repeat(30),
    '👩‍👩‍👧‍👦',
    '\ud800',
    '我喜欢分布式系统吗',
  ),
);

const arbitraryConversation = fc
  .array(
    fc.record({
      role: fc.constantFrom<Role>('user', 'assistant'),
      content: anyText,
      gapSeconds: fc.integer({ min: 0, max: 3 * 86_400 }),
    }),
    { maxLength: 12 },
  )
  .chain((messages) =>
    fc.integer({ min: 0, max: 60 * 86_400 }).map((startSeconds): Conversation => {
      let at = ORIGIN + startSeconds * 1000;
      const stored = messages.map((m, i) => {
        at += m.gapSeconds * 1000;
        return {
          id: `m${i}` as MessageId,
          seq: i + 1,
          role: m.role,
          content: m.content,
          timestamp: new Date(at).toISOString(),
        };
      });
      const first = stored[0]?.timestamp ?? new Date(ORIGIN).toISOString();
      return {
        session: {
          session_id: 'prop-session-1' as SessionId,
          created_at: first,
          last_updated: stored.at(-1)?.timestamp ?? first,
          message_count: stored.length,
          metadata: {},
        },
        messages: stored,
      };
    }),
  );

const vocabulary = topicVocabulary(testPersona().facts);

function tallyOf(conversations: readonly Conversation[]) {
  const tally = emptyTally();
  for (const c of conversations) addDelta(tally, conversationDelta(c, vocabulary));
  return tally;
}

describe('analytics properties', () => {
  it.prop([arbitraryConversation])('per-conversation counts add up and are never NaN', (conversation) => {
    const m = analyzeConversation(conversation, vocabulary);
    expect(m.user_messages + m.assistant_messages).toBe(m.total_messages);
    expect(m.total_messages).toBe(conversation.messages.length);
    expect(m.questions).toBeLessThanOrEqual(m.user_messages);
    expect(m.turns).toBeLessThanOrEqual(Math.min(m.user_messages, m.assistant_messages));
    for (const value of [
      m.avg_user_message_length,
      m.avg_assistant_message_length,
      m.duration_seconds,
      m.avg_sentiment,
    ]) {
      expect(Number.isFinite(value)).toBe(true);
    }
    expect(m.duration_seconds).toBeGreaterThanOrEqual(0);
    const shares = m.sentiment.positive + m.sentiment.neutral + m.sentiment.negative;
    if (m.user_messages === 0) expect(shares).toBe(0);
    else expect(shares).toBeCloseTo(1, 2);
  });

  it.prop([fc.array(arbitraryConversation, { maxLength: 6 }), fc.constantFrom(...ZONES)])(
    'global rates stay in range and totals match the conversations',
    (conversations, zone) => {
      const tally = tallyOf(conversations);
      const g = globalAnalytics(bucketsOf(tally), tally.topics, zone);
      const nonEmpty = conversations.filter((c) => c.messages.length > 0);
      expect(g.total_sessions).toBe(nonEmpty.length);
      expect(g.total_messages).toBe(conversations.reduce((n, c) => n + c.messages.length, 0));
      expect(g.user_messages + g.assistant_messages).toBe(g.total_messages);
      expect(g.question_rate).toBeGreaterThanOrEqual(0);
      expect(g.question_rate).toBeLessThanOrEqual(100);
      for (const share of Object.values(g.sentiment)) expect(share >= 0 && share <= 1).toBe(true);
      expect(g.most_active_hours.reduce((n, h) => n + h.messages, 0)).toBe(g.total_messages);
      expect(g.most_active_weekdays.reduce((n, d) => n + d.messages, 0)).toBe(g.total_messages);
      expect(g.most_active_hours).toHaveLength(24);
      expect(g.most_active_weekdays).toHaveLength(7);
      for (const v of [g.avg_duration_seconds, g.avg_messages_per_session, g.avg_sentiment]) {
        expect(Number.isFinite(v)).toBe(true);
      }
    },
  );

  it.prop(
    [
      fc.array(arbitraryConversation, { maxLength: 5 }),
      fc.constantFrom<'hour' | 'day' | 'week'>('hour', 'day', 'week'),
      fc.constantFrom(...ZONES),
    ],
    { numRuns: 40 },
  )('time-series buckets partition the range and sum to the global totals', (conversations, granularity, zone) => {
    const tally = tallyOf(conversations);
    const buckets = bucketsOf(tally);
    // A range ending after the last message and long enough to hold all of them.
    const now = new Date(ORIGIN + 100 * 86_400_000);
    const days = granularity === 'hour' ? 31 : 120;
    const request = { days, granularity, now, timeZone: zone };
    const series = timeSeries(buckets, request);
    const edges = seriesEdges(request);
    expect(series.points).toHaveLength(edges.length - 1);
    series.points.forEach((p, i) => {
      expect(Date.parse(p.start)).toBe(edges[i]);
      expect(p.end).toBe(series.points[i + 1]?.start ?? p.end);
      expect(Date.parse(p.end)).toBeGreaterThan(Date.parse(p.start));
    });
    const inRange = buckets.filter(
      (b) => b.quarter * QUARTER_MS >= (edges[0] as number) && b.quarter * QUARTER_MS < (edges.at(-1) as number),
    );
    const total = sumCounters(inRange);
    const sum = (f: 'sessions' | 'messages' | 'user_messages' | 'questions') =>
      series.points.reduce((n, p) => n + p[f], 0);
    expect(sum('sessions')).toBe(total.sessions);
    expect(sum('messages')).toBe(total.messages);
    expect(sum('user_messages')).toBe(total.user_messages);
    expect(sum('questions')).toBe(total.questions);
    if (granularity !== 'hour') expect(sum('messages')).toBe(sumCounters(buckets).messages);
  });

  it.prop([anyText])('arbitrary unicode never throws', (text) => {
    expect(() => messageTopics(text, vocabulary)).not.toThrow();
    expect(Number.isInteger(countWords(text))).toBe(true);
    expect(countWords(text)).toBe(wordRuns(text).flat().length);
    expect(['positive', 'neutral', 'negative']).toContain(sentimentOf(text).label);
  });

  const lexiconWords = Object.keys(lexicon).slice(0, 4000);
  const tokens = fc.oneof(
    fc.constantFrom(...lexiconWords),
    fc.constantFrom('the', 'not', 'very', 'but', 'what', 'kind', 'of', 'system', 'budgets', '!', '?', ',', '.'),
    fc.string({ maxLength: 6 }),
  );
  it.prop([fc.array(fc.tuple(tokens, fc.constantFrom('', '!', ',', '.', '?', ':', ')')), { maxLength: 10 })])(
    'the lexicon pre-check never hides a score VADER would give',
    (parts) => {
      const text = parts.map(([word, punctuation]) => `${word}${punctuation}`).join(' ');
      if (!mightHaveValence(text)) expect(vader.SentimentIntensityAnalyzer.polarity_scores(text).compound).toBe(0);
    },
  );
});
