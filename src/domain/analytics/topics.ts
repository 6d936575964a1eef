import { lexicon } from 'vader-sentiment/src/vader_lexicon.js';
import type { PersonaFacts } from '../persona/persona.js';
import { removeMarkup } from '../text/markup.js';
import { removePii } from '../text/pii.js';
import { wordRuns } from '../text/word-runs.js';
import { CHAT_FILLER, ELISION } from './chat-words.js';
import { isStopWord, type StopWordTest, stopWordsFor } from './stop-words.js';

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

const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;
// Longer "words" are pasted data (hashes, URLs without spaces), not subjects; it also bounds store keys.
const MAX_WORD_LENGTH = 40;
// Topics read the start of a message only, and keep a handful: every topic is a counter write.
export const MAX_TOPIC_TEXT = 2_000;
export const MAX_TOPICS_PER_MESSAGE = 12;
const HAS_LETTER = /\p{L}/u;
const NON_ASCII = /[^ -~\s]/;
const ROLE_EMPLOYER = /\s(?:at|@)\s+(.+)$/i;
const LIST_KEYS = ['specialties', 'skills', 'technologies', 'tools', 'expertise', 'employers', 'companies'];
const HISTORY_KEYS = ['experience', 'employment', 'work_history', 'positions', 'jobs', 'roles'];
const EMPLOYER_FIELDS = ['company', 'employer', 'organization', 'organisation'];
const vocabularies = new WeakMap<PersonaFacts, TopicVocabulary>();

/**
 * The key two spellings of one subject share, for matching only (a visitor's words against the
 * owner's profile names, which are always shown in the owner's spelling): plural and singular
 * meet ("budgets", "budget"; "libraries", "library"). It is a guess, so it never names a topic:
 * "kubernetes" -> "kubernete" is a fine key and a wrong word.
 */
export function foldTopicWord(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x|zz)es$/.test(word)) return word.slice(0, -2);
  if (/(?:ss|us|is|ics|ous)$/.test(word) || !word.endsWith('s')) return word;
  return word.slice(0, -1);
}

/** A word as a topic shows it: compatibility forms folded, lower case (NFKC can add a space: "ͺ" -> " ͅ"). */
// English clitics: "what's", "don't", "I'm" are function words with a tail; "Kafka's" is Kafka.
const CLITIC = /(?:n't|'(?:s|re|ve|ll|d|m))$/u;

function normalizeWord(word: string): string {
  const lower = (NON_ASCII.test(word) ? word.normalize('NFKC').replace(/\s+/gu, '') : word).toLowerCase();
  const clitic = lower.replace(/[\u2018\u2019\u02bc]/gu, "'").replace(CLITIC, '');
  const elided = clitic.replace(ELISION, '');
  // What follows an elision is read in any language: "c'est" in an English message is still French.
  return elided !== clitic && isStopWord(elided) ? '' : elided;
}

/** Too short, numeric or a function word: carries no subject. Unspaced scripts have meaningful two-character words. */
function isNoise(word: string, stop: StopWordTest = isStopWord): boolean {
  if (!HAS_LETTER.test(word) || CHAT_FILLER.has(word) || stop(word)) return true;
  const length = [...word].length;
  return length < (UNSPACED_SCRIPT.test(word) ? 2 : 3) || length > MAX_WORD_LENGTH;
}

function isUnspacedSuffix(word: string, stop: StopWordTest): boolean {
  return word.length === 1 && UNSPACED_SCRIPT.test(word) && !stop(word);
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
    const whole = wordRuns(part)
      .flat()
      .map((word) => foldTopicWord(normalizeWord(word)));
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
 * The distinct topics of one visitor message, at most MAX_TOPICS_PER_MESSAGE, from its first
 * MAX_TOPIC_TEXT characters. Markup and contact details are removed first. Profile names are
 * matched first; the rest of each phrase (words between punctuation, function words removed)
 * gives single words and, from its last two words, a phrase ("how do you size error budgets"
 * -> "size", "error budgets"). Work is linear in the (capped) length.
 */
export function messageTopics(text: string, vocabulary: TopicVocabulary = EMPTY_VOCABULARY): string[] {
  const topics = new Set<string>();
  const add = (topic: string) => {
    if (topics.size < MAX_TOPICS_PER_MESSAGE) topics.add(topic);
  };
  // A word that only carries feeling ("love", "great") is sentiment, not a subject; in a phrase it stays ("error budget").
  const addWord = (word: string) => {
    if (!Object.hasOwn(lexicon, word)) add(word);
  };
  // Visitors' contact details are personal data, never a topic; pasted markup and links are not
  // subjects. Contact details go before markup too: removing markup breaks "john&#64;example.com"
  // (an encoded @, which the masker reads) into "john | example.com", and after it: removing
  // "<b></b>" joins "john<b></b>@example.com".
  const runs = wordRuns(withoutContactsOrMarkup(head(text))).map((run) => run.map(normalizeWord));
  const stop = stopWordsFor(runs.flat());
  for (const words of runs) {
    const keys = words.map(foldTopicWord);
    let content: string[] = [];
    const flush = () => {
      // ICU's words in unspaced scripts are already whole terms ("分布式" is 分布 + 式): no phrases.
      if (content.every((word) => UNSPACED_SCRIPT.test(word))) for (const word of content) addWord(word);
      else if (content.length >= 2) {
        for (const word of content.slice(0, -2)) addWord(word);
        add(content.slice(-2).join(' '));
      } else if (content.length === 1) addWord(content[0] as string);
      content = [];
    };
    for (let i = 0; i < words.length && topics.size < MAX_TOPICS_PER_MESSAGE; ) {
      const match = profileMatch(keys, i, vocabulary);
      if (match) {
        flush();
        add(match.name);
        i += match.key.length;
        continue;
      }
      const word = words[i] as string;
      const previous = content.at(-1);
      // ICU splits some compounds off a one-character suffix (分布式 -> 分布 + 式, 数据库 -> 数据 + 库): rejoin it.
      if (previous !== undefined && isUnspacedSuffix(word, stop) && UNSPACED_SCRIPT.test(previous)) {
        content[content.length - 1] = previous + word;
      } else if (isNoise(word, stop)) flush();
      else content.push(word);
      i++;
    }
    flush();
  }
  return [...topics];
}

// Contact details removed before markup and again after it (see messageTopics). Removing them is
// a pure function of the text: when markup removal gives back the text the first pass read, the
// second pass would read that same text again, so its result is the first pass's.
function withoutContactsOrMarkup(text: string): string {
  const once = removePii(text);
  const unmarked = removeMarkup(once);
  return unmarked === text ? once : removePii(unmarked);
}

// The first MAX_TOPIC_TEXT UTF-16 units, never ending in half a surrogate pair.
function head(text: string): string {
  if (text.length <= MAX_TOPIC_TEXT) return text;
  const cut = text.slice(0, MAX_TOPIC_TEXT);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

function profileMatch(words: readonly string[], at: number, vocabulary: TopicVocabulary) {
  const candidates = vocabulary.byFirstWord.get(words[at] as string);
  if (!candidates) return undefined;
  return candidates.find(({ key }) => key.every((word, offset) => words[at + offset] === word));
}

/**
 * The `limit` most frequent topics, ties broken alphabetically so the order is stable. A plural
 * is counted with its singular when both were seen ("error budgets" 3 + "error budget" 2 ->
 * "error budget" 5); a word seen only as it was written keeps that spelling ("kubernetes").
 */
export function topTopics(counts: Iterable<readonly [string, number]>, limit = 10): TopicCount[] {
  const merged = new Map<string, number>();
  for (const [topic, count] of counts) if (count > 0) merged.set(topic, (merged.get(topic) ?? 0) + count);
  for (const topic of [...merged.keys()]) {
    const singular = singularOf(topic, merged);
    if (singular === undefined) continue;
    merged.set(singular, (merged.get(singular) ?? 0) + (merged.get(topic) ?? 0));
    merged.delete(topic);
  }
  return [...merged]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([topic, count]) => ({ topic, count }));
}

// The singular spelling of an English plural topic, when that spelling was seen too.
function singularOf(topic: string, seen: ReadonlyMap<string, number>): string | undefined {
  if (!/[a-z]s$/.test(topic)) return undefined;
  const candidates = [topic.slice(0, -1)];
  if (topic.endsWith('es')) candidates.push(topic.slice(0, -2));
  if (topic.endsWith('ies')) candidates.push(`${topic.slice(0, -3)}y`);
  return candidates.find((candidate) => candidate !== topic && seen.has(candidate));
}
