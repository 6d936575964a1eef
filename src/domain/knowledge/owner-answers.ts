import { InvalidInput } from '../errors.js';
import { stableHash } from '../text/stable-hash.js';
import { MAX_GAP_QUESTION_CHARS, parseAnswer, questionKey } from './knowledge-gaps.js';
import { publicQuestion } from './public-question.js';

/** The persona file (course layout) that holds the owner's answers to knowledge gaps. */
export const ANSWERS_FILE = 'answers.md';

export const ANSWERS_HEADER =
  '# Answers from the owner\n\nWritten by `twin gaps answer` and the dashboard; edit freely.\n';

declare const brand: unique symbol;
/** `ans-` and 16 hex digits, derived from the question's meaning-preserving key. */
export type AnswerId = string & { readonly [brand]: 'AnswerId' };

/** One answer the owner gave to a question visitors asked. */
export interface OwnerAnswer {
  readonly question: string;
  readonly answer: string;
}

/** An owner answer as a store keeps it: one per question, named by the question. */
export interface StoredAnswer extends OwnerAnswer {
  readonly id: AnswerId;
}

const ANSWER_ID_PATTERN = /^ans-[0-9a-f]{16}$/;

/**
 * The id of the answer to `question`: questions that read the same (case, spacing and
 * sentence punctuation aside, as for knowledge gaps) share one answer, and every store
 * and process derives the same id without a lookup.
 */
export function answerIdFor(question: string): AnswerId {
  return `ans-${stableHash(questionKey(question))}` as AnswerId;
}

/** Ids reach store keys and file edits: anything not shaped like one is a 400. */
export function parseAnswerId(raw: unknown): AnswerId {
  if (typeof raw !== 'string' || !ANSWER_ID_PATTERN.test(raw)) {
    throw new InvalidInput('answer id must look like ans- followed by 16 hexadecimal digits');
  }
  return raw as AnswerId;
}

/**
 * The question an answer is published under: masked, plain text on one line (see
 * publicQuestion), non-empty and at most 500 characters.
 */
export function parseAnswerQuestion(raw: unknown): string {
  if (typeof raw !== 'string') throw new InvalidInput('question must be a string');
  if (!raw.isWellFormed()) throw new InvalidInput('question contains an unpaired surrogate (invalid Unicode)');
  if (raw.includes('\u0000')) throw new InvalidInput('question contains a NUL character');
  const text = publicQuestion(raw);
  if (!/[\p{L}\p{N}]/u.test(text)) throw new InvalidInput('question must have some words once HTML is removed');
  if (Array.from(text).length > MAX_GAP_QUESTION_CHARS) {
    throw new InvalidInput(`question must be at most ${MAX_GAP_QUESTION_CHARS} characters`);
  }
  return text;
}

/** A validated answer, with its id: the form every AnswerBook stores. */
export function storedAnswer(question: unknown, answer: unknown): StoredAnswer {
  const clean = parseAnswerQuestion(question);
  return { id: answerIdFor(clean), question: clean, answer: parseAnswer(answer) };
}

/** By question, case-insensitively, then by id: a stable order for lists and exports. */
export function compareAnswers(a: StoredAnswer, b: StoredAnswer): number {
  const byQuestion = a.question.localeCompare(b.question, 'en', { sensitivity: 'base' });
  return byQuestion || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

// A line starting with "## " inside an answer would read as the next question. One more
// backslash in front of any "\…\##" keeps the escaping reversible for every text.
function escapeHeadings(text: string): string {
  return text.replace(/^(\s*)(\\*##)/gmu, '$1\\$2');
}

function unescapeHeadings(text: string): string {
  return text.replace(/^(\s*)\\(\\*##)/gmu, '$1$2');
}

/** One answers.md entry: the question as a "## " heading, the answer below it. */
export function renderOwnerAnswer(entry: OwnerAnswer): string {
  const question = entry.question.replace(/\s+/gu, ' ').trim();
  return `\n## ${question}\n\n${escapeHeadings(entry.answer.trim())}\n`;
}

/** A whole answers.md: the header, then one entry per answer in the given order. */
export function renderAnswersFile(entries: readonly OwnerAnswer[]): string {
  return `${ANSWERS_HEADER}${entries.map(renderOwnerAnswer).join('')}`;
}

/** One "## " section of answers.md with the lines it spans, for edits that keep the rest of the file. */
export interface AnswerSection extends OwnerAnswer {
  /** Index of the heading line in text.split('\n'). */
  readonly start: number;
  /** Index of the line after the section (the next heading, or the line count). */
  readonly end: number;
}

/**
 * Reads answers.md into sections: every "## " heading is a question and the text under
 * it (up to the next one) its answer. Text before the first heading is not a section;
 * a heading with no text under it is skipped.
 */
export function answerSections(text: string): AnswerSection[] {
  const lines = text.split('\n');
  const sections: AnswerSection[] = [];
  let current: { question: string; start: number } | undefined;
  const flush = (end: number) => {
    if (!current) return;
    const answer = unescapeHeadings(lines.slice(current.start + 1, end).join('\n')).trim();
    if (answer) sections.push({ question: current.question, answer, start: current.start, end });
  };
  lines.forEach((line, index) => {
    const heading = /^##\s+(.+?)\s*$/u.exec(line);
    if (heading?.[1]) {
      flush(index);
      current = { question: heading[1], start: index };
    }
  });
  flush(lines.length);
  return sections;
}

/** Reads answers.md back into entries (see answerSections). */
export function parseOwnerAnswers(text: string): OwnerAnswer[] {
  return answerSections(text).map(({ question, answer }) => ({ question, answer }));
}

/**
 * The answers a file holds, one per id: sections whose questions read the same are one
 * answer, their texts joined in file order (a hand-edited file may repeat a question).
 */
export function answersById(entries: readonly OwnerAnswer[]): StoredAnswer[] {
  const byId = new Map<AnswerId, StoredAnswer>();
  for (const entry of entries) {
    const id = answerIdFor(entry.question);
    const seen = byId.get(id);
    byId.set(id, seen ? { ...seen, answer: `${seen.answer}\n\n${entry.answer}` } : { id, ...entry });
  }
  return [...byId.values()];
}
