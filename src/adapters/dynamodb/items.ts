import type {
  AnswerRecord,
  Message,
  MessageId,
  Metadata,
  Role,
  SessionId,
  SessionSummary,
} from '../../domain/conversation/conversation.js';
import { checkAnswerRecord, copyAnswerRecord } from '../../domain/conversation/store-rules.js';

// The single-table layout (docs/adr/0100-dynamodb-conversation-layout.md). Other item
// families share the table under their own pk prefixes, so every key here is prefixed.

export const SESSION_SK = 'META';
/** Metadata keys live as top-level attributes `m#<key>`, each holding JSON text. */
export const METADATA_PREFIX = 'm#';
export const MESSAGE_PREFIX = 'MSG#';
/** The registry of day buckets that ever held a session: listing walks only these. */
export const BUCKET_REGISTRY_KEY = { pk: 'SESSION_BUCKETS', sk: 'INDEX' } as const;

// Ten digits sort correctly as strings up to 9,999,999,999 messages in one session.
const SEQ_DIGITS = 10;

export interface TableKey {
  readonly pk: string;
  readonly sk: string;
}

export function sessionKey(id: SessionId): TableKey {
  return { pk: `SESSION#${id}`, sk: SESSION_SK };
}

export function messageKey(id: SessionId, seq: number): TableKey {
  return { pk: `SESSION#${id}`, sk: `${MESSAGE_PREFIX}${String(seq).padStart(SEQ_DIGITS, '0')}` };
}

/**
 * The day bucket of a last_updated value: its first ten characters. A prefix keeps
 * bucket order identical to string order of last_updated, whatever the timestamp's format.
 */
export function dayBucket(lastUpdated: string): string {
  return lastUpdated.slice(0, 10);
}

export function bucketPartition(day: string): string {
  return `SESSIONS#${day}`;
}

/** '#' sorts below every character of an ISO timestamp, so this orders as (last_updated, id). */
export function listingSortKey(lastUpdated: string, id: string): string {
  return `${lastUpdated}#${id}`;
}

export interface MessageItem extends TableKey {
  readonly type: 'message';
  readonly id: string;
  readonly seq: number;
  readonly role: Role;
  readonly content: string;
  readonly timestamp: string;
  /** An assistant message's AnswerRecord as JSON text, so every number round-trips exactly. */
  readonly answer?: string;
  readonly expires_at?: number;
}

/** The session item as stored; counters are absent until the first commit. */
export interface SessionItem extends TableKey {
  readonly type: 'session';
  readonly session_id: string;
  readonly created_at?: string;
  readonly last_updated?: string;
  readonly last_seq?: number;
  readonly message_count?: number;
  readonly user_count?: number;
  readonly assistant_count?: number;
  /** Changes when the id starts afresh (purge, expiry), so leftovers of an older life are ignored. */
  readonly gen?: string;
  readonly deleted_at?: string;
  readonly expires_at?: number;
  readonly gsi1pk?: string;
  readonly gsi1sk?: string;
  /** `m#<key>`: one metadata field as JSON text, so any JSON value round-trips exactly. */
  readonly [metadataAttribute: `m#${string}`]: string;
}

export type VisibleSessionItem = SessionItem & {
  readonly created_at: string;
  readonly last_updated: string;
  readonly message_count: number;
};

export function toMessageItem(id: SessionId, message: Message, expiresAt: number | undefined): MessageItem {
  return {
    ...messageKey(id, message.seq),
    type: 'message',
    id: message.id,
    seq: message.seq,
    role: message.role,
    content: message.content,
    timestamp: message.timestamp,
    ...(message.answer === undefined ? {} : { answer: JSON.stringify(copyAnswerRecord(message.answer)) }),
    ...(expiresAt === undefined ? {} : { expires_at: expiresAt }),
  };
}

export function fromMessageItem(item: MessageItem): Message {
  const message: Message = {
    id: item.id as MessageId,
    seq: Number(item.seq),
    role: item.role,
    content: item.content,
    timestamp: item.timestamp,
  };
  const answer = parseAnswer(item.answer);
  return answer === undefined ? message : { ...message, answer };
}

// A damaged answer record costs the record, never the message.
function parseAnswer(json: string | undefined): AnswerRecord | undefined {
  if (typeof json !== 'string') return undefined;
  try {
    const answer = JSON.parse(json) as AnswerRecord;
    checkAnswerRecord(answer);
    return copyAnswerRecord(answer);
  } catch {
    return undefined;
  }
}

/** Past its expiry: DynamoDB deletes such items up to ~48 h late, so readers must skip them. */
export function isExpired(item: { readonly expires_at?: number } | undefined, nowEpoch: number): boolean {
  return item?.expires_at !== undefined && Number(item.expires_at) <= nowEpoch;
}

/** A session readers may see: committed at least one message, not deleted, not expired. */
export function isVisible(item: SessionItem | undefined, nowEpoch: number): item is VisibleSessionItem {
  return (
    item !== undefined &&
    item.deleted_at === undefined &&
    !isExpired(item, nowEpoch) &&
    Number(item.message_count ?? 0) > 0 &&
    item.created_at !== undefined &&
    item.last_updated !== undefined
  );
}

export function fromSessionItem(item: VisibleSessionItem): SessionSummary {
  return {
    session_id: item.session_id as SessionId,
    created_at: item.created_at,
    last_updated: item.last_updated,
    message_count: Number(item.message_count),
    metadata: decodeMetadata(item),
  };
}

export function decodeMetadata(item: SessionItem): Metadata {
  const metadata: Record<string, unknown> = {};
  for (const [attribute, json] of Object.entries(item)) {
    if (!attribute.startsWith(METADATA_PREFIX) || typeof json !== 'string') continue;
    const key = attribute.slice(METADATA_PREFIX.length);
    // defineProperty, so a key such as "__proto__" stays an ordinary field.
    Object.defineProperty(metadata, key, {
      value: JSON.parse(json),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return metadata;
}

export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
