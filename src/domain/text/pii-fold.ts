/**
 * The text as the PII patterns see it, with a map back to the original: each code point is
 * folded on its own (NFKC, so full-width and other compatibility forms become ASCII), invisible
 * code points are dropped, whitespace runs become one space. `start[i]` and `end[i]` are the
 * UTF-16 offsets in the original of the code point(s) that gave folded unit `i`, so a match in
 * the folded text names an exact original range. Linear in the input: one pass, and a folded
 * code point never grows past MAX_EXPANSION units.
 */
export interface FoldedText {
  readonly text: string;
  readonly start: Int32Array;
  readonly end: Int32Array;
}

/**
 * Stands where an invisible character split a Latin letter from a digit ("call\u200b5551234567"):
 * the phone pattern sees a boundary there (a glued letter would make the digits an id), the
 * e-mail patterns count it as part of the address. NUL never survives folding otherwise.
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
const MARKS = /\p{M}/gu;
const MARK = /^\p{M}$/u;
// Look-alikes NFKC leaves alone: minus signs and dashes, dot-like punctuation, curly quotes.
const MINUS = /[\p{Pd}\u2212\u2796\u2052\u02d7\u2010\u2011]/gu;
const DOT = /[\u3002\u00b7\u2027\u2219\u22c5\u30fb\u0701\u0702]/gu;
const QUOTE = /[\u201c-\u201f\u2033\u301d\u301e]/gu;
const SPACE = /^\s+$/u;

// Folds of non-ASCII code points, kept across calls: a flood of one character costs one NFKC.
const cache = new Map<number, string>();
const CACHE_LIMIT = 8192;

function foldCodePoint(cp: number, char: string): string {
  const known = cache.get(cp);
  if (known !== undefined) return known;
  let folded: string;
  if (INVISIBLE.test(char)) folded = '';
  else {
    folded = char.normalize('NFKC').replace(MARKS, '');
    if (folded.length > MAX_EXPANSION) folded = ' ';
    folded = folded.replace(MINUS, '-').replace(DOT, '.').replace(QUOTE, '"');
    if (SPACE.test(folded)) folded = ' ';
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(cp, folded);
  return folded;
}

const LATIN = /^\p{Script=Latin}$/u;
const DIGIT = /^\p{Nd}$/u;

// An invisible character between a Latin letter and a digit, either way round.
function splitsNumber(before: string, after: string): boolean {
  return (DIGIT.test(before) && LATIN.test(after)) || (LATIN.test(before) && DIGIT.test(after));
}

function lastCodePoint(text: string): string {
  const low = text.charCodeAt(text.length - 1);
  return low >= 0xdc00 && low <= 0xdfff && text.length >= 2 ? text.slice(-2) : text.slice(-1);
}

// Printable ASCII with single spaces folds to itself: the common case skips the per-code-point walk.
const PLAIN = /^(?:[\x21-\x7e]| (?! ))*$/;

function identity(text: string): FoldedText {
  const start = new Int32Array(text.length);
  const end = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) {
    start[i] = i;
    end[i] = i + 1;
  }
  return { text, start, end };
}

export function foldForDetection(text: string): FoldedText {
  if (PLAIN.test(text)) return identity(text);
  let out = '';
  let start = new Int32Array(text.length + 16);
  let end = new Int32Array(text.length + 16);
  let last = ''; // the last folded code point emitted
  let skippedFrom = -1; // where the run of dropped code points before this one began, -1 when none
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
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    let folded: string;
    if (cp >= 0x20 && cp < 0x7f) folded = text[i] as string;
    else if (cp < 0x80) folded = cp >= 0x09 && cp <= 0x0d ? ' ' : '';
    else folded = foldCodePoint(cp, text.slice(i, i + width));
    if (folded === '') {
      // A mark belongs to the character before it (a keycap's U+FE0F U+20E3 to its digit).
      if (skippedFrom < 0 && out.length > 0 && MARK.test(text.slice(i, i + width))) end[out.length - 1] = i + width;
      else if (skippedFrom < 0) skippedFrom = i;
    } else {
      if (folded === ' ' && last === ' ') end[out.length - 1] = i + width;
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
      }
      skippedFrom = -1;
    }
    i += width;
  }
  return { text: out, start: start.subarray(0, out.length), end: end.subarray(0, out.length) };
}
