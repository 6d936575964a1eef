import { humanize, listPhrase, renderValue } from './fact-values.js';

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

// Words that make a key something other than a noun phrase ("born_in", "speaks", "married"):
// "My born in is ..." would be ungrammatical, so such keys keep the neutral "Key: value".
const NOT_NOUN_WORDS = new Set(
  (
    'in on at of to for from with by since until about is are was were has have had do does did can will would ' +
    'born lives works speaks plays likes loves owns i am'
  ).split(' '),
);
// Adjectives a yes/no key opens with: "open_to_work": true is "I'm open to work."
const STATE_WORDS = new Set(
  (
    'open available willing interested looking happy able ready keen eager based married single retired vegan ' +
    'vegetarian remote relocating'
  ).split(' '),
);
const EDUCATION_KEYS = /^(?:education|studies|degrees?|qualifications?|academic\w*|schools?|schooling)$/u;
const WORK_KEYS = /^(?:experience|work\w*|jobs?|employment\w*|positions?|roles?|career\w*|work_history)$/u;
const NAMING_FIELDS = [
  'degree',
  'title',
  'role',
  'position',
  'name',
  'qualification',
  'course',
  'program',
  'programme',
];
const PLACE_FIELDS = [
  'institution',
  'school',
  'university',
  'college',
  'company',
  'employer',
  'organisation',
  'organization',
  'org',
  'place',
];
const DATE_FIELDS = [
  'years',
  'year',
  'dates',
  'date',
  'period',
  'when',
  'from',
  'start',
  'since',
  'to',
  'end',
  'until',
];
// Fields whose value says what kind of thing the record is: "Tussa (dachshund)" reads without "kind:".
const DESCRIPTIVE_FIELDS = new Set([
  'kind',
  'type',
  'breed',
  'species',
  'level',
  'relation',
  'relationship',
  'field',
  'subject',
]);
const PRESENT = /\b(?:present|current|now|today|ongoing|expected)\b/iu;

function phraseOf(key: string): string {
  return humanize(key)
    .toLowerCase()
    .replace(/^(?:my|your)\s+/u, '');
}

function nounLike(phrase: string): boolean {
  const words = phrase.split(' ');
  // A plural before the last word ("marathons run") makes the last one a verb, not the head noun.
  return (
    words.length <= 4 &&
    words.every((w) => !NOT_NOUN_WORDS.has(w) && !/^\p{L}{3,}ed$/u.test(w)) &&
    words.slice(0, -1).every((w) => !plural(w))
  );
}

const IRREGULAR_PLURALS = new Set('children people women men teeth feet mice geese kids staff'.split(' '));

function plural(phrase: string): boolean {
  const last = phrase.split(' ').at(-1) ?? '';
  return IRREGULAR_PLURALS.has(last) || /[^s]s$/u.test(last) || /(?:ies|ches|shes|xes)$/u.test(last);
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function stop(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]["”’)]?$/u.test(trimmed) ? trimmed : `${trimmed.replace(/[,;:\s]+$/u, '')}.`;
}

/** "Key: value." — the neutral form, when no sentence can be made safely. */
function neutral(key: string, value: string): string {
  return stop(`${capital(phraseOf(key))}: ${value}`);
}

/** "My favourite wood is Odum." / "My pets: ..." — a possessive frame when the key is a noun phrase. */
function possessive(key: string, value: string, verb: boolean): string {
  const phrase = phraseOf(key);
  if (!nounLike(phrase)) return neutral(key, value);
  return stop(verb ? `My ${phrase} ${plural(phrase) ? 'are' : 'is'} ${value}` : `My ${phrase}: ${value}`);
}

// An activity written as a capitalised gerund in a list ("Baking sourdough") is a common noun in a
// sentence; anything else keeps its capitals ("English", "TypeScript", "Distributed systems").
function inSentence(item: string): string {
  const [first = '', ...rest] = item.split(' ');
  const common = /^\p{Lu}\p{Ll}+ing$/u.test(first) && rest.every((w) => !/\p{Lu}/u.test(w));
  return common ? first.toLowerCase() + (rest.length > 0 ? ` ${rest.join(' ')}` : '') : item;
}

function asLines(lead: string, items: readonly string[]): string {
  return `${lead}\n${items.map((item) => `- ${item}`).join('\n')}`;
}

function leadOf(key: string): string {
  const phrase = phraseOf(key);
  if (EDUCATION_KEYS.test(key.toLowerCase())) return 'My education:';
  return nounLike(phrase) ? `My ${phrase}:` : `${capital(phrase)}:`;
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

function field(record: Record<string, unknown>, names: readonly string[]): [string, string] | undefined {
  const found = Object.entries(record).find(([k]) => names.includes(k.toLowerCase()));
  return found ? [found[0], renderValue(found[1])] : undefined;
}

/** One record as a phrase: "MSc Computer Science at Northmere (2012-2014; thesis: ...)". */
export function recordPhrase(record: Record<string, unknown>): string {
  const naming = field(record, NAMING_FIELDS);
  const place = field(record, PLACE_FIELDS);
  const dates = Object.entries(record)
    .filter(([k]) => DATE_FIELDS.includes(k.toLowerCase()))
    .map(([, v]) => renderValue(v))
    .filter(Boolean);
  const used = new Set([
    naming?.[0],
    place?.[0],
    ...Object.keys(record).filter((k) => DATE_FIELDS.includes(k.toLowerCase())),
  ]);
  const others = Object.entries(record)
    .filter(([k]) => !used.has(k))
    .map(([k, v]) => [k, renderValue(v)] as const)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => (DESCRIPTIVE_FIELDS.has(k.toLowerCase()) ? v : `${phraseOf(k)}: ${v}`));
  const head = [naming?.[1], place ? (naming ? `at ${place[1]}` : place[1]) : undefined].filter(Boolean).join(' ');
  const details = [dates.join(' - '), ...others].filter(Boolean);
  if (head === '') return details.join(', ');
  return details.length > 0 ? `${head} (${details.join('; ')})` : head;
}

/** One record said alone: "I studied X at Y (2012-2014).", "I worked as X at Y (2017-2021).", else "My pets: Tussa (dachshund)." */
function recordSentence(key: string, record: Record<string, unknown>): string {
  const phrase = recordPhrase(record);
  const lower = key.toLowerCase();
  const naming = field(record, NAMING_FIELDS);
  const place = field(record, PLACE_FIELDS);
  const dated = Object.keys(record).some((k) => DATE_FIELDS.includes(k.toLowerCase()));
  const current = PRESENT.test(renderValue(record));
  if (EDUCATION_KEYS.test(lower) && naming) return stop(`${current ? "I'm studying" : 'I studied'} ${phrase}`);
  // Tense needs dates: without them "worked" or "work" could be false.
  if (WORK_KEYS.test(lower) && naming && place && dated)
    return stop(`${current ? 'I work as' : 'I worked as'} ${phrase}`);
  return stop(`${leadOf(key)} ${phrase}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
