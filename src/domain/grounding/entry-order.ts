import type { Block } from './blocks.js';
import { isEntryHead } from './document-blocks.js';
import { dateSpan } from './entry-dates.js';
import { nameCloseness, placeNamed } from './entry-names.js';
import type { OrderQuestion, Topic } from './order-question.js';

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
function topicOfLabel(label: string): Topic | 'other' {
  if (EDUCATION.test(label)) return 'education';
  return WORK.test(label) ? 'work' : 'other';
}

/**
 * The dated entries of a persona's blocks: résumé entries by heading, records of a fact by key,
 * entry heads listed in a Markdown or text file ("- Lead - Rakuten (2019 - present)") by list.
 */
export function datedEntries(blocks: Iterable<Block>): DatedEntry[] {
  const entries: DatedEntry[] = [];
  const add = (block: Block, index: number, group: string, label: string, text: string, said: string) => {
    const head = block.units[index] ?? '';
    const span = dateSpan(head);
    if (span) entries.push({ block: block.id, index, group, topic: topicOfLabel(label), ...span, head, text, said });
  };
  for (const block of blocks) {
    if (block.shape === 'entry') {
      const head = block.units[0] ?? '';
      add(block, 0, `${block.source}|${block.hints}`, block.hints, block.units.join(' '), head);
    } else if (block.shape === 'fact' && block.records) {
      const key = block.id.slice(block.id.indexOf('#') + 1);
      block.units.forEach((unit, index) => {
        add(block, index, block.id, key, unit, block.spoken?.[index] ?? unit);
      });
    } else if (block.shape === 'list') {
      block.units.forEach((unit, index) => {
        if (isEntryHead(unit)) add(block, index, block.id, block.hints, unit, unit);
      });
    }
  }
  return entries;
}

/**
 * The entries a reference names ("Apple" of "before Apple?"), all of one group: those naming it
 * most closely (entry-names.ts), the asked topic's first ("a talk at Lumenfold" is no job there).
 */
export function referenceEntries(
  { reference, topic, common }: { reference: readonly string[]; topic: string; common: boolean },
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
  if (question.kind === 'before' || question.kind === 'after') {
    if (question.reference.length === 0 && previous.length === 0)
      return question.kind === 'before'
        ? entryInOrder({ kind: 'previous', topic: question.topic }, entries)
        : undefined;
    const named = question.reference.length === 0 ? previous : theReference(question, entries);
    const [anchor] = named;
    if (!anchor) return undefined;
    // "Where did you work after university?": a job next to a degree, among the asked topic's entries.
    const across = question.topicAsked && anchor.topic !== question.topic;
    const pool = across
      ? largestGroup(entries.filter((e) => e.topic === question.topic))
      : entries.filter((e) => e.group === anchor.group);
    const sorted = pool.filter((e) => !named.includes(e)).sort((a, b) => a.start - b.start);
    if (question.kind === 'before')
      return sorted.filter((e) => e.start < Math.min(...named.map((n) => n.start))).at(-1) ?? null;
    // After a degree is once it ends (a job begun in its last months counts); after a job, once the next one starts.
    const after = across
      ? Math.max(...named.map((n) => n.end)) - AFTER_END_MONTHS
      : Math.max(...named.map((n) => n.start));
    return sorted.find((e) => (across ? e.start >= after : e.start > after)) ?? null;
  }
  const sorted = largestGroup(entries.filter((e) => e.topic === question.topic)).sort((a, b) => a.start - b.start);
  if (sorted.length === 0) return undefined;
  // One entry alone says nothing of order: retrieval answers as usual.
  if (question.kind === 'nth') return sorted.length > 1 ? (sorted[question.n - 1] ?? null) : undefined;
  if (question.kind === 'during') {
    const covering = sorted
      .map((e) => ({ e, months: Math.min(e.end, question.to) - Math.max(e.start, question.from) + 1 }))
      .filter((c) => c.months > 0);
    // Of two entries in one year, the one the person spent most of it in.
    return covering.sort((a, b) => b.months - a.months)[0]?.e ?? null;
  }
  const current = sorted.find((e) => !Number.isFinite(e.end));
  // Nothing current (a career break): the last job is the latest one.
  if (!current) return sorted.at(-1) as DatedEntry;
  return sorted.filter((e) => e.start < current.start).at(-1) ?? null;
}

// Months before a reference's end from which an entry of the other topic counts as after it.
const AFTER_END_MONTHS = 6;

/**
 * The entries a reference is: all of them at one place ("before Quillbridge" skips both roles
 * there); of several places a common noun names ("the institute"), the one the person is at, or
 * was at last.
 */
function theReference(question: OrderQuestion & { kind: 'before' | 'after' }, entries: readonly DatedEntry[]) {
  const named = referenceEntries(question, entries);
  const places = new Set(named.map((e) => placeNamed(question.reference, e.head)));
  if (places.size <= 1) return named;
  const current = named.find((e) => !Number.isFinite(e.end)) ?? [...named].sort((a, b) => b.start - a.start)[0];
  return current ? [current] : [];
}

/** The entries of the group with the most of them: the résumé's list of that topic. */
function largestGroup(entries: readonly DatedEntry[]): DatedEntry[] {
  const sizes = new Map<string, number>();
  for (const e of entries) sizes.set(e.group, (sizes.get(e.group) ?? 0) + 1);
  const [largest] = [...sizes].sort((a, b) => b[1] - a[1]);
  return entries.filter((e) => e.group === largest?.[0]);
}
