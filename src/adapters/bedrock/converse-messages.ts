import type { ContentBlock, Message, SystemContentBlock } from '@aws-sdk/client-bedrock-runtime';
import { InvalidInput } from '../../domain/errors.js';
import type { ChatTurn } from '../../ports/chat-model.js';

/** The persona's prompt as Converse's `system` field; none at all when it is blank. */
export function systemBlocks(system: string): SystemContentBlock[] {
  return system.trim() === '' ? [] : [{ text: system }];
}

/**
 * The windowed history as Converse `messages`. Converse rejects blank text blocks, a
 * conversation that starts with the assistant, and two messages in a row from one role,
 * all of which a client-held history (the /v1 API) may contain. So blank turns are
 * dropped, leading assistant turns are dropped, and neighbours with the same role become
 * one message with several text blocks. Turns are rebuilt field by field: callers may
 * pass richer records, and unknown fields are a ValidationException.
 */
export function converseMessages(turns: readonly ChatTurn[]): Message[] {
  const messages: Message[] = [];
  for (const turn of turns) {
    if (turn.content.trim() === '') continue;
    const last = messages.at(-1);
    if (last === undefined && turn.role !== 'user') continue;
    const block: ContentBlock = { text: turn.content };
    if (last?.role === turn.role) last.content?.push(block);
    else messages.push({ role: turn.role, content: [block] });
  }
  if (messages.at(-1)?.role !== 'user') {
    // The domain never asks this; a library caller might. Nothing is sent upstream.
    throw new InvalidInput('There is no visitor message to answer');
  }
  return messages;
}

/** The text of a reply's content blocks (tool uses and other blocks carry none). */
export function textOf(content: readonly ContentBlock[] | undefined): string {
  return (content ?? []).map((block) => block.text ?? '').join('');
}

/**
 * An assistant reply as it goes back into the conversation for the next tool round:
 * blank text blocks are removed, since Converse refuses them even in its own replies.
 */
export function replayable(content: readonly ContentBlock[]): ContentBlock[] {
  return content.filter((block) => block.text === undefined || block.text.trim() !== '');
}
