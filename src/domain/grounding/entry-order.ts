import { contentWords, foldPlural } from '../text/text.js';
import type { Block } from './blocks.js';
import { dateSpan } from './entry-dates.js';
import { nameCloseness, placeNamed } from './entry-names.js';
import { questionWords } from './question-words.js';

/**
 * Questions about the order of résumé entries ("Where did you work before Lumenfold?", "What
 * was your first job?", "your previous role", "What did you study after the BSc?") and the
 * entry that answers them: the one next to the named one in date order (docs/adr/0404).
 * Ranking cannot answer these: the passage naming the reference is the one that ranks first,
 * and it is never the answer.
 */
export type OrderQuestion =
  | {
      readonly kind: 'before' | 'after';
      /** Words naming the reference; empty for "before that", "and after?": the entry the conversation last named. */
      readonly reference: readonly string[];
      /**
       * The reference is a common noun ("the institute", "your hospital"), not a name: every
       * entry naming it closely is one of several places, of which the current one is meant.
       */
      readonly common: boolean;
      readonly topic: Topic;
    }
  | { readonly kind: 'first' | 'previous'; readonly topic: Topic };

type Topic = 'work' | 'education';

/** A dated entry: a résumé entry block, or one record of a facts.json list of records. */
export interface DatedEntry {
  readonly block: string;
  /** The unit that is the entry: 0 for a résumé entry (its head), the record's unit for a fact. */
  readonly index: number;
  readonly group: string;
  readonly topic: Topic | 'other';
  /** Months since year 0, of the first and last dates written; `end` is Infinity for "present". */
  readonly start: number;
  readonly end: number;
  /** The entry's head (a résumé entry's first line, a record's unit): where its names are. */
  readonly head: string;
  /** Everything the entry says: what a reference is looked for in. */
  readonly text: string;
  /** The entry as an answer quotes it (a record in the person's voice): what a follow-up's "that" is found by. */
  readonly said: string;
}

const EDUCATION = /educat|stud|school|degree|universit|academ|qualif|ausbildung|formaci|formation|istruzione/iu;
const WORK =
  /experience|employment|work|career|job|position|role|history|erfahrung|experiencia|expérience|experiência|esperienza/iu;
const EDUCATION_WORDS = new Set(
  'study studied studies studying degree degrees university universities school college education graduate graduated bachelor master masters phd doctorate diploma course'.split(
    ' ',
  ),
);
// Words of a reference that name no entry ("before your current job"): the reference is then the current entry.
const GENERIC = new Set(
  'job jobs role roles position positions employer employers company current present work working worked joining joined join move moved moving start started starting go going went this that then there one study studied studying degree'.split(
    ' ',
  ),
);

// Before a common noun ("the institute"); a name goes without ("Lumenfold"), whatever its capitals.
const DETERMINERS = 'the|your|my|our|this|that|a|an';
// What follows "before"/"after" in a follow-up: nothing, or a word pointing back ("that", "then", "it").
const ANAPHORA = /^\s*(?:(?:that|then|it|this|there|those)\b.*)?$/u;

function topicOfLabel(label: string): Topic | 'other' {
  if (EDUCATION.test(label)) return 'education';
  return WORK.test(label) ? 'work' : 'other';
}

/** The dated entries of a persona's blocks: résumé entries by heading, records of a fact by key. */
export function datedEntries(blocks: Iterable<Block>): DatedEntry[] {
  const entries: DatedEntry[] = [];
  for (const block of blocks) {
    if (block.shape === 'entry') {
      const span = dateSpan(block.units[0] ?? '');
      const group = `${block.source}|${block.hints}`;
      if (span)
        entries.push({
          block: block.id,
          index: 0,
          group,
          topic: topicOfLabel(block.hints),
          ...span,
          head: block.units[0] ?? '',
          text: block.units.join(' '),
          said: block.units[0] ?? '',
        });
    } else if (block.shape === 'fact' && block.records) {
      const key = block.id.slice(block.id.indexOf('#') + 1);
      block.units.forEach((unit, index) => {
        const span = dateSpan(unit);
        if (span)
          entries.push({
            block: block.id,
            index,
            group: block.id,
            topic: topicOfLabel(key),
            ...span,
            head: unit,
            text: unit,
            said: block.spoken?.[index] ?? unit,
          });
      });
    }
  }
  return entries;
}

/** Reads an order question; null when the question asks for no order. Bounded: reads MAX_QUESTION_WORDS words. */
export function orderQuestion(text: string): OrderQuestion | null {
  const words = questionWords(text);
  const topic: Topic = words.some((w) => EDUCATION_WORDS.has(w)) ? 'education' : 'work';
  const phrase = words.join(' ');
  const marker = /\b(before|prior to|after|following)\b(.*)$/u.exec(phrase);
  const first =
    /\b(?:first|earliest) (?:job|jobs|position|role|employer|company|work|degree|university|school)\b/u.exec(phrase);
  // "your very first job after university" asks for the first one: the marker only qualifies it.
  if (first && (!marker || first.index < marker.index))
    return { kind: 'first', topic: /degree|university|school/u.test(first[0]) ? 'education' : 'work' };
  if (marker) {
    const kind = marker[1] === 'after' || marker[1] === 'following' ? 'after' : 'before';
    const rest = marker[2] ?? '';
    const reference = contentWords(rest)
      .map(foldPlural)
      .filter((w) => !GENERIC.has(w));
    const [head] = reference;
    const common =
      head !== undefined &&
      new RegExp(`\\b(?:${DETERMINERS}) ${head.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}`, 'u').test(rest);
    if (reference.length > 0) return { kind, reference, common, topic };
    // "And before that?", "after it", a bare "before": next to the entry the conversation last named.
    if (ANAPHORA.test(rest)) return { kind, reference: [], common: false, topic };
    return kind === 'before' ? { kind: 'previous', topic } : null;
  }
  if (/\b(?:previous|prior|former|last) (?:job|position|role|employer|company|work)\b/u.test(phrase))
    return { kind: 'previous', topic: 'work' };
  return null;
}

/**
 * The entries a reference names ("Apple" of "before Apple?"), all of one group: those naming it
 * most closely (entry-names.ts), the asked topic's first ("a talk at Lumenfold" is no job there).
 */
export function referenceEntries(
  { reference, topic, common }: { reference: readonly string[]; topic: Topic; common: boolean },
  entries: readonly DatedEntry[],
): DatedEntry[] {
  // A common noun names every place it is part of alike ("Kelp Institute", "Instituto Costero").
  const closenessOf = (entry: DatedEntry) => {
    const closeness = nameCloseness(reference, entry.head, entry.text);
    return common ? Math.min(closeness, 2) : closeness;
  };
  const scored = entries.map((entry) => ({ entry, closeness: closenessOf(entry) })).filter((s) => s.closeness > 0);
  const inTopic = scored.filter((s) => s.entry.topic === topic);
  const pool = inTopic.length > 0 ? inTopic : scored;
  const closest = Math.max(...pool.map((s) => s.closeness));
  const best = pool.filter((s) => s.closeness === closest).map((s) => s.entry);
  return best.filter((e) => e.group === best[0]?.group);
}

/**
 * The entry answering an order question: `undefined` when the persona has no entries to order
 * this way (retrieval answers as usual), `null` when it has but none qualifies ("I don't know").
 */
export function entryInOrder(
  question: OrderQuestion,
  entries: readonly DatedEntry[],
  /** The entries the conversation last named (entry-follow-up.ts): what "before that" is next to. */
  previous: readonly DatedEntry[] = [],
): DatedEntry | null | undefined {
  let group: DatedEntry[];
  if ((question.kind === 'before' || question.kind === 'after') && question.reference.length === 0) {
    if (previous.length > 0) return nextTo(previous, question.kind, entries);
    return question.kind === 'before' ? entryInOrder({ kind: 'previous', topic: question.topic }, entries) : undefined;
  }
  if (question.kind === 'before' || question.kind === 'after') {
    const named = referenceEntries(question, entries);
    const [anchor] = named;
    if (!anchor) return undefined;
    let pivot: number;
    const places = new Set(named.map((e) => placeNamed(question.reference, e.head)));
    if (places.size === 1) {
      // Every entry at the named place is the reference ("before Quillbridge" skips both roles there).
      group = entries.filter((e) => e.group === anchor.group && !named.includes(e));
      const starts = named.map((e) => e.start);
      pivot = question.kind === 'before' ? Math.min(...starts) : Math.max(...starts);
    } else {
      // "before joining the institute", with several institutes: the one the person is at (or was at last).
      const current = named.find((e) => !Number.isFinite(e.end)) ?? named.sort((a, b) => b.start - a.start)[0];
      group = entries.filter((e) => e.group === anchor.group && e !== current);
      pivot = current?.start ?? 0;
    }
    const sorted = [...group].sort((a, b) => a.start - b.start);
    return question.kind === 'before'
      ? (sorted.filter((e) => e.start < pivot).at(-1) ?? null)
      : (sorted.find((e) => e.start > pivot) ?? null);
  }
  const sorted = largestGroup(entries.filter((e) => e.topic === question.topic)).sort((a, b) => a.start - b.start);
  if (sorted.length === 0) return undefined;
  // One entry alone says nothing of order: retrieval answers as usual.
  if (question.kind === 'first') return sorted.length > 1 ? (sorted[0] as DatedEntry) : undefined;
  const current = sorted.find((e) => !Number.isFinite(e.end)) ?? (sorted.at(-1) as DatedEntry);
  return sorted.filter((e) => e.start < current.start).at(-1) ?? null;
}

/** The entries of the group with the most of them: the résumé's list of that topic. */
function largestGroup(entries: readonly DatedEntry[]): DatedEntry[] {
  const sizes = new Map<string, number>();
  for (const e of entries) sizes.set(e.group, (sizes.get(e.group) ?? 0) + 1);
  const [largest] = [...sizes].sort((a, b) => b[1] - a[1]);
  return entries.filter((e) => e.group === largest?.[0]);
}

/** The entry just before or after some of one group (a job after a job, a degree after a degree). */
function nextTo(
  those: readonly DatedEntry[],
  kind: 'before' | 'after',
  entries: readonly DatedEntry[],
): DatedEntry | null {
  const group = those[0]?.group;
  const sorted = entries.filter((e) => e.group === group && !those.includes(e)).sort((a, b) => a.start - b.start);
  const starts = those.map((e) => e.start);
  return kind === 'before'
    ? (sorted.filter((e) => e.start < Math.min(...starts)).at(-1) ?? null)
    : (sorted.find((e) => e.start > Math.max(...starts)) ?? null);
}
