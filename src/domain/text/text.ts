import { deu, eng, fra, ita, nld, por, removeStopwords, spa } from 'stopword';
// Word boundaries from ICU, so scripts without spaces (Chinese, Japanese, Thai) still split into words.
import { boundedSegments } from './bounded-segments.js';

/** Lower-cased, NFKC-folded words of any script; punctuation and spaces dropped. */
export function words(text: string): string[] {
  const result: string[] = [];
  for (const segment of boundedSegments(text.normalize('NFKC'))) {
    if (segment.isWordLike) result.push(segment.segment.toLocaleLowerCase('und'));
  }
  return result;
}

/** words(text)[0] without segmenting the rest of the text: the segmenter is lazy, so this stops early. */
export function firstWord(text: string): string | undefined {
  for (const segment of boundedSegments(text.normalize('NFKC'))) {
    if (segment.isWordLike) return segment.segment.toLocaleLowerCase('und');
  }
  return undefined;
}

const STOP_WORDS: readonly string[] = [...new Set([...eng, ...spa, ...fra, ...deu, ...por, ...ita, ...nld])];
const ENGLISH: ReadonlySet<string> = new Set(eng);
const OTHER_LANGUAGES: ReadonlySet<string> = new Set(
  [...spa, ...fra, ...deu, ...por, ...ita, ...nld].filter((word) => !ENGLISH.has(word)),
);

/**
 * Whether words read as another language than English: at least two of them, or over 30 %, are
 * stop words of Spanish, French, German, Portuguese, Italian or Dutch that English lacks.
 */
export function notEnglish(all: readonly string[]): boolean {
  const foreign = all.filter((word) => OTHER_LANGUAGES.has(word)).length;
  return foreign >= 2 || (all.length > 0 && foreign / all.length > 0.3);
}

// Pronouns and question words that carry no topic in a question to the twin ("what do you ...").
const QUESTION_NOISE = [
  'you',
  'your',
  'yours',
  'yourself',
  'tell',
  'me',
  'about',
  'please',
  'can',
  'could',
  'would',
  "what's",
  "where's",
  "who's",
  "how's",
  "when's",
  "you're",
  "you've",
  'whats',
  'know',
  'describe',
  'explain',
  'share',
  // Light verbs: "which talk did you give", "which certificates do you hold" are about the noun.
  'give',
  'gave',
  'given',
  'hold',
  'held',
  'get',
  'got',
  'make',
  'made',
  'take',
  'took',
];
const STOP_WORDS_WITH_NOISE = [...STOP_WORDS, ...QUESTION_NOISE];

/** Words that carry meaning for retrieval: stop words of several languages removed. */
export function contentWords(text: string): string[] {
  // Typographic apostrophes (what’s) are folded so they meet the stop-word lists.
  const all = words(text.replace(/[\u2018\u2019\u02bc]/gu, "'"));
  // A lone Latin letter ("é", "a", "o") is grammar, not topic; a lone CJK character can be a word.
  return removeStopwords(all, STOP_WORDS_WITH_NOISE).filter((word) => !/^\p{Script=Latin}$/u.test(word));
}

/** Folds simple English plurals so "projects" finds "project"; other scripts pass through. */
export function foldPlural(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && /^[a-z]+$/.test(word)) return word.slice(0, -1);
  return word;
}
