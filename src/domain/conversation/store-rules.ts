import { InvalidInput } from '../errors.js';
import {
  type AnswerRecord,
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
    if (message.answer !== undefined) {
      if (message.role !== 'assistant') throw new InvalidInput('only assistant messages carry an answer record');
      checkAnswerRecord(message.answer);
    }
  }
}

// Generous: a Bedrock inference-profile ARN is a model name too, and a refused record would fail an answer.
const MAX_ANSWER_LABEL_CHARS = 2048;

function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** An answer record must be what AnswerRecord says, so every store can keep it exactly. */
export function checkAnswerRecord(answer: AnswerRecord): void {
  const fail = (what: string) => {
    throw new InvalidInput(`answer record: ${what}`);
  };
  if (typeof answer !== 'object' || answer === null) fail('must be an object');
  if (typeof answer.grounded !== 'boolean') fail('grounded must be true or false');
  if (answer.source !== 'model' && answer.source !== 'limit') fail('source must be model or limit');
  for (const field of ['model', 'persona_version'] as const) {
    const value = answer[field];
    if (typeof value !== 'string' || value.length > MAX_ANSWER_LABEL_CHARS || !value.isWellFormed()) {
      fail(`${field} must be a string of at most ${MAX_ANSWER_LABEL_CHARS} characters`);
    }
  }
  for (const field of ['latency_ms', 'input_tokens', 'output_tokens'] as const) {
    if (!isAmount(answer[field])) fail(`${field} must be a finite number, 0 or more`);
  }
  for (const field of ['time_to_first_token_ms', 'cost_usd'] as const) {
    if (answer[field] !== undefined && !isAmount(answer[field])) fail(`${field} must be a finite number, 0 or more`);
  }
}

/** The fields of an answer record a store keeps, in a fixed order, and nothing else. */
export function copyAnswerRecord(answer: AnswerRecord): AnswerRecord {
  return {
    grounded: answer.grounded,
    source: answer.source,
    model: answer.model,
    persona_version: answer.persona_version,
    latency_ms: answer.latency_ms,
    ...(answer.time_to_first_token_ms === undefined ? {} : { time_to_first_token_ms: answer.time_to_first_token_ms }),
    input_tokens: answer.input_tokens,
    output_tokens: answer.output_tokens,
    ...(answer.cost_usd === undefined ? {} : { cost_usd: answer.cost_usd }),
  };
}

/** Gives the batch consecutive seqs after `lastSeq`, keeping only the fields a store persists. */
export function assignSeqs(messages: readonly NewMessage[], lastSeq: number): Message[] {
  return messages.map((m, i) => ({
    id: m.id,
    seq: lastSeq + i + 1,
    role: m.role,
    content: m.content,
    timestamp: m.timestamp,
    ...(m.answer === undefined ? {} : { answer: copyAnswerRecord(m.answer) }),
  }));
}

/** undefined means every message; 0 is allowed and yields the summary alone. */
export function checkLoadLimit(limit: number | undefined): number | undefined {
  if (limit === undefined) return undefined;
  if (!Number.isSafeInteger(limit) || limit < 0) throw new InvalidInput('limit must be a whole number, 0 or more');
  return limit;
}

/** Which messages a load returns: the newest `limit`, the first `oldest`, or (neither) all of them. */
export type MessageWindow =
  | { readonly from: 'all' }
  | { readonly from: 'newest'; readonly count: number }
  | { readonly from: 'oldest'; readonly count: number };

export function checkLoadOptions(options: { readonly limit?: number; readonly oldest?: number }): MessageWindow {
  const limit = checkLoadLimit(options.limit);
  if (options.oldest === undefined) return limit === undefined ? { from: 'all' } : { from: 'newest', count: limit };
  if (limit !== undefined) throw new InvalidInput('limit and oldest cannot be combined');
  if (!Number.isSafeInteger(options.oldest) || options.oldest < 0) {
    throw new InvalidInput('oldest must be a whole number, 0 or more');
  }
  return { from: 'oldest', count: options.oldest };
}

export function windowMessages<T>(messages: readonly T[], window: MessageWindow): T[] {
  if (window.from === 'all') return [...messages];
  if (window.count === 0) return [];
  return window.from === 'newest' ? messages.slice(-window.count) : messages.slice(0, window.count);
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
