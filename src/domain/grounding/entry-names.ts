import { contentWords, foldPlural } from '../text/text.js';
import { namePresent } from './object-match.js';

// The parts of an entry's head a name is one of: "Title - Company (dates), City", "Title at Company", "Jobs: Title, Company, dates".
const SEGMENT_BREAKS = /\s[-–—|·@]\s|[,;:()[\]|/–—]|\s(?:at|bei|chez|en|em|presso)\s/iu;
// Legal forms are not part of what a visitor calls a company ("Metalworks" for "Metalworks Inc").
const LEGAL_FORMS = new Set(
  'inc incorporated ltd limited llc llp plc corp corporation co gmbh ag kg sa sas sarl srl spa bv nv ab oy as sl pty pte'.split(
    ' ',
  ),
);

/**
 * How closely an entry names a reference (the question's words after "before"/"after", folded),
 * from the closest: 4 a part of its head is the name exactly ("Apple", legal form aside), 3 the
 * head holds every word of it ("Apple" in "Apple Retail"), 2 a head word starts with, contains or is
 * one typo from it ("Metalworks" for "meta", "Stripe" for "strive"), 1 the entry's description
 * names it, 0 not at all. The closest entries are the reference: an exact name wins over longer
 * names holding it, and a word of the name over a typo, whatever the question's capitals.
 */
export function nameCloseness(reference: readonly string[], head: string, text: string): number {
  if (reference.length === 0) return 0;
  if (headParts(head).some((part) => part.join(' ') === reference.join(' '))) return 4;
  const headWords = new Set(nameWords(head));
  if (reference.every((word) => headWords.has(word))) return 3;
  if (reference.every((word) => namePresent(word, head))) return 2;
  return reference.every((word) => namePresent(word, text)) ? 1 : 0;
}

/** The part of the head holding the reference's first word: two entries with the same one are at one place. */
export function placeNamed(reference: readonly string[], head: string): string {
  const [first = ''] = reference;
  const parts = headParts(head);
  return (
    parts.find((part) => part.includes(first)) ??
    parts.find((part) => part.some((w) => w.includes(first))) ??
    []
  ).join(' ');
}

function nameWords(text: string): string[] {
  return contentWords(text)
    .map(foldPlural)
    .filter((word) => !LEGAL_FORMS.has(word));
}

function headParts(head: string): string[][] {
  return head
    .split(SEGMENT_BREAKS)
    .map(nameWords)
    .filter((part) => part.length > 0);
}
