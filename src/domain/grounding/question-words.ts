import { words } from '../text/text.js';

/** Questions are cut to this many words before analysis and retrieval: per-turn work stays bounded. */
export const MAX_QUESTION_WORDS = 64;
export const MAX_QUESTION_CHARS = 1000;

// Chat spellings of question words and pronouns (English), and common misspellings.
const CHAT_SPELLINGS: Readonly<Record<string, string>> = {
  u: 'you',
  ya: 'you',
  ur: 'your',
  yr: 'your',
  r: 'are',
  wat: 'what',
  wot: 'what',
  wht: 'what',
  whats: "what's",
  wher: 'where',
  whre: 'where',
  were: 'were',
  hw: 'how',
  wen: 'when',
  whn: 'when',
  hv: 'have',
  hav: 'have',
  pls: 'please',
  plz: 'please',
};
export const CONTRACTED = new Set([
  "what's",
  "where's",
  "who's",
  "how's",
  "when's",
  "it's",
  "that's",
  "there's",
  "he's",
  "she's",
  "let's",
]);
const WH_WORDS = ['what', 'where', 'when', 'who', 'how', 'which', 'why'];
export const AUXILIARIES = new Set(
  'do does did are is was were can could have has had will would should may might am'.split(' '),
);

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** The question's words with chat spellings expanded and a misspelt opening question word fixed ("were did you"). */
export function questionWords(text: string): string[] {
  const all = words(text.slice(0, MAX_QUESTION_CHARS).replace(/[\u2018\u2019\u02bc]/gu, "'"))
    .slice(0, MAX_QUESTION_WORDS)
    .map((w) => CHAT_SPELLINGS[w] ?? w)
    // "wife's" and "apprentices'" are about the wife and the apprentices; "what's" stays a contraction.
    .map((w) => (/^[\p{L}-]{2,}'s?$/u.test(w) && !CONTRACTED.has(w) ? w.replace(/'s?$/u, '') : w));
  const [first, second] = all;
  if (first && second && !WH_WORDS.includes(first) && AUXILIARIES.has(second) && first.length >= 3) {
    const fixed = WH_WORDS.find((wh) => editDistanceAtMostOne(first, wh));
    if (fixed) all[0] = fixed;
  }
  return all;
}
