import { courseKeyOf } from './course-keys.js';
import { listPhrase, renderValue } from './fact-values.js';
import {
  asLines,
  capital,
  hasAcronym,
  leadOf,
  neutral,
  nounLike,
  phraseOf,
  plural,
  possessive,
  stop,
} from './key-phrases.js';
import { isRecord, NAMING_FIELDS, PLACE_FIELDS, recordPhrase, recordSentence } from './record-wording.js';

/**
 * How a fact of facts.json is said in the person's own voice (docs/adr/0404). Retrieval keeps
 * the "Key: value" units (the key is the fact's meaning); answers quote these instead. Every
 * sentence is a fixed frame around the persona's own values, items keep their wording, and
 * when no frame is safely grammatical for a key the neutral "Key: value" form is kept.
 */

/** What an answer quotes for one unit of a fact block, and for several records of it together. */
export interface FactWording {
  /** One per unit of the block, in the same order. */
  readonly units: readonly string[];
  /** For a list of records: the lead line ("I studied:") and one item per record, as "- " lines together. */
  readonly records?: { readonly lead: string; readonly items: readonly string[] };
}

// Adjectives a yes/no key opens with: "open_to_work": true is "I'm open to work."
const STATE_WORDS = new Set(
  (
    'open available willing interested looking happy able ready keen eager based married single retired vegan ' +
    'vegetarian remote relocating'
  ).split(' '),
);
// An activity written as a capitalised gerund in a list ("Baking sourdough") is a common noun in a
// sentence; anything else keeps its capitals ("English", "TypeScript", "Distributed systems").
function inSentence(item: string): string {
  const [first = '', ...rest] = item.split(' ');
  const common = /^\p{Lu}\p{Ll}+ing$/u.test(first) && rest.every((w) => !/\p{Lu}/u.test(w));
  return common ? first.toLowerCase() + (rest.length > 0 ? ` ${rest.join(' ')}` : '') : item;
}

/** A list of short strings: a natural phrase when short and unambiguous, else "- " lines. */
function listWording(key: string, items: readonly string[]): string {
  const lower = key.toLowerCase();
  // An item with a comma or "and" inside would blur a sentence's list: lines keep it whole.
  const phraseable = items.length <= 6 && items.every((i) => i.length <= 60 && !/,|\band\b/u.test(i));
  if (!phraseable) return asLines(leadOf(key), items);
  const said = listPhrase(items.map(inSentence));
  if (courseKeyOf(lower) === 'languages') return stop(`I speak ${listPhrase(items)}`);
  if (items.length === 1) return possessive(key, said, false);
  return possessive(key, said, plural(phraseOf(key)));
}

// A state with what it is about: "open to work", "available for talks", "interested in jazz".
const STATE_PREPOSITIONS = new Set(['to', 'for', 'in', 'on', 'with', 'about', 'at', 'from']);

/** "open to work" and "vegan" are states one is; "open source" and "manager" are not (neutral form). */
function isState(words: string): boolean {
  const [first = '', second, ...rest] = words.split(' ');
  if (!STATE_WORDS.has(first)) return false;
  return second === undefined || (STATE_PREPOSITIONS.has(second) && rest.length > 0);
}

// Strings that are yes/no answers ("vegan": "Yes") are said like booleans.
const YES_NO: Readonly<Record<string, boolean>> = { yes: true, no: false, true: true, false: false };
// Keys whose value is someone's words, never the owner's own sentence: the key must stay.
const QUOTED_KEYS = /\b(?:quote|quotes|motto|saying|slogan|tagline|catchphrase|mantra)\b/u;
// "availability": "Open to talks; not looking for a full-time role." is "I'm open to talks; ...".
const AVAILABILITY_STATE =
  /^(?:not\s+)?(?:open|available|happy|interested|keen|willing)\b|^(?:not\s+)?(?:currently\s+)?looking\s+(?:for|to)\b/iu;

function booleanWording(key: string, phrase: string, value: boolean): string {
  const words = phrase.replace(/^is /u, '');
  return !hasAcronym(key) && isState(words)
    ? `I'm ${value ? '' : 'not '}${words}.`
    : neutral(key, value ? 'yes' : 'no');
}

function scalarWording(key: string, value: string | number | boolean): string {
  const phrase = phraseOf(key);
  const yesNo = typeof value === 'string' ? YES_NO[value.trim().toLowerCase()] : undefined;
  if (typeof value === 'boolean' || yesNo !== undefined) return booleanWording(key, phrase, yesNo ?? value === true);
  // A count of a plural noun ("apprentices": 3) is "I have 3 apprentices."; a measure ("age": 41) takes "is".
  // One, none or less is said neutrally ("Children: 1.", never "I have 1 children."), as are scores.
  if (typeof value === 'number') {
    const count = Number.isInteger(value) && value >= 2 && plural(phrase) && nounLike(phrase) && !hasAcronym(key);
    if (count) return `I have ${value} ${phrase}.`;
    if (plural(phrase) || hasAcronym(key)) return neutral(key, String(value));
  }
  const text = String(value).replace(/\s+/gu, ' ').trim();
  // The owner's own sentence ("I restore boats on weekends.") is already in the first person; a
  // title that starts with "My" or "I" ("My Little Pony", "I-95 corridor") is not.
  if (/^(?:I|I'm|I've|I'd|I'll|My)\s+\p{Ll}/u.test(text) && !QUOTED_KEYS.test(phrase)) return stop(text);
  if (/^(?:yes|no)\b[,;:]/iu.test(text)) return neutral(key, text);
  if (/^avail/u.test(phrase) && AVAILABILITY_STATE.test(text))
    return stop(`I'm ${text.charAt(0).toLowerCase()}${text.slice(1)}`);
  const short = text.split(' ').length <= 8 && !/[.;!?]\s/u.test(text);
  return possessive(key, text, short && !plural(phrase));
}

/** The spoken form of a whole value: scalar, list of strings, list of records, nested object. */
export function spokenValue(key: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    const items = value.filter((v) => v !== null && v !== undefined);
    if (items.length === 0) return null;
    if (items.every(isRecord)) {
      const phrases = items.map((r) => recordPhrase(r)).filter(Boolean);
      return items.length === 1
        ? recordSentence(key, items[0] as Record<string, unknown>)
        : asLines(leadOf(key), phrases);
    }
    const texts = items.map((v) => renderValue(v)).filter(Boolean);
    return texts.length === 0 ? null : listWording(key, texts);
  }
  if (isRecord(value)) {
    const named = Object.keys(value).some((k) => [...NAMING_FIELDS, ...PLACE_FIELDS].includes(k.toLowerCase()));
    if (named) return stop(`${leadOf(key)} ${recordPhrase(value)}`);
    const lines = Object.entries(value)
      .map(([k, v]) => [k, renderValue(v)] as const)
      .filter(([, v]) => v !== '')
      .map(([k, v]) => `${capital(phraseOf(k))}: ${v}`);
    return lines.length === 0 ? null : asLines(leadOf(key), lines);
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value).trim() === '' ? null : scalarWording(key, value);
  }
  return null;
}

/** The wording of a fact block's units: one per record for a list of records, else one for the value. */
export function factWording(key: string, value: unknown, recordUnits: boolean): FactWording | null {
  if (!recordUnits || !Array.isArray(value)) {
    const said = spokenValue(key, value);
    return said === null ? null : { units: [said] };
  }
  const records = value.filter(isRecord);
  return {
    units: records.map((record) => recordSentence(key, record)),
    records: { lead: leadOf(key), items: records.map(recordPhrase) },
  };
}
