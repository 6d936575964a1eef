import { InvalidInput } from '../errors.js';
import { stableHash } from '../text/stable-hash.js';

declare const brand: unique symbol;
/** `gap-` and 16 hex digits, derived from the question's normalised form. */
export type GapId = string & { readonly [brand]: 'GapId' };

export type GapStatus = 'open' | 'answered' | 'dismissed';

/** A question the twin could not answer from the persona, and what the owner did about it. */
export interface KnowledgeGap {
  readonly id: GapId;
  /** The wording of the first visitor who asked it. */
  readonly question: string;
  /** The meaning-preserving normal form that groups repeats of the question. */
  readonly key: string;
  readonly times_asked: number;
  /** ISO 8601 UTC. */
  readonly first_asked: string;
  readonly last_asked: string;
  readonly status: GapStatus;
  /** The owner's answer, once given. */
  readonly answer: string | null;
  /** When the owner answered or dismissed it. */
  readonly resolved_at: string | null;
}

/** One asking of a question, ready for a store. */
export interface GapAsked {
  readonly id: GapId;
  readonly key: string;
  readonly question: string;
  /** ISO 8601 UTC. */
  readonly at: string;
  /** The conversation it was asked in, so purging that conversation takes the asking back. */
  readonly session_id?: string | null;
}

export const MAX_GAP_QUESTION_CHARS = 500;
export const MAX_ANSWER_CHARS = 4000;
const GAP_ID_PATTERN = /^gap-[0-9a-f]{16}$/;

// Sentence punctuation of several scripts, stripped only at the edges of a word: "C#" and
// "C++" keep their symbols, while "film?" and "¿dónde" lose what only marks the sentence.
const EDGE_PUNCTUATION =
  /^[?!.,;:¿¡…"'“”«»()[\]{}「」『』、。，？！：；؟؛‹›-]+|[?!.,;:¿¡…"'“”«»()[\]{}「」『』、。，？！：；؟؛‹›-]+$/gu;

/**
 * The form under which repeats of a question are counted together: Unicode
 * compatibility-folded and lower-cased, split on white space, with sentence punctuation
 * dropped from the edges of each word. Nothing that carries meaning (word order, tense,
 * negation, numbers, accents, symbols inside words) is removed, so two questions share
 * a key only when they read the same.
 */
export function questionKey(question: string): string {
  const key = question
    .normalize('NFKC')
    .toLocaleLowerCase('und')
    .replace(/[\u2018\u2019\u02bc]/gu, "'")
    .split(/\s+/u)
    .map((word) => word.replace(EDGE_PUNCTUATION, ''))
    .filter(Boolean)
    .join(' ');
  // A question of punctuation only has no words; its trimmed text is its key.
  return key === '' ? question.normalize('NFC').trim().replace(/\s+/gu, ' ') : key;
}

export function gapIdFor(key: string): GapId {
  return `gap-${stableHash(key)}` as GapId;
}

/** Ids reach store keys and file contents: anything not shaped like one is a 400. */
export function parseGapId(raw: unknown): GapId {
  if (typeof raw !== 'string' || !GAP_ID_PATTERN.test(raw)) {
    throw new InvalidInput('gap id must look like gap- followed by 16 hexadecimal digits');
  }
  return raw as GapId;
}

/** Describes one asking of `question` (in conversation `sessionId`), trimmed to a bounded length. */
export function gapAsked(question: string, at: Date, sessionId: string | null = null): GapAsked {
  const clean = Array.from(question.normalize('NFC').trim().replace(/\s+/gu, ' '))
    .slice(0, MAX_GAP_QUESTION_CHARS)
    .join('');
  const key = questionKey(clean);
  return { id: gapIdFor(key), key, question: clean, at: at.toISOString(), session_id: sessionId };
}

/** The first asking creates an open gap. */
export function newGap(ask: GapAsked): KnowledgeGap {
  return {
    id: ask.id,
    question: ask.question,
    key: ask.key,
    times_asked: 1,
    first_asked: ask.at,
    last_asked: ask.at,
    status: 'open',
    answer: null,
    resolved_at: null,
  };
}

/**
 * A repeat counts; an answered gap asked again and still not answerable reopens
 * (the answer did not help); a dismissed one stays dismissed.
 */
export function askedAgain(gap: KnowledgeGap, ask: GapAsked): KnowledgeGap {
  return {
    ...gap,
    times_asked: gap.times_asked + 1,
    last_asked: laterOf(ask.at, gap.last_asked),
    status: gap.status === 'answered' ? 'open' : gap.status,
  };
}

/**
 * The gap once `taken` askings are withdrawn (their conversation was purged); null when
 * none is left, so the question itself goes too.
 */
export function gapWithout(gap: KnowledgeGap, taken: number): KnowledgeGap | null {
  const left = gap.times_asked - taken;
  return left > 0 ? { ...gap, times_asked: left } : null;
}

/** Open gaps first, then the most asked, then the most recent. */
export function compareGaps(a: KnowledgeGap, b: KnowledgeGap): number {
  const rank = (gap: KnowledgeGap) => (gap.status === 'open' ? 0 : 1);
  return (
    rank(a) - rank(b) ||
    b.times_asked - a.times_asked ||
    (a.last_asked < b.last_asked ? 1 : a.last_asked > b.last_asked ? -1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The owner's answer: non-blank text of bounded length. */
export function parseAnswer(raw: unknown): string {
  if (typeof raw !== 'string') throw new InvalidInput('answer must be a string');
  // As for visitors' messages: what would corrupt answers.md or a log (NUL, lone surrogates) is refused.
  if (!raw.isWellFormed()) throw new InvalidInput('answer contains an unpaired surrogate (invalid Unicode)');
  if (raw.includes('\u0000')) throw new InvalidInput('answer contains a NUL character');
  const text = raw.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  if (text === '') throw new InvalidInput('answer must not be empty');
  if (Array.from(text).length > MAX_ANSWER_CHARS) {
    throw new InvalidInput(`answer must be at most ${MAX_ANSWER_CHARS} characters`);
  }
  return text;
}

/** The later of two ISO 8601 UTC timestamps (they sort as text). */
export function laterOf(a: string, b: string): string {
  return [a, b].sort().at(-1) ?? a;
}
