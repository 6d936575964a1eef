import {
  type Conversation,
  type Message,
  type Metadata,
  type NewMessage,
  type Page,
  parseSessionId,
  type SessionId,
  type SessionSummary,
} from '../../domain/conversation/conversation.js';
import {
  assignSeqs,
  checkLoadLimit,
  checkNewMessages,
  latestTimestamp,
  mergeMetadata,
  newestMessages,
  paginateSessions,
} from '../../domain/conversation/store-rules.js';
import { Conflict } from '../../domain/errors.js';
import type { AppendOptions, ConversationStore, LoadOptions, PageRequest } from '../../ports/conversation-store.js';

interface StoredSession {
  summary: SessionSummary;
  readonly messages: Message[];
  deleted: boolean;
}

/**
 * ConversationStore held in process memory: for tests and embedders that need no
 * persistence. Passes the same contract suite as the durable stores, so code tested
 * against it behaves the same on the filesystem or DynamoDB.
 */
export class InMemoryConversationStore implements ConversationStore {
  private readonly sessions = new Map<SessionId, StoredSession>();

  // Every method does all its work before its first await point, so JavaScript's
  // run-to-completion already makes each append atomic: no lock is needed.
  async append(
    sessionId: SessionId,
    messages: readonly NewMessage[],
    options: AppendOptions = {},
  ): Promise<readonly Message[]> {
    const id = parseSessionId(sessionId);
    checkNewMessages(messages);
    const existing = this.sessions.get(id);
    if (existing?.deleted) throw new Conflict('This conversation was deleted; start a new one.');
    const previous = existing?.summary;
    const appended = assignSeqs(messages, previous?.message_count ?? 0);
    const metadata = mergeMetadata(previous?.metadata ?? {}, options.metadata);
    const summary: SessionSummary = {
      session_id: id,
      created_at: previous?.created_at ?? (appended[0] as Message).timestamp,
      last_updated: latestTimestamp(previous?.last_updated, appended),
      message_count: (previous?.message_count ?? 0) + appended.length,
      metadata,
    };
    if (existing) {
      existing.summary = summary;
      existing.messages.push(...appended);
    } else {
      this.sessions.set(id, { summary, messages: appended, deleted: false });
    }
    return appended.map(copyMessage);
  }

  async load(sessionId: SessionId, options: LoadOptions = {}): Promise<Conversation | null> {
    const id = parseSessionId(sessionId);
    const limit = checkLoadLimit(options.limit);
    const stored = this.sessions.get(id);
    if (!stored || stored.deleted) return null;
    return {
      session: copySummary(stored.summary),
      messages: newestMessages(stored.messages, limit).map(copyMessage),
    };
  }

  async listSessions(page: PageRequest): Promise<Page<SessionSummary>> {
    const visible = [...this.sessions.values()].filter((s) => !s.deleted).map((s) => s.summary);
    const result = paginateSessions(visible, page);
    return { items: result.items.map(copySummary), next_cursor: result.next_cursor };
  }

  async softDelete(sessionId: SessionId): Promise<boolean> {
    const stored = this.sessions.get(parseSessionId(sessionId));
    if (!stored || stored.deleted) return false;
    stored.deleted = true;
    return true;
  }

  async purge(sessionId: SessionId): Promise<boolean> {
    return this.sessions.delete(parseSessionId(sessionId));
  }

  async *conversations(): AsyncIterable<Conversation> {
    for (const stored of [...this.sessions.values()]) {
      if (!stored.deleted) yield { session: copySummary(stored.summary), messages: stored.messages.map(copyMessage) };
    }
  }
}

// Callers get copies so mutating a returned object can never change what is stored,
// just as with a store that serialises.
function copyMessage(message: Message): Message {
  return { ...message };
}

function copySummary(summary: SessionSummary): SessionSummary {
  return { ...summary, metadata: structuredClone(summary.metadata) as Metadata };
}
