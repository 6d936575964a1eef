import type { AnalyticsStore } from '../../ports/analytics-store.js';
import type { Logger } from '../../ports/logger.js';
import {
  type AnalyticsDelta,
  conversationDelta,
  type MessageContext,
  messageDelta,
  negateDelta,
} from '../analytics/analytics-counters.js';
import { topicVocabulary } from '../analytics/topics.js';
import type { Conversation, Message } from '../conversation/conversation.js';
import type { Persona } from '../persona/persona.js';

// `answer` feeds the answer-quality counters (latency, tokens, cost, persona version).
type Counted = Pick<Message, 'role' | 'content' | 'timestamp' | 'answer'>;

/**
 * The analytics counters' side of a turn. Every stored message is counted exactly once, with
 * the text as stored (masked when the owner keeps no contact details), and a removal subtracts
 * exactly what the stored conversation contributed. Counters are derived data: a failed update is
 * logged, never fails a chat, and `twin analytics rebuild` repairs it.
 */
export class TurnAnalytics {
  constructor(
    private readonly store: AnalyticsStore | undefined,
    private readonly logger: Logger,
  ) {}

  get enabled(): boolean {
    return this.store !== undefined;
  }

  /** Counts messages just stored, in order; sentiment and topics are computed here, after the model answered. */
  async messages(entries: readonly { message: Counted; context: MessageContext }[], persona: Persona): Promise<void> {
    if (!this.store || entries.length === 0) return;
    const vocabulary = topicVocabulary(persona.facts);
    for (const { message, context } of entries) await this.add(messageDelta(message, context, vocabulary));
  }

  /** Takes a stored conversation's whole contribution back out (soft delete or purge). */
  async forget(conversation: Conversation, persona: Persona): Promise<void> {
    if (!this.store) return;
    await this.add(negateDelta(conversationDelta(conversation, topicVocabulary(persona.facts))));
  }

  private async add(delta: AnalyticsDelta): Promise<void> {
    try {
      await this.store?.add(delta);
    } catch (error) {
      this.logger.warn({ err: error }, 'analytics counters not updated; run `twin analytics rebuild`');
    }
  }
}
