import type { Message } from '../conversation/conversation.js';

export type TokenCounter = (text: string) => number;

/** Anything with a role and content: stored messages, or a history a client sends. */
type Turn = Pick<Message, 'role' | 'content'>;

/** Per-message framing the chat APIs add around content (role markers, separators). */
const MESSAGE_OVERHEAD_TOKENS = 4;

/**
 * Groups messages into turns: a turn starts at each user message and holds the
 * replies that follow it. Leading assistant messages form a turn of their own.
 */
export function splitTurns<T extends Turn>(messages: readonly T[]): T[][] {
  const turns: T[][] = [];
  for (const message of messages) {
    const current = turns.at(-1);
    if (message.role === 'user' || current === undefined) turns.push([message]);
    else current.push(message);
  }
  return turns;
}

/**
 * The newest whole turns whose tokens fit the budget, oldest first. A turn is
 * never cut in half: a reply without its question misleads the model.
 */
export function windowHistory<T extends Turn>(
  messages: readonly T[],
  budgetTokens: number,
  countTokens: TokenCounter,
): T[] {
  const turns = splitTurns(messages);
  const kept: T[][] = [];
  let used = 0;
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = turns[i] as T[];
    const cost = turn.reduce((sum, m) => sum + countTokens(m.content) + MESSAGE_OVERHEAD_TOKENS, 0);
    if (used + cost > budgetTokens) break;
    used += cost;
    kept.push(turn);
  }
  return kept.reverse().flat();
}
