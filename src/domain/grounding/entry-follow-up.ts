import { contentWords } from '../text/text.js';
import { type DatedEntry, referenceEntries } from './entry-order.js';
import { orderQuestion } from './order-question.js';

// Share of an entry's words an earlier answer holds from which it named that entry (a record's
// unit "Jobs: Cook, Maré, 2015 - 2019." is said "I worked as Cook at Maré (2015 - 2019).").
const NAMED_SHARE = 0.8;

function share(entryText: string, said: ReadonlySet<string>): number {
  const own = contentWords(entryText);
  return own.length === 0 ? 0 : own.filter((w) => said.has(w)).length / own.length;
}

/**
 * The dated entry an earlier answer of the twin named: what "And before that?" is next to
 * (docs/adr/0404). The entry is named when the answer holds its head or most of its words;
 * of several, the one the answer names first (an answer leads with what it answers).
 * `undefined` when the answer names none ("I don't know", a skill).
 */
export function entryAnswered(answer: string, entries: readonly DatedEntry[]): DatedEntry | undefined {
  const said = new Set(contentWords(answer));
  const lower = answer.toLocaleLowerCase('und');
  let best: { entry: DatedEntry; at: number } | undefined;
  for (const entry of entries) {
    const head = entry.said.replace(/[.\s]+$/u, '').toLocaleLowerCase('und');
    const quoted = head !== '' && lower.includes(head);
    if (!quoted && share(entry.said, said) < NAMED_SHARE) continue;
    // Where in the answer the entry's first word is: the earliest named entry is the one answered.
    const first = contentWords(entry.said).find((w) => said.has(w)) ?? '';
    const found = quoted ? lower.indexOf(head) : lower.indexOf(first);
    const at = found < 0 ? Number.MAX_SAFE_INTEGER : found;
    if (!best || at < best.at) best = { entry, at };
  }
  return best?.entry;
}

/**
 * What "that" of a follow-up points to: the entry the twin's last answer named, else (it said
 * "I don't know" to "before Harrowgate?") the entries the visitor's previous question named.
 */
export function entriesReferredTo(
  earlier: readonly { readonly role: string; readonly content: string }[],
  entries: readonly DatedEntry[],
): DatedEntry[] {
  const answer = earlier.filter((m) => m.role === 'assistant').at(-1);
  const named = answer && entryAnswered(answer.content, entries);
  if (named) return [named];
  const question = earlier.filter((m) => m.role === 'user').at(-1);
  const asked = question && orderQuestion(question.content);
  if (!asked || (asked.kind !== 'before' && asked.kind !== 'after')) return [];
  return referenceEntries(asked, entries);
}
