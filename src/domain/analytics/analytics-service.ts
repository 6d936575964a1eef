import type { AnalyticsStore } from '../../ports/analytics-store.js';
import type { Clock } from '../../ports/clock.js';
import type { ConversationStore } from '../../ports/conversation-store.js';
import type { PersonaSource } from '../../ports/persona-source.js';
import { type Conversation, parseSessionId } from '../conversation/conversation.js';
import { NotFound } from '../errors.js';
import { analyzeConversation, type ConversationMetrics, type GlobalAnalytics, globalAnalytics } from './analytics.js';
import { addDelta, conversationDelta, emptyTally } from './analytics-counters.js';
import { type Granularity, seriesRange, type TimeSeries, type TimeSeriesRequest, timeSeries } from './time-series.js';
import { checkTimeZone } from './time-zone.js';
import { topicVocabulary } from './topics.js';

export interface AnalyticsServiceDeps {
  readonly conversations: ConversationStore;
  readonly counters: AnalyticsStore;
  readonly persona: PersonaSource;
  readonly clock: Clock;
  /** IANA name for hours of day, weekdays and day edges. Default UTC. */
  readonly timeZone?: string;
}

export interface RebuildProgress {
  readonly conversations: number;
  readonly messages: number;
}

/**
 * The owner's analytics. Overview and series read only the counters (O(15-minute buckets));
 * one conversation's metrics read that conversation; rebuild is the one full pass.
 */
export class AnalyticsService {
  readonly timeZone: string;

  constructor(private readonly deps: AnalyticsServiceDeps) {
    this.timeZone = checkTimeZone(deps.timeZone ?? 'UTC');
  }

  async overview(options: { timeZone?: string } = {}): Promise<GlobalAnalytics> {
    const timeZone = checkTimeZone(options.timeZone ?? this.timeZone);
    const [buckets, topics] = await Promise.all([this.deps.counters.buckets(), this.deps.counters.topics()]);
    return globalAnalytics(buckets, topics, timeZone);
  }

  async series(options: { days: number; granularity: Granularity; timeZone?: string }): Promise<TimeSeries> {
    const request: TimeSeriesRequest = {
      days: options.days,
      granularity: options.granularity,
      now: this.deps.clock.now(),
      timeZone: checkTimeZone(options.timeZone ?? this.timeZone),
    };
    return timeSeries(await this.deps.counters.buckets(seriesRange(request)), request);
  }

  async conversation(sessionId: unknown): Promise<ConversationMetrics> {
    const conversation = await this.deps.conversations.load(parseSessionId(sessionId));
    if (!conversation) throw new NotFound('No conversation with this session id');
    const persona = await this.deps.persona.load();
    return analyzeConversation(conversation, topicVocabulary(persona.facts));
  }

  /**
   * Recomputes every counter from the stored conversations, streaming them one at a
   * time: memory holds the counters (O(buckets + topics)), never the conversations.
   */
  async rebuild(onProgress?: (progress: RebuildProgress) => void): Promise<RebuildProgress> {
    const vocabulary = topicVocabulary((await this.deps.persona.load()).facts);
    const tally = emptyTally();
    let conversations = 0;
    let messages = 0;
    for await (const conversation of this.allConversations()) {
      addDelta(tally, conversationDelta(conversation, vocabulary));
      conversations++;
      messages += conversation.messages.length;
      onProgress?.({ conversations, messages });
    }
    await this.deps.counters.replace(tally);
    return { conversations, messages };
  }

  private allConversations(): AsyncIterable<Conversation> {
    const store = this.deps.conversations;
    return store.conversations ? store.conversations() : pagedConversations(store);
  }
}

async function* pagedConversations(store: ConversationStore): AsyncIterable<Conversation> {
  let cursor: string | undefined;
  do {
    const page = await store.listSessions(cursor === undefined ? { limit: 100 } : { limit: 100, cursor });
    for (const summary of page.items) {
      const conversation = await store.load(summary.session_id);
      if (conversation) yield conversation;
    }
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
}
