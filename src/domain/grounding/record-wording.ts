import { renderValue } from './fact-values.js';
import { EDUCATION_KEYS, leadOf, phraseOf, stop } from './key-phrases.js';

/** A record of facts.json (an education entry, a job, a pet) as a phrase or a sentence (docs/adr/0404). */

const WORK_KEYS = /^(?:experience|work\w*|jobs?|employment\w*|positions?|roles?|career\w*|work_history)$/u;
export const NAMING_FIELDS = [
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
export const PLACE_FIELDS = [
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
export function recordSentence(key: string, record: Record<string, unknown>): string {
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

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
