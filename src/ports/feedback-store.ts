import type { MessageRating, Page, SessionId } from '../domain/conversation/conversation.js';
import type { RatedAnswer, RatedAnswerQuery } from '../domain/feedback/feedback.js';

/**
 * Visitors' ratings of answers, kept beside the conversation they belong to: the
 * conversation stores implement it (InMemoryConversationStore, FsConversationStore,
 * DynamoConversationStore; all pass test/contract/feedback-store.contract.ts), their
 * `load` returns a session's ratings and their `purge` removes them.
 */
export interface FeedbackStore {
  /**
   * Keeps the rating of message `rated.seq`, replacing an earlier rating of the same
   * message, and returns the replaced one (null when there was none). Concurrent ratings
   * of one message leave exactly one, and each caller learns the one it replaced.
   * Throws NotFound when the session is not visible (absent, deleted, expired) or has no
   * message with that seq; StoreUnavailable on I/O failure.
   */
  rate(sessionId: SessionId, rated: Omit<RatedAnswer, 'session_id'>): Promise<MessageRating | null>;
  /**
   * Rated answers with this rating across visible sessions, newest rating first, in pages
   * of at most 100. A page may hold fewer items than asked and still have a next cursor.
   * Throws InvalidInput for a cursor it did not issue.
   */
  ratedAnswers(query: RatedAnswerQuery): Promise<Page<RatedAnswer>>;
  /** Removes every rating of the session. Idempotent; the store's purge calls it. */
  removeFeedback(sessionId: SessionId): Promise<void>;
}
