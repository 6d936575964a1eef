import { foldPlural } from '../text/text.js';

// Titles are written capitalised and name no one by themselves.
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'madam']);

/**
 * Words a question writes capitalised where a sentence does not start (docs/adr/0403):
 * "Japan", "PhD", "British Sign Language", lower-cased and plural-folded. They name something
 * precise, so only a passage holding the same words answers ("Portuguese" is close to
 * "Japanese" in meaning and no answer to it). English only: German capitalises every noun.
 * Bounded by the question's length.
 */
export function writtenNames(text: string): string[] {
  const names: string[] = [];
  let sentenceStart = true;
  for (const [token] of text.replace(/[\u2018\u2019\u02bc]/gu, "'").matchAll(/[\p{L}\p{N}'-]+|[.!?。？！:;"“”()]/gu)) {
    if (!/[\p{L}\p{N}]/u.test(token)) {
      sentenceStart = /[.!?。？！:"“”(]/u.test(token) || sentenceStart;
      continue;
    }
    const word = token.replace(/'s$/u, '');
    const lower = word.toLocaleLowerCase('und');
    if (!sentenceStart && /^\p{Lu}/u.test(word) && lower !== 'i' && !TITLES.has(lower)) names.push(foldPlural(lower));
    sentenceStart = false;
  }
  return names;
}
