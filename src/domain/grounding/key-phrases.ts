import { humanize } from './fact-values.js';

/** How a facts.json key reads inside a sentence: "favourite_wood" is "my favourite wood" (docs/adr/0404). */

// Words that make a key something other than a noun phrase ("born_in", "speaks", "married"):
// "My born in is ..." would be ungrammatical, so such keys keep the neutral "Key: value".
const NOT_NOUN_WORDS = new Set(
  (
    'in on at of to for from with by since until about is are was were has have had do does did can will would ' +
    'born lives works speaks plays likes loves owns i am'
  ).split(' '),
);
export const EDUCATION_KEYS = /^(?:education|studies|degrees?|qualifications?|academic\w*|schools?|schooling)$/u;

// An acronym in a key keeps its capitals in a sentence ("NHS_band" is "NHS band", "SATs" stays).
const ACRONYM = /^\p{Lu}{2,}s?$/u;

export function phraseOf(key: string): string {
  const acronyms = new Map(
    key
      .split(/[^\p{L}\d]+/u)
      .filter((word) => ACRONYM.test(word))
      .map((word) => [word.toLowerCase(), word] as const),
  );
  return humanize(key)
    .toLowerCase()
    .replace(/^(?:my|your)\s+/u, '')
    .split(' ')
    .map((word) => acronyms.get(word) ?? word)
    .join(' ');
}

/** Whether the key names something by an acronym (IELTS, GPA, SATs): no count or state frame fits it. */
export function hasAcronym(key: string): boolean {
  return key.split(/[^\p{L}\d]+/u).some((word) => ACRONYM.test(word));
}

export function nounLike(phrase: string): boolean {
  const words = phrase.split(' ');
  // A plural before the last word ("marathons run") makes the last one a verb, not the head noun.
  return (
    words.length <= 4 &&
    words.every((w) => !NOT_NOUN_WORDS.has(w) && !/^\p{L}{3,}ed$/u.test(w)) &&
    words.slice(0, -1).every((w) => ACRONYM.test(w) || !plural(w))
  );
}

const IRREGULAR_PLURALS = new Set('children people women men teeth feet mice geese kids staff'.split(' '));

export function plural(phrase: string): boolean {
  const last = (phrase.split(' ').at(-1) ?? '').toLowerCase();
  // Nouns ending in -ics, -us, -is are singular or uncountable ("physics", "status", "thesis").
  if (/(?:ics|us|is)$/u.test(last)) return false;
  return IRREGULAR_PLURALS.has(last) || /[^s]s$/u.test(last) || /(?:ies|ches|shes|xes)$/u.test(last);
}

export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function stop(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]["”’)]?$/u.test(trimmed) ? trimmed : `${trimmed.replace(/[,;:\s]+$/u, '')}.`;
}

/** "Key: value." — the neutral form, when no sentence can be made safely. */
export function neutral(key: string, value: string): string {
  return stop(`${capital(phraseOf(key))}: ${value}`);
}

/** "My favourite wood is Odum." / "My pets: ..." — a possessive frame when the key is a noun phrase. */
export function possessive(key: string, value: string, verb: boolean): string {
  const phrase = phraseOf(key);
  if (!nounLike(phrase)) return neutral(key, value);
  return stop(verb ? `My ${phrase} ${plural(phrase) ? 'are' : 'is'} ${value}` : `My ${phrase}: ${value}`);
}

export function asLines(lead: string, items: readonly string[]): string {
  return `${lead}\n${items.map((item) => `- ${item}`).join('\n')}`;
}

export function leadOf(key: string): string {
  const phrase = phraseOf(key);
  if (EDUCATION_KEYS.test(key.toLowerCase())) return 'My education:';
  return nounLike(phrase) ? `My ${phrase}:` : `${capital(phrase)}:`;
}
