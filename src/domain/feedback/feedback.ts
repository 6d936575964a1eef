import {
  type Conversation,
  clampPageLimit,
  codePointLength,
  type Message,
  type MessageRating,
  type Page,
  type RatingValue,
  type SessionId,
} from '../conversation/conversation.js';
import { InvalidInput } from '../errors.js';
import { maskPii } from '../text/pii.js';
import { decodeRatingCursor, encodeRatingCursor, type RatingSortKey } from './rating-cursor.js';

/** Longest feedback comment, in code points. */
export const MAX_COMMENT_CHARS = 1000;
/** Longest copy of the question or the answer kept with a rating, in code points. */
export const MAX_RATED_TEXT_CHARS = 4000;

/**
 * A rating with what the owner needs to act on it: the question, the answer as the visitor
 * saw it, and how the answer was produced. Stores keep these copies beside the rating, so
 * listing ratings never re-reads the conversations.
 */
export interface RatedAnswer extends MessageRating {
  readonly session_id: SessionId;
  /** 0-based index of the answer in GET /conversation/:session_id when it was rated. */
  readonly message_index: number;
  /** The visitor message the answer replied to; "" when there was none. */
  readonly question: string;
  readonly answer: string;
  /** ISO 8601 UTC. */
  readonly answered_at: string;
  /** null for answers stored before answers recorded it. */
  readonly grounded: boolean | null;
  readonly persona_version: string | null;
}

export interface RatingRequest {
  readonly message_index: number;
  readonly rating: RatingValue;
  readonly comment: string | null;
}

export interface RatedAnswerQuery {
  /** 1..100 */
  readonly limit: number;
  readonly rating: RatingValue;
  readonly cursor?: string;
}

export function isRatingValue(value: unknown): value is RatingValue {
  return value === 'up' || value === 'down';
}

/**
 * A comment as stored: NFC, trimmed, e-mail addresses and phone numbers masked; null when
 * blank. Rejects what the store could not keep faithfully and anything over the bound.
 */
export function parseComment(raw: unknown): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') throw new InvalidInput('comment must be a string');
  if (!raw.isWellFormed()) throw new InvalidInput('comment contains an unpaired surrogate (invalid Unicode)');
  if (raw.includes('\u0000')) throw new InvalidInput('comment contains a NUL character');
  const text = raw.normalize('NFC').trim();
  if (text === '') return null;
  const length = codePointLength(text);
  if (length > MAX_COMMENT_CHARS) {
    throw new InvalidInput(`comment is ${length} characters long; the limit is ${MAX_COMMENT_CHARS}`);
  }
  return maskPii(text);
}

export function parseRatingRequest(raw: unknown): RatingRequest {
  const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const index = body.message_index;
  if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) {
    throw new InvalidInput('message_index must be a whole number, 0 or more');
  }
  if (!isRatingValue(body.rating)) throw new InvalidInput('rating must be "up" or "down"');
  return { message_index: index, rating: body.rating, comment: parseComment(body.comment) };
}

function clip(text: string): string {
  return codePointLength(text) <= MAX_RATED_TEXT_CHARS
    ? text
    : Array.from(text).slice(0, MAX_RATED_TEXT_CHARS).join('');
}

/**
 * The rating of message `index` of `conversation` (a whole conversation, as GET
 * /conversation shows it). Only answers can be rated: any other index is invalid input.
 */
export function rateAnswer(
  conversation: Conversation,
  request: RatingRequest,
  ratedAt: string,
): { readonly message: Message; readonly rated: RatedAnswer } {
  const message = conversation.messages[request.message_index];
  if (message === undefined) {
    throw new InvalidInput(`message_index ${request.message_index} is past the end of the conversation`);
  }
  if (message.role !== 'assistant') {
    throw new InvalidInput(`message_index ${request.message_index} is a visitor message; only answers can be rated`);
  }
  const question = conversation.messages.slice(0, request.message_index).findLast((m) => m.role === 'user')?.content;
  return {
    message,
    rated: {
      session_id: conversation.session.session_id,
      message_index: request.message_index,
      seq: message.seq,
      rating: request.rating,
      comment: request.comment,
      rated_at: ratedAt,
      question: clip(question ?? ''),
      answer: clip(message.content),
      answered_at: message.timestamp,
      grounded: message.answer?.grounded ?? null,
      persona_version: message.answer?.persona_version ?? null,
    },
  };
}

/** The part of a rated answer a conversation carries. */
export function toMessageRating(rated: MessageRating): MessageRating {
  return { seq: rated.seq, rating: rated.rating, comment: rated.comment, rated_at: rated.rated_at };
}

/** Newest rating first; ties by session id, then seq, both descending. */
export function compareNewestRating(a: RatingSortKey, b: RatingSortKey): number {
  if (a.rated_at !== b.rated_at) return a.rated_at < b.rated_at ? 1 : -1;
  if (a.session_id !== b.session_id) return a.session_id < b.session_id ? 1 : -1;
  return b.seq - a.seq;
}

/** Keyset pagination over rated answers, for stores that hold them in memory. */
export function paginateRatedAnswers(all: Iterable<RatedAnswer>, query: RatedAnswerQuery): Page<RatedAnswer> {
  const limit = clampPageLimit(query.limit);
  const after = query.cursor === undefined ? undefined : decodeRatingCursor(query.cursor);
  const sorted = [...all]
    .filter((r) => r.rating === query.rating && (after === undefined || compareNewestRating(r, after) > 0))
    .sort(compareNewestRating);
  const items = sorted.slice(0, limit);
  const last = items.at(-1);
  return { items, next_cursor: sorted.length > limit && last ? encodeRatingCursor(last) : null };
}

/** Whether a thumbs-down answer is worth offering to the owner as a knowledge gap (see docs/adr/0800). */
export function isGapCandidate(rated: Pick<RatedAnswer, 'rating' | 'grounded'>): boolean {
  // Ungrounded answers already became gaps when the twin said it did not know.
  return rated.rating === 'down' && rated.grounded === true;
}
