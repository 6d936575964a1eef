import { InvalidInput } from '../errors.js';
import { commonestStepShare, distinctCharacters, distinctHexPairs, distinctSteps } from './id-patterns.js';

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A session id is a capability: whoever holds it reads the conversation. */
export type SessionId = Brand<string, 'SessionId'>;
export type MessageId = Brand<string, 'MessageId'>;
export type Role = 'user' | 'assistant';

/** Free-form, JSON-serialisable fields an embedder attaches to a conversation. */
export type Metadata = Readonly<Record<string, unknown>>;

export interface Message {
  readonly id: MessageId;
  /** 1-based, consecutive within a session, assigned by the store. */
  readonly seq: number;
  readonly role: Role;
  readonly content: string;
  /** ISO 8601 UTC. */
  readonly timestamp: string;
  /** Assistant messages only: how the answer was produced (for quality analytics). Optional: older records lack it. */
  readonly answer?: AnswerRecord;
}

/**
 * What the twin knows about one answer when it stores it. Units: milliseconds, tokens, US dollars.
 * `time_to_first_token_ms` is set for streamed answers only; `cost_usd` only when the model's price is known.
 */
export interface AnswerRecord {
  readonly grounded: boolean;
  /** 'model' for a model's answer; 'limit' for a resting answer given instead (budget or turn cap). */
  readonly source: 'model' | 'limit';
  readonly model: string;
  readonly persona_version: string;
  readonly latency_ms: number;
  readonly time_to_first_token_ms?: number;
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cost_usd?: number;
}

/** A message before the store has given it a seq. */
export type NewMessage = Omit<Message, 'seq'>;

/** A visitor's verdict on one answer. */
export type RatingValue = 'up' | 'down';

/** The visitor's rating of one assistant message, as kept with its conversation (the latest rating wins). */
export interface MessageRating {
  /** The rated message's seq. */
  readonly seq: number;
  readonly rating: RatingValue;
  /** Masked (no e-mail addresses or phone numbers), at most MAX_COMMENT_CHARS code points; null when none was given. */
  readonly comment: string | null;
  /** ISO 8601 UTC. */
  readonly rated_at: string;
}

export interface SessionSummary {
  readonly session_id: SessionId;
  /** Set by the first append and never changed afterwards. */
  readonly created_at: string;
  readonly last_updated: string;
  readonly message_count: number;
  readonly metadata: Metadata;
}

export interface Conversation {
  readonly session: SessionSummary;
  /** Oldest first. With a load limit, the newest `limit` messages (with `oldest`, the first ones). */
  readonly messages: readonly Message[];
  /**
   * Every rating of an answer in this conversation, by seq, whatever the load limit.
   * Absent when there are none (and from stores that keep no ratings).
   */
  readonly ratings?: readonly MessageRating[];
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Opaque; pass it back to get the next page. null on the last page. */
  readonly next_cursor: string | null;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_MAX_MESSAGE_CHARS = 4000;

const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

/** Client-given ids are checked before they reach any path or key. */
export function parseSessionId(raw: unknown): SessionId {
  if (typeof raw !== 'string' || !SESSION_ID_PATTERN.test(raw)) {
    throw new InvalidInput('session_id must be 8 to 128 characters of A-Z, a-z, 0-9, _ or -');
  }
  return raw as SessionId;
}

export function isSessionId(raw: unknown): raw is SessionId {
  return typeof raw === 'string' && SESSION_ID_PATTERN.test(raw);
}

// A UUID v4 (RFC 9562, 5.4): version nibble 4, variant bits 10, 122 random bits. Only this shape is
// taken from a client: words, keyboard walks and hashes of e-mails ("user" values) can look as
// varied as random text, so no test of an arbitrary string can tell they were guessable.
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
// And one that is visibly made up ("00000000-0000-4000-8000-000000000000", runs, repeated blocks)
// is not random: of 2 million UUIDs from crypto.randomUUID() the fewest distinct characters seen
// was 9 and the fewest distinct steps between neighbours (code point differences) 15.
const MIN_DISTINCT = 8;

// Patterns a string test can still see in a UUID-shaped id: blocks repeated or counted up or down
// ("11111111-2222-4333-8444-555566667777", "12345678-90ab-4cde-8f12-34567890abcd") have few distinct
// pairs of neighbouring hex digits. Of 2 million randomUUID() the fewest was 20 (once in a million).
const MIN_DISTINCT_PAIRS = 20;
// Example ids from specifications and tools, which clients copy: Swagger UI's default, RFC 9562's
// and RFC 4122's examples, Wikipedia's. Not a list of every guessable id: none can be.
const WELL_KNOWN = new Set([
  '36b8f84d-df4e-4d49-b662-bcde71a8764f',
  '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d',
  '16fd2706-8baf-433b-82eb-8c7fada847da',
  'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
  '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
  '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  '0f8fad5b-d9cb-469f-a165-70867728950e',
  'de305d54-75b4-431b-adb2-eb6b9e546014',
  'c56a4180-65aa-42ec-a945-5fd21dec0538',
  '110ec58a-a0f2-4ac4-8393-c866d813b8d1',
  '2c5ea4c0-4067-41e9-8bad-9b1deb4d3b7d',
  '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  '919108f7-52d1-4320-9bac-f847db4148a8',
  '550e8400-e29b-41d4-a716-446655440000',
  'f47ac10b-58cc-4372-a567-0e02b2c3d479',
  '123e4567-e89b-42d3-a456-426614174000',
  '123e4567-e89b-42d3-a456-556642440000',
]);

// Counting in steps, also interleaved ("a1b2c3d4-e5f6-4a7b-...", "13579bdf-2468-...", "9f8e7d6c-..."):
// hex digits k apart (k = 1 to 4) that differ by one and the same amount (mod 16) too often. In a
// random id the commonest difference at any such distance covers 40 % of the pairs or more about
// 4 times in a million (measured over a million randomUUID(); the server redraws those).
const MAX_STEP_SHARE = 0.4;

/**
 * Whether a session id a client chose may stand as the capability to a transcript: a UUID v4
 * (any case) that is not visibly made up (at least 8 distinct characters, 8 distinct steps
 * between neighbouring characters, 20 distinct pairs of neighbouring hex digits, no step between
 * hex digits up to 4 apart in 42 % of the pairs; not a well-known example id). No test of a string
 * can see every made-up id: these catch the patterns testers tried. Issue 16, item 8: at least 122 random bits; ids the server
 * issues are UUID v4 from the platform CSPRNG and always pass. Clients: `crypto.randomUUID()`.
 */
export function isUnguessableSessionId(raw: unknown): raw is SessionId {
  if (typeof raw !== 'string' || !UUID_V4.test(raw)) return false;
  const id = raw.toLowerCase();
  return (
    distinctCharacters(id) >= MIN_DISTINCT &&
    distinctSteps(id) >= MIN_DISTINCT &&
    distinctHexPairs(id) >= MIN_DISTINCT_PAIRS &&
    commonestStepShare(id) < MAX_STEP_SHARE &&
    !WELL_KNOWN.has(id)
  );
}

/**
 * The session a visitor asks to continue: the id in lower case when it is unguessable, undefined
 * when it is absent or could be guessed (the caller then issues a new id, so a weak id never
 * becomes anyone's key). Nothing a client sends here ever reaches a path or store key.
 * Lower case because UUIDs are compared case-insensitively (RFC 9562, section 4: "input ... is
 * case insensitive", output lower case): `ABC...` and `abc...` are one conversation, as the
 * ids the server issues are lower case.
 */
export function clientSessionId(raw: unknown): SessionId | undefined {
  return isUnguessableSessionId(raw) ? (raw.toLowerCase() as SessionId) : undefined;
}

export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * Returns the text as stored: NFC-normalised and trimmed. Rejects what would
 * corrupt storage or logs (NUL, lone surrogates), empty text and oversized text.
 * The length limit applies to the text as the turn's text routines see it: the longer
 * of its NFC and NFKC forms (NFKC turns one U+FDFA into 18 characters), so no message
 * makes a turn's work grow past what `maxChars` ordinary characters cost.
 */
export function normalizeMessageText(raw: unknown, maxChars: number = DEFAULT_MAX_MESSAGE_CHARS): string {
  if (typeof raw !== 'string') throw new InvalidInput('message must be a string');
  if (!raw.isWellFormed()) throw new InvalidInput('message contains an unpaired surrogate (invalid Unicode)');
  if (raw.includes('\u0000')) throw new InvalidInput('message contains a NUL character');
  const text = raw.normalize('NFC').trim();
  if (text.length === 0) throw new InvalidInput('message must not be empty');
  const length = codePointLength(text);
  if (length > maxChars) {
    throw new InvalidInput(`message is ${length} characters long; the limit is ${maxChars}`);
  }
  const expanded = !NON_ASCII.test(text) ? length : codePointLength(text.normalize('NFKC'));
  if (expanded > maxChars) {
    throw new InvalidInput(
      `message is ${expanded} characters long once Unicode compatibility characters are expanded (NFKC); the limit is ${maxChars}`,
    );
  }
  return text;
}

const NON_ASCII = /[^ -~\s]/;

export function clampPageLimit(limit: number | undefined, fallback = 20): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(limit)));
}
