import { InvalidInput } from '../errors.js';
import { maskPii } from '../text/pii.js';
import { MAX_GAP_QUESTION_CHARS } from './knowledge-gaps.js';

// Bounded so that no input makes the search quadratic; a longer "tag" is not markup.
const HTML_COMMENT = /<!--[\s\S]{0,2000}?-->/g;
const HTML_TAG = /<\/?[A-Za-z][^<>]{0,1000}>/g;
const WORD_END = /^[\p{L}\p{N}]$/u;
// Marks where markup was cut (a private-use character, removed from the input first).
const CUT = '\ue000';
const CUTS = /\ue000+/g;
// What is left that a renderer could still read as the start of markup: "<x", "</", "<!", "<?".
const TAG_START = /<(?=[A-Za-z/!?])/g;
// Markdown that would load or link something: images become their alt text, links their text.
// The target may hold one level of parentheses ("javascript:alert(1)").
const TARGET = String.raw`\((?:[^()\n]|\([^()\n]{0,200}\)){0,2000}\)`;
const MARKDOWN_IMAGE = new RegExp(String.raw`!\[([^\]\n]{0,500})\]` + TARGET, 'g');
const MARKDOWN_LINK = new RegExp(String.raw`\[([^\]\n]{0,500})\]` + TARGET, 'g');

/**
 * A visitor's question as it may be published in the persona (answers.md is public persona
 * text the model quotes): e-mail addresses and phone numbers masked, plain text (HTML tags
 * and comments removed, no Markdown image or link), on one line, at most 500 characters.
 * The owner's own wording goes through it too. Idempotent.
 */
export function publicQuestion(text: string): string {
  // A removed tag leaves a space only between two words: "<b>pets</b>?" reads "pets?", "a<br>b" reads "a b".
  const untagged = text
    .normalize('NFC')
    .replaceAll(CUT, '')
    .replace(HTML_COMMENT, CUT)
    .replace(HTML_TAG, CUT)
    .replace(CUTS, (cut, at: number, all: string) =>
      WORD_END.test(all[at - 1] ?? '') && WORD_END.test(all[at + cut.length] ?? '') ? ' ' : '',
    );
  // Contact details are masked before Markdown is read, so a mask never hides inside a link target.
  const masked = maskPii(untagged);
  const plain = masked
    .replace(MARKDOWN_IMAGE, '$1')
    .replace(MARKDOWN_LINK, '$1')
    .replace(TAG_START, '< ')
    .replace(/\s+/gu, ' ')
    .trim();
  return Array.from(plain).slice(0, MAX_GAP_QUESTION_CHARS).join('').trim();
}

/** The owner's wording of a question for answers.md: publicQuestion of it, and not empty. */
export function parsePublicQuestion(raw: unknown): string {
  if (typeof raw !== 'string') throw new InvalidInput('question must be a string');
  const question = publicQuestion(raw);
  if (question === '') throw new InvalidInput('question must not be empty once markup is removed');
  return question;
}
