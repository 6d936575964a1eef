import type { Span } from './pii-email.js';
import { SPLIT_PATTERN } from './pii-fold.js';

// Runs on folded text (pii-fold.ts): every dash and minus sign is "-", full-width digits are
// ASCII, a whitespace run is one space, invisible characters are gone.
//
// An optional + and opening parenthesis, then 7 or more digits (any script's) with up to three
// separators between any two: spaces, dashes, dots, slashes, underscores, parentheses. The whole
// run is taken, however long: cut at 15 digits, a date range such as "2024-12-25 - 2025-01-10"
// would leave a tail that no longer reads as a date. Then an optional extension (x12, ext. 12,
// ext 12, extension 12, #12), masked with the number. A Latin letter just before the digits makes
// them an id ("ORD5551234567"), unless an invisible character stands between (the fold leaves a
// split marker there); Chinese and Japanese put no space between words and numbers, so other
// scripts' letters do not.
const GAP = `[ ${SPLIT_PATTERN}]?`;
const PHONE = new RegExp(
  `(?<![\\p{Script=Latin}\\p{N}])\\+?\\(?\\p{Nd}(?:[ \\-()./_]{0,3}\\p{Nd}){6,}` +
    `(?:${GAP}(?:x|ext\\.?|extension|#)${GAP}[:.]?${GAP}\\p{Nd}{1,6})?(?!\\p{N})`,
  'giu',
);
const EXTENSION = new RegExp(`\\p{Nd}${GAP}(?:x|ext|extension|#)`, 'iu');
const SEPARATED = /\p{Nd}[ \-()./_]+\p{Nd}/u;
const LATIN = /^\p{Script=Latin}/u;
const GROUPS = /(\p{Nd}+)([ \-()./_]*)/gu;

const isYear = (group: string) => /^(?:18|19|20)\d\d$/u.test(group);
const isDay = (group: string) => /^\d{1,2}$/u.test(group) && Number(group) >= 1 && Number(group) <= 31;
const isMonth = (group: string) => isDay(group) && Number(group) <= 12;

/** Three groups joined by one and the same "-", "/" or "." make a date: Y-M-D, D.M.Y or M/D/Y. */
function isDate(groups: readonly string[], separators: readonly string[], i: number): boolean {
  const [a, b, c] = [groups[i], groups[i + 1], groups[i + 2]];
  const [s1, s2] = [separators[i], separators[i + 1]];
  if (a === undefined || b === undefined || c === undefined || s1 !== s2 || !/^[-/.]$/u.test(s1 ?? '')) return false;
  if (isYear(a)) return isMonth(b) && isDay(c);
  return isYear(c) && isDay(a) && isDay(b) && (isMonth(a) || isMonth(b));
}

/**
 * True when the digits read as dates and years only: "2019-2024", "2024-12-25", "12/25/2024",
 * "25.12.2024", "2024-12-25 - 2025-01-10", and "2024-12-25 10" when ":30" follows (a time).
 * A number written with + is always a phone.
 */
function isDateOrYears(number: string, after: string): boolean {
  if (number.startsWith('+')) return false;
  const groups: string[] = [];
  const separators: string[] = [];
  for (const [, digits, separator] of number.matchAll(GROUPS)) {
    groups.push(digits as string);
    separators.push((separator as string).trim() || ' ');
  }
  const hour = groups.at(-1) as string;
  if (/^:\p{Nd}/u.test(after) && groups.length > 1 && hour.length <= 2 && Number(hour) <= 24) groups.pop();
  for (let i = 0; i < groups.length; ) {
    if (isDate(groups, separators, i)) i += 3;
    else if (isYear(groups[i] as string)) i += 1;
    else return false;
  }
  return true;
}

/** Spans of phone numbers in folded text; dates, years and short numbers are left alone. */
export function phoneSpans(folded: string): Span[] {
  const spans: Span[] = [];
  for (const match of folded.matchAll(PHONE)) {
    const whole = match[0];
    const extension = EXTENSION.exec(whole);
    const number = extension ? whole.slice(0, extension.index + 1) : whole;
    if (number.replace(/\P{Nd}/gu, '').length < 7) continue;
    const after = folded.slice(match.index + whole.length, match.index + whole.length + 2);
    // Digits glued to a Latin letter, with nothing separating them, are an id; "555-123-4567b" is not.
    if (!extension && LATIN.test(after) && !SEPARATED.test(number)) continue;
    if (!extension && isDateOrYears(number, after)) continue;
    spans.push({ from: match.index, to: match.index + whole.length });
  }
  return spans;
}
