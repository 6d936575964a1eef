import {
  ara,
  dan,
  deu,
  eng,
  fin,
  fra,
  hin,
  ita,
  jpn,
  kor,
  nld,
  nob,
  pol,
  por,
  ron,
  rus,
  spa,
  swe,
  tur,
  ukr,
  zho,
} from 'stopword';
import iso from 'stopwords-iso' with { type: 'json' };
import { INTERROGATIVES } from '../grounding/questions.js';

// Words a visitor uses to ask rather than to name a subject ("tell me about ...").
const ASKING_NOISE = [
  'tell',
  'please',
  'thanks',
  'thank',
  'hello',
  'hey',
  'know',
  'think',
  'something',
  'anything',
  'thing',
  'things',
  'really',
  'also',
  'like',
  'want',
  'get',
  'lot',
  'lots',
  'yes',
  'okay',
  // Verbs of asking and using, which name no subject ("can we talk", "what do you use?"), and
  // French "quoi" ("tu fais quoi ?"), missing from stopword's French list.
  'talk',
  'use',
  'say',
  'ask',
  'mean',
  'quoi',
];

// stopword's lists are function words only, so they never hide a subject ("work", "system");
// for Chinese and Japanese they are a few dozen characters, so stopwords-iso's fuller lists
// (哪里, 怎么, 如何, どこ, として ...) join them. Its lists for European languages are not used:
// they hold content words too ("work" in English, "trabajo" in Spanish, "sistema" in Portuguese).
// One language's function word is another's subject ("dog" is Danish for "however", "man" and
// "hat" are German): a message is read with the lists of the language(s) its own function words
// point to, the classic stop-word language guess (English when nothing points anywhere).
const BY_LANGUAGE: Readonly<Record<string, readonly string[]>> = {
  ara,
  dan,
  deu,
  eng,
  fin,
  fra,
  hin,
  ita,
  kor,
  nld,
  nob,
  pol,
  por,
  ron,
  rus,
  spa,
  swe,
  tur,
  ukr,
};
// Scripts of their own (no clash with Latin words), and the asking words of every language.
const ALWAYS: readonly (readonly string[])[] = [jpn, zho, iso.zh, iso.ja, [...INTERROGATIVES], ASKING_NOISE];

const LATIN = /\p{Script=Latin}/u;

/**
 * Lower case and compatibility forms folded (full-width letters); in Latin script accents are
 * dropped too, as visitors often leave them out or add them: "Dónde" and "donde" are one word.
 */
export function foldForStopWords(word: string): string {
  const folded = word.normalize('NFKC').toLowerCase();
  return LATIN.test(folded) ? folded.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFC') : folded;
}

const ALWAYS_STOP = new Set(ALWAYS.flat().map(foldForStopWords));
const LANGUAGE_STOP = new Map(
  Object.entries(BY_LANGUAGE).map(([language, list]) => [language, new Set(list.map(foldForStopWords))]),
);
const ENGLISH = [LANGUAGE_STOP.get('eng') as ReadonlySet<string>];
// Per folded function word, the languages listing it (indexes into LANGUAGE_SETS): a message's
// words are looked up once each, not once per language.
const LANGUAGE_SETS = [...LANGUAGE_STOP.values()];
const LANGUAGES_OF = new Map<string, number[]>();
LANGUAGE_SETS.forEach((set, index) => {
  for (const word of set) {
    const languages = LANGUAGES_OF.get(word);
    if (languages) languages.push(index);
    else LANGUAGES_OF.set(word, [index]);
  }
});

/** A test for function words, for one message. */
export type StopWordTest = (word: string) => boolean;

/**
 * The function-word test for a message whose words are `words`: the lists of the language(s)
 * whose function words the message uses most (ties keep every tied language), plus the Chinese
 * and Japanese lists and the asking words of every language. O(words + languages).
 */
export function stopWordsFor(words: readonly string[]): StopWordTest {
  const counts = new Array<number>(LANGUAGE_SETS.length).fill(0);
  for (const word of words) {
    for (const language of LANGUAGES_OF.get(foldForStopWords(word)) ?? [])
      counts[language] = (counts[language] ?? 0) + 1;
  }
  let best = 0;
  let chosen: ReadonlySet<string>[] = ENGLISH;
  for (const [index, set] of LANGUAGE_SETS.entries()) {
    const hits = counts[index] ?? 0;
    if (hits > best) {
      best = hits;
      chosen = [set];
    } else if (hits === best && hits > 0) chosen = [...chosen, set];
  }
  const has = (word: string) => ALWAYS_STOP.has(word) || chosen.some((set) => set.has(word));
  return (word) => isStopWordIn(word, has);
}
const UNSPACED = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u;
const HIRAGANA_ONLY = /^[\p{Script=Hiragana}ー]+$/u;
// ICU's dictionary sometimes joins two function words into one ("你在" = "you" + "at");
// words up to this long are checked for being made of stop words only (bounded work per word).
const MAX_COMPOSED = 8;
const MAX_PART = 4;

/**
 * A function word of any of the listed languages: a pronoun, article, preposition, auxiliary,
 * interrogative or particle. In Chinese and Japanese also a word made only of such words, and
 * in Japanese any word written in hiragana alone: ICU splits inflected verbs into kana pieces
 * ("働いています" -> 働, い, てい, ます) and particles are kana, while subjects are written in kanji
 * or katakana.
 */
export function isStopWord(word: string): boolean {
  return isStopWordIn(word, ANY_LANGUAGE);
}

const ANY_LANGUAGE = (word: string) =>
  ALWAYS_STOP.has(word) || [...LANGUAGE_STOP.values()].some((set) => set.has(word));

function isStopWordIn(word: string, has: (folded: string) => boolean): boolean {
  const folded = foldForStopWords(word);
  if (has(folded)) return true;
  if (!UNSPACED.test(folded)) return false;
  if (HIRAGANA_ONLY.test(folded)) return true;
  return madeOfStopWords([...folded], has);
}

// Word break over stop words, by dynamic programming: O(MAX_COMPOSED x MAX_PART) lookups.
function madeOfStopWords(chars: readonly string[], has: (folded: string) => boolean): boolean {
  if (chars.length > MAX_COMPOSED) return false;
  const reachable = [true, ...chars.map(() => false)];
  for (let end = 1; end <= chars.length; end++) {
    for (let size = 1; size <= Math.min(MAX_PART, end) && !reachable[end]; size++) {
      reachable[end] = reachable[end - size] === true && has(chars.slice(end - size, end).join(''));
    }
  }
  return reachable[chars.length] === true;
}
