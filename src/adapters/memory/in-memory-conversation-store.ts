import {
  type Conversation,
  type Message,
  type MessageRating,
  type Metadata,
  type NewMessage,
  type Page,
  parseSessionId,
  type SessionId,
  type SessionSummary,
} from '../../domain/conversation/conversation.js';
import {
  assignSeqs,
  checkLoadOptions,
  checkNewMessages,
  copyAnswerRecord,
  latestTimestamp,
  mergeMetadata,
  paginateSessions,
  windowMessages,
} from '../../domain/conversation/store-rules.js';
import { Conflict, NotFound } from '../../domain/errors.js';
import {
  paginateRatedAnswers,
  type RatedAnswer,
  type RatedAnswerQuery,
  toMessageRating,
} from '../../domain/feedback/feedback.js';
import { decodeRatingCursor } from '../../domain/feedback/rating-cursor.js';
import type { AppendOptions, ConversationStore, LoadOptions, PageRequest } from '../../ports/conversation-store.js';
import type { FeedbackStore } from '../../ports/feedback-store.js';

interface StoredSession {
  summary: SessionSummary;
  readonly messages: Message[];
  deleted: boolean;
  /** By seq. */
  readonly ratings: Map<number, RatedAnswer>;
}

/**
 * ConversationStore held in process memory: for tests and embedders that need no
 * persistence. Passes the same contract suite as the durable stores, so code tested
 * against it behaves the same on the filesystem or DynamoDB.
 */
export class InMemoryConversationStore implements ConversationStore, FeedbackStore {
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
      this.sessions.set(id, { summary, messages: appended, deleted: false, ratings: new Map() });
    }
    return appended.map(copyMessage);
  }

  async load(sessionId: SessionId, options: LoadOptions = {}): Promise<Conversation | null> {
    const id = parseSessionId(sessionId);
    const window = checkLoadOptions(options);
    const stored = this.sessions.get(id);
    if (!stored || stored.deleted) return null;
    const ratings = [...stored.ratings.values()].sort((a, b) => a.seq - b.seq).map(toMessageRating);
    return {
      session: copySummary(stored.summary),
      messages: windowMessages(stored.messages, window).map(copyMessage),
      ...(ratings.length > 0 ? { ratings } : {}),
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
    const id = parseSessionId(sessionId);
    await this.removeFeedback(id);
    return this.sessions.delete(id);
  }

  async rate(sessionId: SessionId, rated: Omit<RatedAnswer, 'session_id'>): Promise<MessageRating | null> {
    const id = parseSessionId(sessionId);
    const stored = this.sessions.get(id);
    if (!stored || stored.deleted) throw new NotFound('No conversation with this session id');
    if (!stored.messages.some((m) => m.seq === rated.seq)) throw new NotFound('No message with this seq');
    const previous = stored.ratings.get(rated.seq);
    stored.ratings.set(rated.seq, { ...rated, session_id: id });
    return previous ? toMessageRating(previous) : null;
  }

  async ratedAnswers(query: RatedAnswerQuery): Promise<Page<RatedAnswer>> {
    if (query.cursor !== undefined) decodeRatingCursor(query.cursor);
    const visible = [...this.sessions.values()].filter((s) => !s.deleted).flatMap((s) => [...s.ratings.values()]);
    const page = paginateRatedAnswers(visible, query);
    return { items: page.items.map((r) => ({ ...r })), next_cursor: page.next_cursor };
  }

  async removeFeedback(sessionId: SessionId): Promise<void> {
    this.sessions.get(parseSessionId(sessionId))?.ratings.clear();
  }

  async *conversations(): AsyncIterable<Conversation> {
    for (const stored of [...this.sessions.values()]) {
      if (stored.deleted) continue;
      const conversation = await this.load(stored.summary.session_id);
      if (conversation) yield conversation;
    }
  }
}

// Callers get copies so mutating a returned object can never change what is stored,
// just as with a store that serialises.
function copyMessage(message: Message): Message {
  return message.answer ? { ...message, answer: copyAnswerRecord(message.answer) } : { ...message };
}

function copySummary(summary: SessionSummary): SessionSummary {
  return { ...summary, metadata: structuredClone(summary.metadata) as Metadata };
}
