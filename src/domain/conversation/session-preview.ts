import type { ConversationStore } from '../../ports/conversation-store.js';
import type { SessionId } from './conversation.js';

/** What the owner sees of a session in a listing, besides its summary. */
export interface SessionPreview {
  /** The visitor's first message, cut to 200 characters; null when the session opened otherwise. */
  readonly first_question: string | null;
  readonly feedback: { readonly up: number; readonly down: number };
}

const MAX_PREVIEW_CHARS = 200;
const CONCURRENCY = 8;

function cut(text: string): string {
  const chars = Array.from(text);
  return chars.length <= MAX_PREVIEW_CHARS ? text : `${chars.slice(0, MAX_PREVIEW_CHARS - 1).join('')}…`;
}

/**
 * Previews of a page of sessions: each costs one bounded read (the first two messages and
 * the session's ratings), a few at a time. Sessions gone meanwhile are left out.
 */
export async function sessionPreviews(
  store: ConversationStore,
  ids: readonly SessionId[],
): Promise<Map<SessionId, SessionPreview>> {
  const previews = new Map<SessionId, SessionPreview>();
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++] as SessionId;
      const conversation = await store.load(id, { oldest: 2 });
      if (!conversation) continue;
      const first = conversation.messages.find((m) => m.role === 'user');
      const ratings = conversation.ratings ?? [];
      previews.set(id, {
        first_question: first ? cut(first.content) : null,
        feedback: {
          up: ratings.filter((r) => r.rating === 'up').length,
          down: ratings.filter((r) => r.rating === 'down').length,
        },
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
  return previews;
}
