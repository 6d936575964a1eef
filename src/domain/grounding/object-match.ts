import type { TermSimilarity } from './answer-signals.js';
import type { AskedObject } from './asked-object.js';
import { namesMemberOf } from './everyday-kinds.js';
import { terms } from './grounding.js';
import { presentTerms } from './term-match.js';

// Short words meet typos of other words too easily ("mead" and "mean"): the object's typos are looked for from six letters.
const MIN_OBJECT_TYPO_LENGTH = 6;

/**
 * A name is there when the passage holds it (or its stem), a word containing it ("Zulu" in
 * "isiZulu") or starting with it ("TED" in "TEDxValparaíso"), or, from six letters, the word with one typo ("Tidwater"); never two edits away:
 * "Afrikaans" is not "African".
 */
export function namePresent(name: string, about: string): boolean {
  const held = terms(about);
  return (
    presentTerms([name], about, MIN_OBJECT_TYPO_LENGTH, 1).length > 0 ||
    held.some((w) => (name.length >= 4 && w.includes(name)) || (name.length >= 3 && w.startsWith(name)))
  );
}

// Words of one root that differ by a suffix ("available" and "availability"): a long shared start, most of the shorter word.
const MIN_ROOT_LENGTH = 6;
function sameRoot(a: string, b: string): boolean {
  let shared = 0;
  while (shared < a.length && a[shared] === b[shared]) shared++;
  return shared >= MIN_ROOT_LENGTH && shared >= 0.75 * Math.min(a.length, b.length);
}

/**
 * Whether a passage (its text, context and search synonyms) speaks of a yes/no question's
 * object (docs/adr/0403). Every name of the object phrase must be there ("British" of "British
 * Sign Language"; a neighbour in meaning never stands for a name). Then it holds one of the words
 * after the question's verb ("sake" of "formal sake training", "patent" of "represent my company
 * before the patent court"), or the head word is close in meaning to one of its common words
 * (cosine >= `minCosine`), or names a common member of it ("cat" for "pets",
 * everyday-kinds.ts). Without word similarities (no embedder), only words count.
 */
export function objectMet(
  object: AskedObject | null,
  about: string,
  similarity: TermSimilarity | undefined,
  minCosine: number,
): boolean {
  if (object === null) return true;
  if (!object.names.every((name) => namePresent(name, about))) return false;
  if (object.names.length > 0) return true;
  if (presentTerms(object.predicate, about, MIN_OBJECT_TYPO_LENGTH).length > 0) return true;
  if (object.predicate.some((term) => terms(about).some((word) => sameRoot(term, word)))) return true;
  const head = object.terms.at(-1) as string;
  if (namesMemberOf(head, terms(about))) return true;
  return (similarity?.commonByTerm.get(head) ?? 0) >= minCosine;
}
