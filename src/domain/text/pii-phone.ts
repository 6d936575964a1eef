import type { Span } from './pii-email.js';
import { SPLIT, SPLIT_PATTERN } from './pii-fold.js';

// Runs on folded text (pii-fold.ts): every dash and minus sign is "-", full-width and look-alike
// digits are ASCII, a whitespace run is one space, invisible characters are gone, blanks are SPLIT.
//
// An optional + and one opening bracket, quote or #, then 7 or more digits (any script's) with up
// to three separators between any two: anything that is not a letter or a digit (any punctuation
// or symbol: "555,123,4567", "555•123•4567", "079'123'45'67", "555「123」4567"), with any blanks
// around them that do not count ("555 -- 123 -- 4567"; the fold makes one emoji of several code
// points, a ZWJ family or a flag, one separator, and letters used as dashes "-"). The
// whole run is taken, however long: cut at 15 digits, a date range such as "2024-12-25 - 2025-01-10"
// would leave a tail that no longer reads as a date. Then an optional extension (x12, ext. 12,
// ext 12, extension 12, #12, or a word of another language: EXTENSION_WORDS), masked with the
// number. A Latin letter just before the digits makes them an id ("ORD5551234567"), unless it ends a word for a phone ("tel5551234567",
// "call5551234567") or an invisible character stands between (the fold leaves a split marker
// there); Chinese and Japanese put no space between words and numbers, so other scripts' letters
// do not.
const GAP = `[ ${SPLIT_PATTERN}]?`;
// Up to three separators; blanks (spaces and SPLIT: the fold makes a run of either one, but they
// may alternate) do not count. A blank is never a separator, so the pattern cannot backtrack between them.
const BLANKS = `[ ${SPLIT_PATTERN}]*`;
const GAPS = `(?:${BLANKS}[^\\p{L}\\p{N} ${SPLIT_PATTERN}]){0,3}${BLANKS}`;
// Words for a phone that may be glued to the digits ("tel5551234567", "tél5551234567"); words of
// non-Latin scripts need no entry, their letters never make digits an id.
const PHONE_WORD =
  '(?:t[eé]l|t[eé]l[eé]?f|tlf|tfn|tfno|fon|phone|ph|mob|mobile|cell|cel|fax|call|sms|whatsapp|t[eé]l[eé]phone|telefon|tel[eé]fono|handy|natel|m[oó]vil|celular)';
// "Extension" in the languages visitors write most: poste (fr), Durchwahl/DW (de), доб. (ru),
// interno/int. (it, es), ramal (pt), anexo (es: Chile, Peru), lokal (sv), wewn. (pl), toestel (nl),
// 内線 (ja), 分机/分機 (zh), 내선 (ko). Longest first.
const EXTENSION_WORDS =
  '(?:x|ext\\.?|extension|#|poste|durchwahl|dw\\.?|доб\\.?|добавочный|interno|int\\.?|ramal|anexo|lokal|wewn\\.?|toestel|内線|内线|分机|分機|내선)';
const PHONE = new RegExp(
  `(?:(?<![\\p{Script=Latin}\\p{N}])|(?<=(?<!\\p{L})${PHONE_WORD}))(?:\\+${GAP})?[\\p{Ps}\\p{Pi}#]?` +
    `\\p{Nd}(?:${GAPS}\\p{Nd}){6,}` +
    `(?:${GAP}${EXTENSION_WORDS}${GAP}[:.]?${GAP}\\p{Nd}{1,6})?(?!\\p{N})`,
  'giu',
);
const EXTENSION = new RegExp(`\\p{Nd}${GAP}${EXTENSION_WORDS}${GAP}[:.]?${GAP}\\p{Nd}{1,6}$`, 'iu');
const SEPARATED = /\p{Nd}[^\p{L}\p{N}]+\p{Nd}/u;
const LATIN = /^\p{Script=Latin}/u;
const GROUPS = /(\p{Nd}+)(\P{Nd}*)/gu;
// Thousands grouped by one and the same comma, dot or apostrophe, exactly three digits a group,
// maybe with decimals after the other mark: "1,234,567", "1.234.567,89", "1'234'567".
const THOUSANDS = /^\p{Nd}{1,3}(?:([,.'])\p{Nd}{3})(?:\1\p{Nd}{3})*(?:(?!\1)[.,]\p{Nd}+)?$/u;

const isYear = (group: string) => /^(?:18|19|20)\d\d$/u.test(group);
const isDay = (group: string) => /^\d{1,2}$/u.test(group) && Number(group) >= 1 && Number(group) <= 31;
const isMonth = (group: string) => isDay(group) && Number(group) <= 12;
const isHour = (group: string) => /^\d{1,2}$/u.test(group) && Number(group) <= 24;
const isMinute = (group: string | undefined) => group !== undefined && /^\d\d$/u.test(group) && Number(group) <= 59;

/** Three groups joined by one and the same "-", "/" or "." make a date: Y-M-D, D.M.Y or M/D/Y. */
function isDate(groups: readonly string[], separators: readonly string[], i: number): boolean {
  const [a, b, c] = [groups[i], groups[i + 1], groups[i + 2]];
  const [s1, s2] = [separators[i], separators[i + 1]];
  if (a === undefined || b === undefined || c === undefined || s1 !== s2 || !/^[-/.]$/u.test(s1 ?? '')) return false;
  if (isYear(a)) return isMonth(b) && isDay(c);
  return isYear(c) && isDay(a) && isDay(b) && (isMonth(a) || isMonth(b));
}

/** How many groups from `i` make a time of day, H:MM or H:MM:SS; 0 for none. */
function timeLength(groups: readonly string[], separators: readonly string[], i: number): number {
  if (separators[i] !== ':' || !isHour(groups[i] as string) || !isMinute(groups[i + 1])) return 0;
  return separators[i + 1] === ':' && isMinute(groups[i + 2]) ? 3 : 2;
}

/**
 * True when the digits read as an ordinary number: thousands ("1,234,567"), or dates, times and
 * years only ("2019-2024", "2024-12-25", "12/25/2024", "25.12.2024", "2024-12-25 - 2025-01-10",
 * "2024-12-25 10:30", "9:00-17:30"). A number written with + is always a phone.
 */
function isOrdinaryNumber(number: string): boolean {
  if (number.startsWith('+')) return false;
  if (THOUSANDS.test(number)) return true;
  const groups: string[] = [];
  const separators: string[] = [];
  for (const [, digits, separator] of number.matchAll(GROUPS)) {
    groups.push(digits as string);
    separators.push((separator as string).replaceAll(SPLIT, '').trim() || ' ');
  }
  for (let i = 0; i < groups.length; ) {
    const time = timeLength(groups, separators, i);
    if (isDate(groups, separators, i)) i += 3;
    else if (time > 0) i += time;
    else if (isYear(groups[i] as string)) i += 1;
    else return false;
  }
  return true;
}

const digitCount = (text: string) => text.replace(/\P{Nd}/gu, '').length;

// A numeric character reference, zero-padded or not ("&#0000060;" is "<"), is not a phone number:
// the reading without decoding (pii.ts) sees its digits as written.
const REFERENCE = /&#0*(\d{1,7});?/y;
function isCharacterReference(folded: string, from: number, number: string): boolean {
  const at = number.startsWith('#') ? from - 1 : from - 2;
  if (at < 0 || folded.slice(at, at + 2) !== '&#') return false;
  REFERENCE.lastIndex = at;
  const reference = REFERENCE.exec(folded);
  return (
    reference !== null &&
    reference[0].replace(';', '').length === from - at + number.length &&
    Number(reference[1]) <= 0x10ffff
  );
}

/** Spans of phone numbers in folded text; dates, times, years, thousands and short numbers are left alone. */
export function phoneSpans(folded: string): Span[] {
  const spans: Span[] = [];
  for (const match of folded.matchAll(PHONE)) {
    const whole = match[0];
    // An extension ends the match; "#555#123#4567" is a number with no extension.
    const marker = EXTENSION.exec(whole);
    const extension = marker && digitCount(whole.slice(0, marker.index + 1)) >= 7 ? marker : null;
    const number = extension ? whole.slice(0, extension.index + 1) : whole;
    if (digitCount(number) < 7 || isCharacterReference(folded, match.index, number)) continue;
    const after = folded.slice(match.index + whole.length, match.index + whole.length + 2);
    // Digits glued to a Latin letter, with nothing separating them, are an id; "555-123-4567b" is not.
    if (!extension && LATIN.test(after) && !SEPARATED.test(number)) continue;
    if (!extension && isOrdinaryNumber(number)) continue;
    spans.push({ from: match.index, to: match.index + whole.length });
  }
  return spans;
}
