import type { PersonaFacts } from '../../domain/persona/persona.js';
import { GREETING } from './greetings.js';

/** One clause of a message, as written and as read. */
export interface ReadClause {
  /** The clause as the visitor wrote it, trimmed. */
  readonly clause: string;
  /** Its words (folded, chat spellings read) once leading greetings and a vocative name are gone, the persona's names read as "you". */
  readonly spoken: string;
  /** `spoken` without filler words ("please", "exactly", "thanks"): what it asks. */
  readonly read: string;
  /** Whether it opened with a greeting ("Good morning", "hi Oriel"). */
  readonly greeted: boolean;
  /** `spoken` without the persona's name as a vocative at the end ("thanks, Oriel"), for small talk. */
  readonly unnamed: string;
}

export const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });
// Clauses inside a sentence: "Who are you, and what's your email?", "Who are you and what do you do?".
// "and" in the languages of the requests too (y, e, et, und, и); the Arabic comma.
const CLAUSE_BREAK = /[,;:，；、،]+|\s+(?:and|also|plus|but|&|y|e|et|und|и)\s+/iu;
export const LEADING_CONNECTIVE = /^(?:[\s,;:.!?-]|and\b|also\b|plus\b|but\b|then\b|so\b|&)+/iu;

// Chat spellings, read as the words they stand for ("what do u do", "tell me about urself").
const CHAT_SPELLINGS: Readonly<Record<string, string>> = {
  u: 'you',
  ya: 'you',
  yu: 'you',
  r: 'are',
  ru: 'are you',
  ur: 'your',
  urself: 'yourself',
  yourslef: 'yourself',
  wat: 'what',
  wut: 'what',
  wht: 'what',
  abt: 'about',
  bout: 'about',
  whos: 'who is',
  whats: 'what is',
  hows: 'how is',
  intro: 'introduction',
  sup: 'what is up',
  wassup: 'what is up',
  wazzup: 'what is up',
  whatsup: 'what is up',
  hru: 'how are you',
  thx: 'thanks',
  thnx: 'thanks',
  thanx: 'thanks',
  thks: 'thanks',
  tnx: 'thanks',
  tysm: 'thank you so much',
  tyvm: 'thank you very much',
};
// Words that change nothing about what is asked, removed wherever they stand.
const FILLER =
  /(?:^| )(?:please|pls|plz|kindly|exactly|again|then|so|well|ok|okay|just|actually|really|first|briefly|quickly|anyway|now|btw|by the way|lol|haha|thanks|thank you|thx|ty|if you don t mind|por favor|s il (?:vous|te) plait|bitte|per favore|exactement|alors|donc|entonces|exactamente|entao)(?= |$)/gu;
const CONNECTIVE = /^(?:and|also|plus|but|&) /u;

/**
 * Lower case, accents folded off Latin and Greek letters and vowel marks off Arabic and Hebrew ones, apostrophes and
 * punctuation as spaces, chat spellings read. Combining marks stay where a script needs them
 * (Devanagari vowel signs), so "आप कौन हैं" keeps its words whole.
 */
export function readWords(text: string): string {
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]s\b/gu, ' is')
    .replace(/['’]re\b/gu, ' are')
    .normalize('NFKD')
    // Kana's voicing marks (です) and Cyrillic й are letters, recomposed by NFC below.
    .replace(/(\p{Script=Latin}|\p{Script=Greek}|\p{Script=Arabic}|\p{Script=Hebrew})\p{M}+/gu, '$1')
    .normalize('NFC');
  return (folded.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu) ?? []).map((word) => CHAT_SPELLINGS[word] ?? word).join(' ');
}

/** The persona's names as word sequences, longest first: "who's Oriel?" asks who the twin is. */
export function namesOf(facts: PersonaFacts): string[] {
  const names = [facts.full_name, facts.name].filter((name): name is string => typeof name === 'string');
  return names
    .map(readWords)
    .filter((name) => name !== '')
    .sort((a, b) => b.length - a.length);
}

/** A clause read: leading greetings and a vocative name off, then the persona's name as "you" and filler off. */
export function readClause(clause: string, names: readonly string[]): ReadClause {
  let text = readWords(clause);
  let greeted = false;
  // "Hi Oriel, hello": a few rounds, so a message of only greetings costs linear time.
  for (let before = '', round = 0; before !== text && round < 3; round++) {
    before = text;
    const stripped = text.replace(GREETING, '');
    greeted ||= stripped !== text;
    text = stripped.replace(CONNECTIVE, '').trim();
    for (const name of names) if (text === name || text.startsWith(`${name} `)) text = text.slice(name.length).trim();
  }
  let unnamed = text;
  for (const name of names) if (unnamed.endsWith(` ${name}`)) unnamed = unnamed.slice(0, -name.length - 1);
  for (const name of names) text = ` ${text} `.replaceAll(` ${name} `, ' you ').trim();
  const read = text.replace(FILLER, ' ').replace(/\s+/g, ' ').trim();
  return { clause: clause.trim(), spoken: text, read, greeted, unnamed };
}

/** A sentence's clauses, split at commas, semicolons and "and", "also", "plus", "but". */
export function clausesOf(sentence: string): string[] {
  return sentence
    .split(CLAUSE_BREAK)
    .map((clause) => clause.trim())
    .filter((clause) => clause !== '');
}
