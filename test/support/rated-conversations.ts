import type { FixedClock } from '../../src/adapters/memory/fixed-clock.js';
import { type MessageContext, messageDelta } from '../../src/domain/analytics/analytics-counters.js';
import type {
  AnswerRecord,
  Message,
  MessageId,
  NewMessage,
  SessionId,
} from '../../src/domain/conversation/conversation.js';
import type { AnalyticsStore } from '../../src/ports/analytics-store.js';
import type { ConversationStore } from '../../src/ports/conversation-store.js';

let ids = 0;

/** A record like the chat turn stores with each answer. */
export function answerRecord(overrides: Partial<AnswerRecord> = {}): AnswerRecord {
  return {
    grounded: true,
    source: 'model',
    model: 'gpt-4o-mini',
    persona_version: 'persona-a',
    latency_ms: 800,
    input_tokens: 500,
    output_tokens: 60,
    cost_usd: 0.000111,
    ...overrides,
  };
}

/**
 * Stores one question and its answer (with `answer` as its record) the way the chat turn
 * does, counting both messages in `analytics` as they are stored. Returns the stored pair.
 */
export async function storeTurn(
  store: ConversationStore,
  analytics: AnalyticsStore | undefined,
  clock: FixedClock,
  sessionId: SessionId,
  question: string,
  answer: string,
  record: AnswerRecord | undefined = answerRecord(),
): Promise<readonly Message[]> {
  const before = await store.load(sessionId, { limit: 0 });
  const context: MessageContext = {
    sessionStartedAt: before?.session.created_at,
    previousLastAt: before?.session.last_updated,
  };
  ids += 1;
  const asked: NewMessage = {
    id: `q${ids}` as MessageId,
    role: 'user',
    content: question,
    timestamp: clock.now().toISOString(),
  };
  clock.advance(record?.latency_ms ?? 500);
  const answered: NewMessage = {
    id: `a${ids}` as MessageId,
    role: 'assistant',
    content: answer,
    timestamp: clock.now().toISOString(),
    ...(record === undefined ? {} : { answer: record }),
  };
  const stored = await store.append(sessionId, [asked]);
  const storedAnswer = await store.append(sessionId, [answered]);
  if (analytics) {
    await analytics.add(messageDelta(asked, context));
    await analytics.add(
      messageDelta(answered, {
        sessionStartedAt: context.sessionStartedAt ?? asked.timestamp,
        previousLastAt: asked.timestamp,
      }),
    );
  }
  return [...stored, ...storedAnswer];
}
