import type { ConversationStore } from '../../ports/conversation-store.js';
import type { NewMessage, SessionId } from '../conversation/conversation.js';
import { NotFound } from '../errors.js';

/**
 * Appends a turn's answer. The question was stored first, so an answer landing at seq 1 has
 * recreated a conversation purged while the model answered: "forget me" must hold, so it is
 * purged again and the turn ends with NotFound.
 */
export async function appendAnswer(store: ConversationStore, sessionId: SessionId, answer: NewMessage): Promise<void> {
  const [stored] = await store.append(sessionId, [answer]);
  if (stored?.seq !== 1) return;
  await store.purge(sessionId);
  throw new NotFound('The conversation was deleted while the twin was answering');
}
