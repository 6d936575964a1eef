import type { Container } from 'inversify';
import { ConversationExports } from '../domain/conversation/conversation-exports.js';
import { FeedbackService } from '../domain/feedback/feedback-service.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { FeedbackStore } from '../ports/feedback-store.js';
import { TOKENS } from './tokens.js';

function isFeedbackStore(store: ConversationStore): store is ConversationStore & FeedbackStore {
  const candidate = store as Partial<FeedbackStore>;
  return (
    typeof candidate.rate === 'function' &&
    typeof candidate.ratedAnswers === 'function' &&
    typeof candidate.removeFeedback === 'function'
  );
}

/**
 * Ratings live in the conversation store (so its purge removes them): the three stores
 * shipped implement FeedbackStore. An embedder's own store must too, or pass `feedback`.
 */
export function bindFeedback(c: Container, overrides: { feedback?: FeedbackStore }): void {
  c.bind(TOKENS.Feedback).toResolvedValue(
    (store) => {
      if (overrides.feedback) return overrides.feedback;
      if (isFeedbackStore(store)) return store;
      throw new Error(
        'The conversation store keeps no ratings: implement FeedbackStore or pass `feedback` to buildContainer',
      );
    },
    [TOKENS.Store],
  );
  c.bind(TOKENS.FeedbackService).toResolvedValue(
    (conversations, feedback, analytics, knowledge, clock, logger) =>
      new FeedbackService({ conversations, feedback, analytics, knowledge, clock, logger }),
    [TOKENS.Store, TOKENS.Feedback, TOKENS.Analytics, TOKENS.KnowledgeService, TOKENS.Clock, TOKENS.Logger],
  );
  c.bind(TOKENS.ConversationExports).toResolvedValue(
    (store, persona) => new ConversationExports({ store, persona }),
    [TOKENS.Store, TOKENS.Persona],
  );
}
