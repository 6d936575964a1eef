import { emailSpans, type Span } from './pii-email.js';
import { type FoldedText, foldForDetection } from './pii-fold.js';
import { phoneSpans } from './pii-phone.js';

// What counts as an e-mail address or phone number, and what is known to pass, is written down
// in docs/security.md ("Contact details: what is masked"). Detection runs on a folded copy of
// the text (pii-fold.ts) so look-alike and invisible characters change nothing; the mask
// replaces the matching range of the ORIGINAL text, so everything else is kept as written.

export const EMAIL_MASK = '[email]';
export const PHONE_MASK = '[phone]';
// Stands for a masked address in the text the phone pattern reads: no letter, digit or separator.
const BLANK = ']';

interface Masked {
  from: number;
  to: number;
  mask: string;
}

/**
 * The folded text with the e-mail addresses blanked out, for the phone pattern: it must see what a
 * second pass over the masked text sees, or "a [at] b [dot] com5551234567" would keep its number the first
 * time (a letter glued to it) and lose it the second (after "[email]").
 */
function blank(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.from - b.from)) {
    const from = Math.max(at, span.from);
    if (span.to <= from) continue;
    out += text.slice(at, from) + BLANK.repeat(span.to - from);
    at = span.to;
  }
  return out + text.slice(at);
}

/** What the patterns find in one folded reading of the text, as original ranges. */
function found(folded: FoldedText): Masked[] {
  const toOriginal = (span: Span, mask: string): Masked => ({
    from: folded.start[span.from] as number,
    to: folded.end[span.to - 1] as number,
    mask,
  });
  const emails = emailSpans(folded.text);
  return [
    ...emails.map((span) => toOriginal(span, EMAIL_MASK)),
    ...phoneSpans(blank(folded.text, emails)).map((span) => toOriginal(span, PHONE_MASK)),
  ];
}

/**
 * Original ranges to mask, sorted and merged: overlapping finds become one mask, [email] first.
 * Text with encoded characters is read twice, decoded and as written, and what either reading
 * finds is masked: "john%40example.com" needs the first, "555\\123\\4567" the second.
 */
function maskedRanges(text: string): Masked[] {
  const decoded = foldForDetection(text);
  const finds = found(decoded);
  if (decoded.decoded) finds.push(...found(foldForDetection(text, false)));
  finds.sort((a, b) => a.from - b.from || b.to - a.to);
  const merged: Masked[] = [];
  for (const range of finds) {
    const last = merged.at(-1);
    if (last && range.from < last.to) {
      last.to = Math.max(last.to, range.to);
      if (range.mask === EMAIL_MASK) last.mask = EMAIL_MASK;
    } else merged.push({ ...range });
  }
  return merged;
}

/**
 * Replaces e-mail addresses and phone numbers with `[email]` and `[phone]`; everything else is
 * kept as is. Linear in the length of `text`; never throws (lone surrogates included).
 */
export function maskPii(text: string): string {
  const ranges = maskedRanges(text);
  if (ranges.length === 0) return text;
  let out = '';
  let at = 0;
  for (const range of ranges) {
    out += text.slice(at, range.from) + range.mask;
    at = range.to;
  }
  return out + text.slice(at);
}

/** True when `maskPii` would change `text`. */
export function containsPii(text: string): boolean {
  return maskedRanges(text).length > 0;
}

/** Removes email addresses and phone numbers entirely, for text that must not even hint at them (topics). */
export function removePii(text: string): string {
  return maskPii(text).replaceAll(EMAIL_MASK, ' ').replaceAll(PHONE_MASK, ' ');
}
