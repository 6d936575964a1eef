import { decodeAt } from './pii-decode.js';

/**
 * The text as the PII patterns see it, with a map back to the original: encoded characters are
 * decoded (pii-decode.ts: %40, &#64;, \u0040...), each code point is folded on its own (NFKC, so
 * full-width and other compatibility forms become ASCII; digit look-alikes become digits),
 * invisible code points are dropped, blank or unknown ones become SPLIT, whitespace runs become
 * one space. `start[i]` and `end[i]` are the
 * UTF-16 offsets in the original of the code point(s) that gave folded unit `i`, so a match in
 * the folded text names an exact original range. Linear in the input: one pass, and a folded
 * code point never grows past MAX_EXPANSION units.
 */
export interface FoldedText {
  readonly text: string;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** True when an encoded character was decoded: the text read without decoding differs. */
  readonly decoded: boolean;
}

/**
 * Stands where an invisible character split a Latin letter from a digit ("call\u200b5551234567"),
 * and for a run of code points that show as a blank or as nothing a reader can name (U+2800
 * Braille blank, private-use and unassigned code points, lone surrogates): the phone pattern sees
 * a separator there, the e-mail patterns count it as part of the address, and a spelled-out
 * address as a space ("john\u2800at\u2800example\u2800dot\u2800com"). NUL never survives
 * folding otherwise.
 */
export const SPLIT = '\u0000';
/** SPLIT as it is written inside a pattern. */
export const SPLIT_PATTERN = '\\x00';

// Only U+FDFA and U+FDFB expand further (to 18 and 8 units: Arabic phrases, never part of an
// address); a space stands for them, so folding costs at most a few units per code point.
const MAX_EXPANSION = 6;
// Default-ignorable code points (zero-width characters, soft hyphen, word joiner, variation
// selectors, tags...), other format characters, marks (a combining mark or a keycap U+20E3
// over a digit still reads as the digit) and control characters other than whitespace.
const INVISIBLE = /^[\p{Default_Ignorable_Code_Point}\p{Cf}\p{M}\p{Cc}]$/u;
// Shown as a blank, a box or an icon of a private font (a private-use character shows as nothing
// in most fonts): never a letter or digit of an address, so a split, not a character.
const BLANK = /^[\u2800\p{Co}\p{Cn}\p{Cs}]$/u;
const MARKS = /\p{M}/gu;
const MARK = /^\p{M}$/u;
// Look-alikes NFKC leaves alone: minus signs and dashes, dot-like punctuation, curly quotes.
const MINUS = /[\p{Pd}\u2212\u2796\u2052\u02d7\u2010\u2011]/gu;
const DOT = /[\u3002\u00b7\u2027\u2219\u22c5\u30fb\u0701\u0702]/gu;
// Quotation marks of other languages stand for the " of a quoted local part ("«john doe»@x.com");
// single curly quotes and primes are apostrophes ("o’brien@x.com").
const QUOTE =
  /[\u201c-\u201f\u2033\u301d-\u301f\u00ab\u00bb\u2039\u203a\u300c-\u300f\u2e42\u275d\u275e\u{1f676}-\u{1f678}]/gu;
const APOSTROPHE = /[\u2018-\u201b\u2032\u275b\u275c]/gu;
// Digits NFKC leaves alone: dingbat and double-circled digits (❶ ➀ ➊ ⓵ ⓫ ⓿ 🄋). [first, last, value of first].
const DIGIT_LOOK_ALIKES: readonly (readonly [number, number, number])[] = [
  [0x2776, 0x277f, 1],
  [0x2780, 0x2789, 1],
  [0x278a, 0x2793, 1],
  [0x24f5, 0x24fe, 1],
  [0x24eb, 0x24f4, 11],
  [0x24ff, 0x24ff, 0],
  [0x1f10b, 0x1f10c, 0],
];

function digitLookAlike(cp: number): string | undefined {
  for (const [first, last, value] of DIGIT_LOOK_ALIKES)
    if (cp >= first && cp <= last) return String(value + cp - first);
  return undefined;
}
const SPACE = /^\s+$/u;
const ALPHANUMERIC = /[\p{L}\p{N}]/u;

// Folds of non-ASCII code points, kept across calls: a flood of one character costs one NFKC.
const cache = new Map<number, string>();
const CACHE_LIMIT = 8192;

function foldCodePoint(cp: number, char: string): string {
  const known = cache.get(cp);
  if (known !== undefined) return known;
  let folded: string;
  const digit = digitLookAlike(cp);
  if (digit !== undefined) folded = digit;
  else if (BLANK.test(char)) folded = SPLIT;
  else if (INVISIBLE.test(char)) folded = '';
  else {
    folded = char.normalize('NFKC').replace(MARKS, '');
    if (folded.length > MAX_EXPANSION) folded = ' ';
    folded = folded.replace(MINUS, '-').replace(DOT, '.').replace(QUOTE, '"').replace(APOSTROPHE, "'");
    if (SPACE.test(folded)) folded = ' ';
    // One mark is one separator: "…" (NFKC "...") or "‼" between digits is one, as a reader sees it.
    else if (folded.length > 1 && !ALPHANUMERIC.test(folded))
      folded = String.fromCodePoint(folded.codePointAt(0) as number);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(cp, folded);
  return folded;
}

const LATIN = /^\p{Script=Latin}$/u;
const DIGIT = /^\p{Nd}$/u;

// Letters by category that writers use as dashes, dots, bars or quotes between digits: the
// katakana long-vowel mark (what a Japanese keyboard types for "-"), 一 "one", Hangul ㅡ (NFKC
// ᅳ), ㆍ, click letters ǀ ǁ ǂ ǃ, 丨, Lisu tone letters ꓸ ꓹ ꓺ ꓻ ꓼ ꓽ, and every modifier letter
// (\p{Lm}: ʼ ˍ ː ー ｰ, the Arabic tatweel ـ...). Read after NFKC. Between two digits (one space
// allowed on either side) they fold to "-"; anywhere else they stay letters.
const LETTER_SEPARATOR = /^[\p{Lm}\u4e00\u1173\u3161\u318d\u119e\u01c0-\u01c3\u4e28\u3021\ua4f8-\ua4ff]$/u;
// Grapheme clusters (UAX #29) of several visible code points: a ZWJ sequence (GB11: "👨‍👩‍👧‍👦")
// and a pair of regional indicators (GB12/13: a flag) read as the one symbol a reader sees. Skin
// tones are emoji modifiers (Grapheme_Cluster_Break=Extend, GB9): part of the symbol before them.
// Applied in the fold's one pass rather than by Intl.Segmenter over every text: same clusters for
// these, no second walk.
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const REGIONAL_INDICATOR = /^\p{Regional_Indicator}$/u;
const EMOJI_MODIFIER = /^\p{Emoji_Modifier}$/u;
const ZWJ = 0x200d;

// The code point at `i` of `text`, after one optional space (ASCII, no-break, ideographic or one
// of U+2000-U+200A): what follows a letter-like separator.
function nextSolid(text: string, i: number): string {
  const unit = text.charCodeAt(i);
  const at = unit === 0x20 || unit === 0xa0 || unit === 0x3000 || (unit >= 0x2000 && unit <= 0x200a) ? i + 1 : i;
  const cp = text.codePointAt(at);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

function isLetterSeparator(char: string): boolean {
  return LETTER_SEPARATOR.test(char) || LETTER_SEPARATOR.test(char.normalize('NFKC'));
}

// An invisible character between a Latin letter and a digit, either way round.
function splitsNumber(before: string, after: string): boolean {
  return (DIGIT.test(before) && LATIN.test(after)) || (LATIN.test(before) && DIGIT.test(after));
}

function lastCodePoint(text: string): string {
  const low = text.charCodeAt(text.length - 1);
  return low >= 0xdc00 && low <= 0xdfff && text.length >= 2 ? text.slice(-2) : text.slice(-1);
}

// Printable ASCII with single spaces and nothing that may start an encoded character (% & \)
// folds to itself: the common case skips the per-code-point walk.
const PLAIN = /^(?:[\x21-\x24\x27-\x5b\x5d-\x7e]| (?! ))*$/;
// "U+0040" is an encoded character too (pii-decode.ts).
const CODE_POINT_NOTATION = /[uU]\+[0-9a-fA-F]{4}/;

// The fold of one code point given as a number (ASCII without the cache).
function foldOne(cp: number, char: string): string {
  if (cp >= 0x20 && cp < 0x7f) return char;
  if (cp < 0x80) return cp >= 0x09 && cp <= 0x0d ? ' ' : '';
  return foldCodePoint(cp, char);
}

function identity(text: string): FoldedText {
  const start = new Int32Array(text.length);
  const end = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) {
    start[i] = i;
    end[i] = i + 1;
  }
  return { text, start, end, decoded: false };
}

/**
 * `decode: false` reads encoded characters as written: "555\\123\\4567" and "555%123%4567" are
 * phone numbers with odd separators there, not "555S\\4567" and "555\u0012..." (callers run both).
 */
export function foldForDetection(text: string, decode = true): FoldedText {
  if (PLAIN.test(text) && !(decode && CODE_POINT_NOTATION.test(text))) return identity(text);
  let decodedAny = false;
  let out = '';
  let start = new Int32Array(text.length + 16);
  let end = new Int32Array(text.length + 16);
  let last = ''; // the last folded code point emitted
  let skippedFrom = -1; // where the run of dropped code points before this one began, -1 when none
  let solid = ''; // the last folded code point emitted that is not a space or SPLIT
  let previous = 0; // the code point before this one, as written (0 at the start)
  let cluster = ''; // the last visible code point emitted, as written: pictographic, RI or other
  let pairedIndicator = false; // the last regional indicator emitted opened a flag
  const push = (folded: string, from: number, to: number) => {
    if (out.length + folded.length > start.length) {
      const size = 2 * (out.length + folded.length);
      const [grownStart, grownEnd] = [new Int32Array(size), new Int32Array(size)];
      grownStart.set(start);
      grownEnd.set(end);
      [start, end] = [grownStart, grownEnd];
    }
    for (let k = 0; k < folded.length; k++) {
      start[out.length + k] = from;
      end[out.length + k] = to;
    }
    out += folded;
  };
  for (let i = 0; i < text.length; ) {
    const first = text.charCodeAt(i);
    const encoded =
      first === 0x25 ||
      first === 0x26 ||
      first === 0x5c ||
      ((first | 0x20) === 0x75 && text.charCodeAt(i + 1) === 0x2b);
    const decoded = decode && encoded ? decodeAt(text, i) : undefined;
    if (decoded) decodedAny = true;
    const cp = decoded?.codePoint ?? (text.codePointAt(i) as number);
    const width = decoded?.length ?? (cp > 0xffff ? 2 : 1);
    const char = decoded ? String.fromCodePoint(cp) : text.slice(i, i + width);
    let folded = foldOne(cp, char);
    // One grapheme cluster, one symbol: the rest of a ZWJ sequence, a flag's second half and a
    // skin tone join the symbol emitted before them.
    const joins =
      out.length > 0 &&
      ((previous === ZWJ && PICTOGRAPHIC.test(cluster) && PICTOGRAPHIC.test(char)) ||
        (pairedIndicator && REGIONAL_INDICATOR.test(char)) ||
        (cluster !== '' && EMOJI_MODIFIER.test(char)));
    previous = cp;
    if (joins) {
      end[out.length - 1] = i + width;
      pairedIndicator = false;
      skippedFrom = -1;
      i += width;
      continue;
    }
    if (folded === ' ' || folded === SPLIT) {
      // A cluster never spans a blank.
      pairedIndicator = false;
      cluster = '';
    } else if (folded !== '') {
      pairedIndicator = REGIONAL_INDICATOR.test(char) && !pairedIndicator;
      cluster = char;
      if (LETTER_SEPARATOR.test(folded) && (solid === '-' || DIGIT.test(solid))) {
        const next = nextSolid(text, i + width);
        if (DIGIT.test(next) || isLetterSeparator(next)) folded = '-';
      }
    }
    if (folded === '') {
      // A mark belongs to the character before it (a keycap's U+FE0F U+20E3 to its digit).
      if (skippedFrom < 0 && out.length > 0 && MARK.test(char)) end[out.length - 1] = i + width;
      else if (skippedFrom < 0) skippedFrom = i;
    } else {
      // A run of spaces, or of blanks, is one.
      if ((folded === ' ' || folded === SPLIT) && last === folded) end[out.length - 1] = i + width;
      else {
        if (
          skippedFrom >= 0 &&
          last !== '' &&
          splitsNumber(last, String.fromCodePoint(folded.codePointAt(0) as number))
        ) {
          push(SPLIT, skippedFrom, i);
        }
        push(folded, i, i + width);
        last = lastCodePoint(folded);
        if (folded !== ' ' && folded !== SPLIT) solid = last;
      }
      skippedFrom = -1;
    }
    i += width;
  }
  return { text: out, start: start.subarray(0, out.length), end: end.subarray(0, out.length), decoded: decodedAny };
}
