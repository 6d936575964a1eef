import { listPhrase, renderValue } from './fact-values.js';
import { asLines, capital, leadOf, neutral, nounLike, phraseOf, plural, possessive, stop } from './key-phrases.js';
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
  if (lower === 'languages' || lower === 'spoken_languages') return stop(`I speak ${listPhrase(items)}`);
  if (items.length === 1) return possessive(key, said, false);
  return possessive(key, said, plural(phraseOf(key)));
}

function scalarWording(key: string, value: string | number | boolean): string {
  const phrase = phraseOf(key);
  if (typeof value === 'boolean') {
    const words = phrase.replace(/^is /u, '');
    const state = STATE_WORDS.has(words.split(' ')[0] ?? '') || phrase.startsWith('is ');
    return state ? `I'm ${value ? '' : 'not '}${words}.` : neutral(key, value ? 'yes' : 'no');
  }
  // A count of a plural noun ("apprentices": 3) is "I have 3 apprentices."; a measure ("age": 41) takes "is".
  if (typeof value === 'number' && plural(phrase) && nounLike(phrase)) return `I have ${value} ${phrase}.`;
  const text = String(value).replace(/\s+/gu, ' ').trim();
  // The owner's own sentence ("I restore boats on weekends.") is already in the first person.
  if (/^(?:I|I'm|I've|My)\b/u.test(text)) return stop(text);
  // "availability": "Open to talks; not looking for a full-time role." is "I'm open to talks; ...".
  if (/^avail/u.test(phrase) && /^(?:open|available|not|happy|interested|looking|currently)\b/iu.test(text))
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
