import type { AppendOptions, ConversationStore, LoadOptions } from '../../ports/conversation-store.js';
import type { Conversation, Message, NewMessage, Page, SessionId, SessionSummary } from './conversation.js';
import { clampPageLimit, parseSessionId } from './conversation.js';
import { durationSeconds, type SessionStats } from './session-stats.js';

/**
 * The reference implementation's store API (save_conversation, load_conversation,
 * list_sessions, delete_session, get_session_stats) over any ConversationStore: memory,
 * filesystem or DynamoDB. Offered once, here, so every store answers the same names.
 * Errors are the store's: InvalidInput for a bad id, Conflict for a deleted session,
 * StoreUnavailable on I/O failure.
 */
export class ConversationArchive {
  constructor(private readonly store: ConversationStore) {}

  /** Appends the messages in order (consecutive seqs), merging `metadata` into the session's. */
  saveConversation(
    sessionId: SessionId,
    messages: readonly NewMessage[],
    metadata?: AppendOptions['metadata'],
  ): Promise<readonly Message[]> {
    return this.store.append(sessionId, messages, { metadata });
  }

  /** null when the session does not exist, is deleted or has expired. */
  loadConversation(sessionId: SessionId, options?: LoadOptions): Promise<Conversation | null> {
    return this.store.load(sessionId, options);
  }

  /** Most recently updated first, at most 100 a page (default 20). */
  listSessions(page: { limit?: number; cursor?: string } = {}): Promise<Page<SessionSummary>> {
    return this.store.listSessions({ limit: clampPageLimit(page.limit), cursor: page.cursor });
  }

  /** Soft by default (hidden from every read); `{ purge: true }` removes every trace. true when it existed. */
  async deleteSession(sessionId: SessionId, options: { readonly purge?: boolean } = {}): Promise<boolean> {
    if (!options.purge) return this.store.softDelete(sessionId);
    const existed = (await this.store.load(sessionId, { limit: 1 })) !== null;
    await this.store.purge(sessionId);
    return existed;
  }

  /** Counts by role, first and last timestamps, duration and metadata; null when not visible. */
  async getSessionStats(sessionId: SessionId): Promise<SessionStats | null> {
    const id = parseSessionId(sessionId);
    if (this.store.stats) return this.store.stats(id);
    const conversation = await this.store.load(id);
    if (!conversation) return null;
    const { session, messages } = conversation;
    const users = messages.filter((m) => m.role === 'user').length;
    return {
      session_id: id,
      message_count: session.message_count,
      messages_by_role: { user: users, assistant: messages.length - users },
      first_message_at: session.created_at,
      last_message_at: session.last_updated,
      duration_seconds: durationSeconds(session.created_at, session.last_updated),
      metadata: session.metadata,
    };
  }
}
