import type { ChatTurn } from '../../ports/chat-model.js';
import { normalizeMessageText } from '../conversation/conversation.js';
import { InvalidInput } from '../errors.js';

/** One message of a history a client holds (OpenAI-style), already reduced to text. */
export interface ClientMessage {
  readonly role: string;
  readonly content: string;
}

export interface ClientQuestion {
  /** Earlier user and assistant turns, oldest first, before windowing. */
  readonly history: readonly ChatTurn[];
  /** The last user message, normalised like any visitor message. */
  readonly question: string;
}

/**
 * Splits a client-held history into earlier turns and the question to answer.
 * Only user and assistant messages are kept: a client's system (or developer, tool)
 * message never reaches the model, so the persona's system prompt always wins.
 */
export function readClientHistory(messages: readonly ClientMessage[], maxMessageChars: number): ClientQuestion {
  const turns = messages.filter(
    (m): m is ClientMessage & { role: 'user' | 'assistant' } => m.role === 'user' || m.role === 'assistant',
  );
  const last = turns.at(-1);
  if (last?.role !== 'user') {
    throw new InvalidInput('messages: the last user or assistant message must come from the user');
  }
  const question = normalizeMessageText(last.content, maxMessageChars);
  const history = turns
    .slice(0, -1)
    // Earlier turns are context, not stored: repair what the model API would reject instead of failing the request.
    .map((m) => ({ role: m.role, content: m.content.toWellFormed().replaceAll('\u0000', '').normalize('NFC').trim() }))
    .filter((m) => m.content !== '');
  return { history, question };
}
