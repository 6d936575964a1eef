import type { AnalyticsStore } from '../../ports/analytics-store.js';
import type { ConversationStore } from '../../ports/conversation-store.js';
import type { Logger } from '../../ports/logger.js';
import type { PersonaSource } from '../../ports/persona-source.js';
import type { UsageCounters } from '../../ports/usage-counters.js';
import { conversationDelta, negateDelta } from '../analytics/analytics-counters.js';
import { topicVocabulary } from '../analytics/topics.js';
import { NotFound } from '../errors.js';
import type { KnowledgeService } from '../knowledge/knowledge-service.js';
import { parseSessionId, type SessionId } from './conversation.js';

export interface SessionPurgeDeps {
  readonly store: ConversationStore;
  /** The topic vocabulary the counters were kept with. */
  readonly persona: PersonaSource;
  readonly logger: Logger;
  /** Its counts are taken back, and the store compacted so its words leave no log behind. */
  readonly analytics?: AnalyticsStore;
  /** Gaps and leads only it made go; shared ones count less and forget it. */
  readonly knowledge?: KnowledgeService;
  /** Its token budget and rate-limit windows. */
  readonly usage?: UsageCounters;
}

/**
 * The visitor's "forget me": removes every trace of one conversation from every store, from
 * any state (live, soft-deleted, expired). Each step is idempotent, so a purge cut short by a
 * crash is finished by running it again.
 */
export class SessionPurge {
  constructor(private readonly deps: SessionPurgeDeps) {}

  /** Throws NotFound when no store held anything of it, InvalidInput for a malformed id, StoreUnavailable. */
  async purge(sessionId: SessionId): Promise<void> {
    const id = parseSessionId(sessionId);
    // Every step below can be retried, except the last deletions: what must run after them is
    // checked first, so a refusal leaves the conversation as it was.
    await this.deps.analytics?.ready?.();
    // A live conversation is first soft-deleted with its counts taken back, as a soft delete
    // does: a retry then finds it soft-deleted and never takes them back twice.
    const live = await this.deps.store.load(id);
    if (live && (await this.deps.store.softDelete(id))) await this.uncount(live);
    const knowledge = (await this.deps.knowledge?.forgetSession(id)) ?? { gaps: 0, leads: 0 };
    await this.deps.usage?.forgetSession?.(id);
    const existed = await this.deps.store.purge(id);
    const found = live !== null || existed || knowledge.gaps + knowledge.leads > 0;
    if (!found) throw new NotFound('No conversation with this session id');
    await this.deps.analytics?.compact?.();
  }

  // Counters are derived data: a failure is logged and `twin analytics rebuild` repairs them.
  private async uncount(conversation: NonNullable<Awaited<ReturnType<ConversationStore['load']>>>): Promise<void> {
    if (!this.deps.analytics) return;
    try {
      const persona = await this.deps.persona.load();
      await this.deps.analytics.add(negateDelta(conversationDelta(conversation, topicVocabulary(persona.facts))));
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'analytics counters not updated; run `twin analytics rebuild`');
    }
  }
}
