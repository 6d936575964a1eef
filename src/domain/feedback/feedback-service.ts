import type { AnalyticsStore } from '../../ports/analytics-store.js';
import type { Clock } from '../../ports/clock.js';
import type { ConversationStore } from '../../ports/conversation-store.js';
import type { FeedbackStore } from '../../ports/feedback-store.js';
import type { Logger } from '../../ports/logger.js';
import { addQuality, type QualityCounters, ratingQuality } from '../analytics/quality-counters.js';
import { clampPageLimit, type Page, parseSessionId } from '../conversation/conversation.js';
import { Conflict, InvalidInput, NotFound } from '../errors.js';
import type { KnowledgeGap } from '../knowledge/knowledge-gaps.js';
import type { KnowledgeService } from '../knowledge/knowledge-service.js';
import { isGapCandidate, isRatingValue, parseRatingRequest, type RatedAnswer, rateAnswer } from './feedback.js';

export interface FeedbackServiceDeps {
  readonly conversations: ConversationStore;
  /** Usually the same object as `conversations`: ratings live beside their conversation. */
  readonly feedback: FeedbackStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Satisfaction counters are updated as ratings arrive; a failed update is logged, never fails a rating. */
  readonly analytics?: AnalyticsStore;
  /** Where thumbs-down answers are offered as knowledge gaps. */
  readonly knowledge?: KnowledgeService;
}

/** A rated answer as the owner sees it: is it worth teaching the twin? */
export type OwnerRatedAnswer = RatedAnswer & { readonly gap_candidate: boolean };

/** Visitors rate answers; the owner reads the ratings and turns bad answers into knowledge gaps. */
export class FeedbackService {
  constructor(private readonly deps: FeedbackServiceDeps) {}

  /**
   * Rates answer `message_index` of the session (0-based, as GET /conversation lists it).
   * A later rating of the same answer replaces the earlier one. Throws InvalidInput for a
   * bad body or an index that is not an answer, NotFound for an unknown session.
   */
  async rate(rawSessionId: unknown, body: unknown): Promise<void> {
    const sessionId = parseSessionId(rawSessionId);
    const request = parseRatingRequest(body);
    const conversation = await this.deps.conversations.load(sessionId);
    if (!conversation) throw new NotFound('No conversation with this session id');
    const { message, rated } = rateAnswer(conversation, request, this.deps.clock.now().toISOString());
    const { session_id: _, ...stored } = rated;
    const previous = await this.deps.feedback.rate(sessionId, stored);
    if (!this.deps.analytics) return;
    const quality = new Map<number, QualityCounters>();
    if (previous) addQuality(quality, ratingQuality(message, previous, -1));
    addQuality(quality, ratingQuality(message, rated));
    try {
      await this.deps.analytics.add({ quarters: new Map(), topics: new Map(), quality });
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'feedback counters not updated; run `twin analytics rebuild`');
    }
  }

  /** Rated answers, newest first: thumbs-down unless `rating` says otherwise. */
  async ratedAnswers(
    query: { rating?: unknown; limit?: number; cursor?: string } = {},
  ): Promise<Page<OwnerRatedAnswer>> {
    const rating = query.rating ?? 'down';
    if (!isRatingValue(rating)) throw new InvalidInput('rating must be "up" or "down"');
    const page = await this.deps.feedback.ratedAnswers({
      rating,
      limit: clampPageLimit(query.limit),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    });
    return {
      items: page.items.map((r) => ({ ...r, gap_candidate: isGapCandidate(r) })),
      next_cursor: page.next_cursor,
    };
  }

  /**
   * The owner accepts a thumbs-down answer as a knowledge gap: its question joins the open
   * gaps (counted with any earlier asking of the same question), to be answered there.
   * Conflict unless the visitor's current rating of that answer is thumbs-down.
   */
  async offerAsGap(rawSessionId: unknown, messageIndex: unknown): Promise<KnowledgeGap> {
    const sessionId = parseSessionId(rawSessionId);
    if (typeof messageIndex !== 'number' || !Number.isSafeInteger(messageIndex) || messageIndex < 0) {
      throw new InvalidInput('message_index must be a whole number, 0 or more');
    }
    if (!this.deps.knowledge) throw new NotFound('Knowledge gaps are not kept on this server');
    const conversation = await this.deps.conversations.load(sessionId);
    if (!conversation) throw new NotFound('No conversation with this session id');
    const message = conversation.messages[messageIndex];
    const rating = conversation.ratings?.find((r) => r.seq === message?.seq);
    if (!message || rating?.rating !== 'down')
      throw new Conflict('Only an answer rated thumbs-down can become a knowledge gap');
    const question = conversation.messages.slice(0, messageIndex).findLast((m) => m.role === 'user')?.content;
    if (!question) throw new Conflict('This answer has no question to turn into a knowledge gap');
    // Asked in this conversation: purging it takes the asking back, like any gap it made.
    return this.deps.knowledge.recordGap(question, sessionId);
  }
}
