import { contentWords, foldPlural } from '../text/text.js';
import { AUXILIARIES } from './question-words.js';

/**
 * The thing a yes/no question asks about (docs/adr/0403): "a dog" in "Do you have a dog?",
 * "married" in "Are you married?", "Japan" in "Have you ever been to Japan?". A passage that
 * neither names it nor something close to it does not answer the question, whatever else it
 * shares with it: "Do you own a unicycle?" is not answered by the owner's hobbies.
 */
export interface AskedObject {
  /** The phrase's content terms (plural-folded), head last. */
  readonly terms: readonly string[];
  /**
   * Every content term after the verb, to the question's end ("company", "patent", "court" in
   * "could you represent my company before the patent court"): a passage holding one of them
   * speaks of what is asked, however the phrase is cut.
   */
  readonly predicate: readonly string[];
  /**
   * Terms of the phrase written as names ("Japanese", "PhD", "British Sign Language"): only the
   * same words answer, never neighbours in meaning ("Portuguese" is no answer to "Japanese").
   */
  readonly names: readonly string[];
}

// Only a pronoun subject is read: after "your uncle Kwadwo" the verb cannot be told from the subject without a tagger.
const SUBJECTS = new Set(['you', 'i', 'we', 'u', 'ya', 'there']);
const COPULAS = new Set(['are', 'is', 'am', 'was', 'were', 'r']);
const ADVERBS = new Set(
  'ever still really actually already also currently ever yet now personally always usually often sometimes even'.split(
    ' ',
  ),
);
// Words that start a phrase's modifiers or end it: a preposition, a conjunction, a clause.
const LEADING = new Set('to into in on at a an the any some your my our of for with about by from'.split(' '));
const ENDING = new Set(
  (
    'to in on at for with about by from of before after while when if that which who whom whose because or and but ' +
    'like as than so called named near during since until through over under'
  ).split(' '),
);
const MAX_OBJECT_WORDS = 4;

function tokens(sentence: string): { word: string; capital: boolean }[] {
  return [...sentence.replace(/[\u2018\u2019\u02bc]/gu, "'").matchAll(/[\p{L}\p{N}'-]+|[,;:]/gu)].map((m) => ({
    word: m[0].toLocaleLowerCase('und'),
    capital: /^\p{Lu}/u.test(m[0]),
  }));
}

/**
 * The object of the last yes/no question in `text`, or null when there is none or it cannot be
 * read (a question that does not open with an auxiliary and a pronoun). Pure and bounded: reads
 * at most the last sentence's first few dozen words.
 */
export function askedObject(text: string): AskedObject | null {
  const sentences = text.split(/[?？؟.!。]+/u).filter((s) => /\p{L}/u.test(s));
  const all = tokens(sentences.at(-1) ?? '').slice(0, 40);
  const [aux, subject] = all;
  if (!aux || !subject || !AUXILIARIES.has(aux.word) || !SUBJECTS.has(subject.word)) return null;
  let at = 2;
  while (all[at] && ADVERBS.has((all[at] as { word: string }).word)) at++;
  // "Do you have ...", "Have you been to ...": one verb; "Are you married?" has none.
  const verb = COPULAS.has(aux.word) ? undefined : all[at++];
  while (
    all[at] &&
    (LEADING.has((all[at] as { word: string }).word) || ADVERBS.has((all[at] as { word: string }).word))
  )
    at++;
  const phrase: { word: string; capital: boolean }[] = [];
  for (const token of all.slice(at)) {
    if (ENDING.has(token.word) || /^[,;:]$/u.test(token.word) || phrase.length === MAX_OBJECT_WORDS) break;
    phrase.push(token);
  }
  // "Do you climb?": with nothing after the verb, the activity itself is what is asked about.
  if (phrase.length === 0 && verb) phrase.push(verb);
  const meaningful = <T extends { word: string }>(span: readonly T[]): T[] => {
    const content = new Set(contentWords(span.map((t) => t.word).join(' ')));
    return span.filter((t) => content.has(t.word) && !/\d/u.test(t.word));
  };
  const kept = meaningful(phrase);
  if (kept.length === 0) return null;
  const rest = meaningful(all.slice(at)).map((t) => foldPlural(t.word));
  return {
    terms: kept.map((t) => foldPlural(t.word)),
    predicate: rest.length > 0 ? rest : kept.map((t) => foldPlural(t.word)),
    names: kept.filter((t) => t.capital).map((t) => foldPlural(t.word)),
  };
}
