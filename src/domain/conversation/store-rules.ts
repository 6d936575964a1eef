import { InvalidInput } from '../errors.js';
import {
  clampPageLimit,
  type Message,
  type Metadata,
  type NewMessage,
  type Page,
  type SessionSummary,
} from './conversation.js';
import { decodeSessionCursor, encodeSessionCursor, type SessionSortKey } from './cursor.js';

// The rules every ConversationStore applies the same way, kept here so the in-memory,
// filesystem and DynamoDB stores cannot drift apart on them.

/**
 * Rejects batches a store could not persist faithfully. Content is deliberately not
 * normalised or trimmed: stores round-trip text byte for byte, and normalisation is
 * the domain's job before it calls append.
 */
export function checkNewMessages(messages: readonly NewMessage[]): void {
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new InvalidInput('append needs at least one message');
  }
  for (const message of messages) {
    if (typeof message !== 'object' || message === null) throw new InvalidInput('message must be an object');
    if (typeof message.id !== 'string' || message.id.length === 0) throw new InvalidInput('message id is missing');
    if (message.role !== 'user' && message.role !== 'assistant') {
      throw new InvalidInput('message role must be user or assistant');
    }
    if (typeof message.content !== 'string') throw new InvalidInput('message content must be a string');
    if (typeof message.timestamp !== 'string' || Number.isNaN(Date.parse(message.timestamp))) {
      throw new InvalidInput('message timestamp must be an ISO 8601 date');
    }
  }
}

/** Gives the batch consecutive seqs after `lastSeq`, keeping only the fields a store persists. */
export function assignSeqs(messages: readonly NewMessage[], lastSeq: number): Message[] {
  return messages.map((m, i) => ({
    id: m.id,
    seq: lastSeq + i + 1,
    role: m.role,
    content: m.content,
    timestamp: m.timestamp,
  }));
}

/** undefined means every message; 0 is allowed and yields the summary alone. */
export function checkLoadLimit(limit: number | undefined): number | undefined {
  if (limit === undefined) return undefined;
  if (!Number.isSafeInteger(limit) || limit < 0) throw new InvalidInput('limit must be a whole number, 0 or more');
  return limit;
}

export function newestMessages<T>(messages: readonly T[], limit: number | undefined): T[] {
  if (limit === undefined) return [...messages];
  return limit === 0 ? [] : messages.slice(-limit);
}

/**
 * Shallow merge, then a JSON round trip so every store keeps exactly what a JSON-based
 * store would (no undefined values, no shared references to the caller's objects).
 */
export function mergeMetadata(current: Metadata, patch: Metadata | undefined): Metadata {
  if (patch === undefined) return current;
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new InvalidInput('metadata must be an object');
  }
  let json: string | undefined;
  try {
    json = JSON.stringify({ ...current, ...patch });
  } catch {
    throw new InvalidInput('metadata must be JSON-serialisable');
  }
  return JSON.parse(json ?? '{}') as Metadata;
}

/**
 * ISO 8601 UTC strings from one clock sort correctly as strings, which is also how
 * DynamoDB compares sort keys; max keeps last_updated from moving backwards when a
 * batch carries an older timestamp.
 */
export function latestTimestamp(previous: string | undefined, messages: readonly Pick<Message, 'timestamp'>[]): string {
  let latest = previous;
  for (const { timestamp } of messages) {
    if (latest === undefined || timestamp > latest) latest = timestamp;
  }
  if (latest === undefined) throw new InvalidInput('append needs at least one message');
  return latest;
}

/**
 * Newest first: last_updated descending, ties by session_id descending. Both parts run
 * the same way so one composite key (last_updated#session_id) read backwards gives this
 * order in a store with sorted keys.
 */
export function compareNewestFirst(a: SessionSortKey, b: SessionSortKey): number {
  if (a.last_updated !== b.last_updated) return a.last_updated < b.last_updated ? 1 : -1;
  if (a.session_id === b.session_id) return 0;
  return a.session_id < b.session_id ? 1 : -1;
}

/**
 * Keyset pagination over every visible summary. The cursor holds the last item's sort
 * key, not an offset, so sessions created or updated between pages never make the next
 * page skip or repeat a session that kept its place.
 */
export function paginateSessions(
  summaries: Iterable<SessionSummary>,
  page: { readonly limit: number; readonly cursor?: string },
): Page<SessionSummary> {
  const limit = clampPageLimit(page.limit);
  const after = page.cursor === undefined ? undefined : decodeSessionCursor(page.cursor);
  const sorted = [...summaries]
    .filter((s) => after === undefined || compareNewestFirst(s, after) > 0)
    .sort(compareNewestFirst);
  const items = sorted.slice(0, limit);
  const last = items.at(-1);
  const next_cursor =
    sorted.length > limit && last !== undefined
      ? encodeSessionCursor({ last_updated: last.last_updated, session_id: last.session_id })
      : null;
  return { items, next_cursor };
}
