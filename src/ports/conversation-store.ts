import type {
  Conversation,
  Message,
  Metadata,
  NewMessage,
  Page,
  SessionId,
  SessionSummary,
} from '../domain/conversation/conversation.js';
import type { SessionStats } from '../domain/conversation/session-stats.js';

export interface AppendOptions {
  /** Merged into the session's metadata (shallow), stored with the session. */
  readonly metadata?: Metadata;
}

export interface LoadOptions {
  /** Return only the newest `limit` messages (still oldest first). */
  readonly limit?: number;
  /** Return only the first `oldest` messages (how the conversation opened). Not together with `limit`. */
  readonly oldest?: number;
}

export interface PageRequest {
  /** 1..100 */
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * Conversation memory. Implementations: InMemoryConversationStore,
 * FsConversationStore (and DynamoConversationStore). All pass test/contract.
 */
export interface ConversationStore {
  /**
   * Appends atomically and assigns consecutive seq numbers; concurrent appends
   * never lose or duplicate a seq. Creates the session on first append
   * (created_at = first message's timestamp, never changed afterwards).
   * Throws Conflict for a soft-deleted session, StoreUnavailable on I/O failure.
   */
  append(sessionId: SessionId, messages: readonly NewMessage[], options?: AppendOptions): Promise<readonly Message[]>;
  /**
   * null when the session does not exist or is soft-deleted. Assistant messages keep their
   * `answer` record exactly as appended; `ratings` holds every rating of the session.
   */
  load(sessionId: SessionId, options?: LoadOptions): Promise<Conversation | null>;
  /** Most recently updated first; soft-deleted sessions are hidden. Throws InvalidInput for a bad cursor. */
  listSessions(page: PageRequest): Promise<Page<SessionSummary>>;
  /** Hides the session from every read. Returns false when there was nothing to delete. */
  softDelete(sessionId: SessionId): Promise<boolean>;
  /**
   * Removes every trace of the session, whatever its state (live, soft-deleted, expired).
   * Idempotent. Returns whether there was anything to remove.
   */
  purge(sessionId: SessionId): Promise<boolean>;
  /**
   * Counts by role and timestamps without reading the messages, where the store keeps them
   * (DynamoDB's session item). Optional; ConversationArchive computes them from `load` otherwise.
   */
  stats?(sessionId: SessionId): Promise<SessionStats | null>;
  /** Writes anything buffered; hosts call it before the process exits. Optional. */
  close?(): Promise<void>;
  /**
   * Every visible conversation, whole, in no particular order, one at a time: for batch
   * jobs such as the analytics rebuild. Optional; without it they page through listSessions.
   */
  conversations?(): AsyncIterable<Conversation>;
}
