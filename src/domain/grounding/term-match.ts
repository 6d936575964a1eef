import { terms } from './grounding.js';

// Inflection and derivation endings (English first, then the Romance and German ones that
// share the pattern): "diving" and "dive", "qualified" and "qualify" meet at their stem.
const SUFFIXES = [
  'ational',
  'ization',
  'isation',
  'ations',
  'ation',
  'ments',
  'ment',
  'ness',
  'ings',
  'ing',
  'ied',
  'ies',
  'ers',
  'er',
  'ed',
  'es',
  'ly',
  'al',
  'y',
  'e',
  's',
];

const MAX_FUZZY_LENGTH = 40;

/** A crude stem: the word without one common ending, never shorter than four letters. */
export function stem(word: string): string {
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) return word.slice(0, -suffix.length);
  }
  return word;
}

/** Optimal string alignment distance, stopping early once it exceeds `max`. */
function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (previous2[j - 2] as number) + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return false;
    previous2 = previous;
    previous = current;
  }
  return (previous[b.length] as number) <= max;
}

/**
 * Whether a question term is present among a passage's terms: the same word, the same stem,
 * one a prefix of the other (five letters or more), or a typo of it (one edit in words of
 * four to six letters, two from seven) that keeps the first letter: "blood" is not "cloud".
 */
export function termPresent(
  term: string,
  passageTerms: ReadonlySet<string>,
  minTypoLength = 4,
  maxTypoEdits = 2,
): boolean {
  if (passageTerms.has(term)) return true;
  const termStem = stem(term);
  for (const candidate of passageTerms) {
    if (stem(candidate) === termStem) return true;
    if (term.length >= 5 && candidate.length >= 5 && (candidate.startsWith(term) || term.startsWith(candidate))) {
      return true;
    }
    // Typos are looked for in words of ordinary length only: the comparison costs length squared.
    if (
      term.length >= minTypoLength &&
      term.length <= MAX_FUZZY_LENGTH &&
      candidate.length >= 4 &&
      candidate.charAt(0) === term.charAt(0)
    ) {
      if (withinEdits(term, candidate, Math.min(maxTypoEdits, term.length >= 7 ? 2 : 1))) return true;
    }
  }
  return false;
}

/** The question terms present in a text (its words and context); typos are looked for in terms of `minTypoLength` letters or more. */
export function presentTerms(
  questionTerms: readonly string[],
  text: string,
  minTypoLength = 4,
  maxTypoEdits = 2,
): string[] {
  const passageTerms = new Set(terms(text));
  return questionTerms.filter((term) => termPresent(term, passageTerms, minTypoLength, maxTypoEdits));
}
