import { clientSessionId } from '../../domain/conversation/conversation.js';
import { NotFound } from '../../domain/errors.js';

/**
 * The session id in a visitor's route (`/conversation/:session_id...`): the id is the only key
 * to a transcript, so a guessable one (shorter than 22 characters, as clients could choose before)
 * names no conversation here. The owner's routes still reach every stored session.
 */
export function visitorSessionId(raw: string | undefined): string {
  const id = clientSessionId(raw);
  if (id === undefined) throw new NotFound('No conversation with this session id');
  return id;
}
