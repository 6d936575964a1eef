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
  // A text has at most as many tokens as UTF-8 bytes (ChatModel.countTokens): when the bytes of
  // the whole history fit, so do its tokens, and nothing needs counting (no tokenizer to load).
  if (bytesWithin(messages, budgetTokens)) return [...messages];
  // The turns of splitTurns, walked from the newest without building them: a turn ends where the
  // next one starts (a user message, or the first message), and is kept or not as a whole. Runs
  // every turn over up to 200 stored messages, so it allocates nothing but the window.
  let start = messages.length;
  let used = 0;
  let turnCost = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i] as T;
    turnCost += countTokens(message.content) + MESSAGE_OVERHEAD_TOKENS;
    if (message.role !== 'user' && i > 0) continue;
    if (used + turnCost > budgetTokens) break;
    used += turnCost;
    turnCost = 0;
    start = i;
  }
  return messages.slice(start);
}

// Stops at the first message past the budget: a long history costs no more than a short one.
function bytesWithin(messages: readonly Turn[], budget: number): boolean {
  let bound = 0;
  for (const m of messages) {
    bound += m.content.length + MESSAGE_OVERHEAD_TOKENS;
    if (bound > budget) return false;
  }
  bound = 0;
  for (const m of messages) bound += utf8Length(m.content) + MESSAGE_OVERHEAD_TOKENS;
  return bound <= budget;
}

/** UTF-8 length in bytes, as TextEncoder would encode it (a lone surrogate as U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
