import { firstWord } from '../text/text.js';

// Question marks of Latin, full-width (CJK), Arabic/Persian/Urdu, Greek, Armenian, Ethiopic and Devanagari-area scripts.
const QUESTION_MARKS = /[?？؟\u037e՞፧⸮]/u;

// Words that open a question without a question mark ("where do you work"), in the languages
// the stop-word lists cover. isQuestion checks only the first word, so "what" inside a statement
// does not count; topics treat them all as function words.
export const INTERROGATIVES: ReadonlySet<string> = new Set([
  // English
  'what',
  'whats',
  'where',
  'when',
  'who',
  'whom',
  'whose',
  'why',
  'which',
  'how',
  'is',
  'are',
  'am',
  'was',
  'were',
  'do',
  'does',
  'did',
  'can',
  'could',
  'would',
  'will',
  'should',
  'shall',
  'may',
  'might',
  'have',
  'has',
  'had',
  // Spanish, Portuguese, French, German, Italian, Dutch
  'qué',
  'que',
  'dónde',
  'donde',
  'cuándo',
  'quién',
  'cómo',
  'por',
  'cuál',
  'onde',
  'quando',
  'quem',
  'como',
  'qual',
  'où',
  'quand',
  'qui',
  'comment',
  'pourquoi',
  'quel',
  'quelle',
  'est-ce',
  'was',
  'wo',
  'wann',
  'wer',
  'wie',
  'warum',
  'welche',
  'welcher',
  'cosa',
  'dove',
  'chi',
  'perché',
  'quale',
  'wat',
  'waar',
  'wanneer',
  'wie',
  'waarom',
  'hoe',
]);

/** A user message asks something when it carries a question mark of any script or opens with an interrogative word. */
export function isQuestion(text: string): boolean {
  if (QUESTION_MARKS.test(text)) return true;
  const first = firstWord(text);
  return first !== undefined && INTERROGATIVES.has(first);
}
