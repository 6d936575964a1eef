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
import { lexicon } from 'vader-sentiment/src/vader_lexicon.js';
import type { PersonaFacts } from '../persona/persona.js';
import { removeMarkup } from '../text/markup.js';
import { removePii } from '../text/pii.js';
import { wordRuns } from '../text/word-runs.js';

/** A name from the owner's profile (a specialty, skill or employer) and the word sequences that mention it. */
export interface ProfileTopic {
  readonly name: string;
  readonly keys: readonly (readonly string[])[];
}

/** Profile topics indexed by the first word of each key, longest key first. */
export interface TopicVocabulary {
  readonly byFirstWord: ReadonlyMap<string, readonly { readonly key: readonly string[]; readonly name: string }[]>;
}

export interface TopicCount {
  readonly topic: string;
  readonly count: number;
}

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
];
const STOP_WORDS = new Set<string>([
  ...[ara, dan, deu, eng, fin, fra, hin, ita, jpn, kor, nld, nob, pol, por, ron, rus, spa, swe, tur, ukr, zho].flat(),
  ...ASKING_NOISE,
]);
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;
// Longer "words" are pasted data (hashes, URLs without spaces), not subjects; it also bounds store keys.
const MAX_WORD_LENGTH = 40;
const HAS_LETTER = /\p{L}/u;
const NON_ASCII = /[^ -~\s]/;
const ROLE_EMPLOYER = /\s(?:at|@)\s+(.+)$/i;
const LIST_KEYS = ['specialties', 'skills', 'technologies', 'tools', 'expertise', 'employers', 'companies'];
const HISTORY_KEYS = ['experience', 'employment', 'work_history', 'positions', 'jobs', 'roles'];
const EMPLOYER_FIELDS = ['company', 'employer', 'organization', 'organisation'];
const vocabularies = new WeakMap<PersonaFacts, TopicVocabulary>();

/**
 * Merges plural and singular ("budgets" and "budget", "libraries" and "library") while
 * leaving words that only look plural alone ("analysis", "status", "analytics", "class").
 */
export function foldTopicWord(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x|zz)es$/.test(word)) return word.slice(0, -2);
  if (/(?:ss|us|is|ics|ous)$/.test(word) || !word.endsWith('s')) return word;
  return word.slice(0, -1);
}

function normalizeWord(word: string): string {
  const text = NON_ASCII.test(word) ? word.normalize('NFKC') : word;
  return foldTopicWord(text.toLowerCase());
}

/** Too short, numeric or a stop word: carries no subject. Unspaced scripts have meaningful two-character words. */
function isNoise(word: string): boolean {
  if (!HAS_LETTER.test(word) || STOP_WORDS.has(word)) return true;
  const length = [...word].length;
  return length < (UNSPACED_SCRIPT.test(word) ? 2 : 3) || length > MAX_WORD_LENGTH;
}

/** The names in facts.json a visitor's words can be mapped onto, so the owner sees which parts of the profile draw interest. */
export function topicVocabulary(facts: PersonaFacts): TopicVocabulary {
  const cached = vocabularies.get(facts);
  if (cached) return cached;
  const names = new Set<string>();
  for (const key of LIST_KEYS) {
    const value = facts[key];
    if (Array.isArray(value)) for (const item of value) if (typeof item === 'string') names.add(item.trim());
  }
  for (const key of HISTORY_KEYS) {
    const value = facts[key];
    if (!Array.isArray(value)) continue;
    for (const item of value) {
      if (typeof item !== 'object' || item === null) continue;
      for (const field of EMPLOYER_FIELDS) {
        const employer = (item as Record<string, unknown>)[field];
        if (typeof employer === 'string') names.add(employer.trim());
      }
    }
  }
  const employer = typeof facts.current_role === 'string' ? ROLE_EMPLOYER.exec(facts.current_role)?.[1] : undefined;
  if (employer) names.add(employer.trim());
  const byFirstWord = new Map<string, { key: string[]; name: string }[]>();
  for (const name of names) {
    if (name === '') continue;
    for (const key of keysOf(name)) {
      const first = key[0] as string;
      byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), { key, name }]);
    }
  }
  for (const entries of byFirstWord.values()) entries.sort((a, b) => b.key.length - a.key.length);
  const vocabulary = { byFirstWord };
  vocabularies.set(facts, vocabulary);
  return vocabulary;
}

// "Observability and SRE (site reliability)" is mentioned by "observability and sre", "observability",
// "sre" or "site reliability": the whole name and each part between "and", "&", "/", commas and brackets.
function keysOf(name: string): string[][] {
  const parts = [name, ...name.split(/\s+(?:and|&|or)\s+|[,/;()]+/i)];
  const keys: string[][] = [];
  const seen = new Set<string>();
  for (const part of parts) {
    const whole = wordRuns(part).flat().map(normalizeWord);
    // Two or more neighbouring words of a longer name mention it too: "concert halls" -> "concert hall design".
    const windows = [whole];
    for (let size = 2; size < whole.length; size++) {
      for (let at = 0; at + size <= whole.length; at++) windows.push(whole.slice(at, at + size));
    }
    for (const key of windows) {
      if (key.length === 0 || isNoise(key[0] as string) || isNoise(key.at(-1) as string)) continue;
      const id = key.join(' ');
      if (!seen.has(id)) {
        seen.add(id);
        keys.push(key);
      }
    }
  }
  return keys;
}

const EMPTY_VOCABULARY: TopicVocabulary = { byFirstWord: new Map() };

/**
 * The distinct topics of one visitor message. Profile names are matched first; the rest
 * of each phrase (words between punctuation, stop words removed) gives single words and,
 * from its last two words, a phrase ("how do you size error budgets" -> "size", "error budget").
 */
export function messageTopics(text: string, vocabulary: TopicVocabulary = EMPTY_VOCABULARY): string[] {
  const topics = new Set<string>();
  // A word that only carries feeling ("love", "great") is sentiment, not a subject; in a phrase it stays ("error budget").
  const addWord = (word: string) => {
    if (!Object.hasOwn(lexicon, word)) topics.add(word);
  };
  // Visitors' contact details are personal data, never a topic; pasted markup and links are not subjects.
  for (const run of wordRuns(removePii(removeMarkup(text)))) {
    const words = run.map(normalizeWord);
    let content: string[] = [];
    const flush = () => {
      if (content.length >= 2) {
        for (const word of content.slice(0, -2)) addWord(word);
        topics.add(joinPhrase(content.slice(-2)));
      } else if (content.length === 1) addWord(content[0] as string);
      content = [];
    };
    for (let i = 0; i < words.length; ) {
      const match = profileMatch(words, i, vocabulary);
      if (match) {
        flush();
        topics.add(match.name);
        i += match.key.length;
        continue;
      }
      const word = words[i] as string;
      if (isNoise(word)) flush();
      else content.push(word);
      i++;
    }
    flush();
  }
  return [...topics];
}

// Words of unspaced scripts are written together, so the phrase is too.
function joinPhrase(words: readonly string[]): string {
  return words.join(words.every((w) => UNSPACED_SCRIPT.test(w)) ? '' : ' ');
}

function profileMatch(words: readonly string[], at: number, vocabulary: TopicVocabulary) {
  const candidates = vocabulary.byFirstWord.get(words[at] as string);
  if (!candidates) return undefined;
  return candidates.find(({ key }) => key.every((word, offset) => words[at + offset] === word));
}

/** The `limit` most frequent topics, ties broken alphabetically so the order is stable. */
export function topTopics(counts: Iterable<readonly [string, number]>, limit = 10): TopicCount[] {
  return [...counts]
    .filter(([, count]) => count > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([topic, count]) => ({ topic, count }));
}
