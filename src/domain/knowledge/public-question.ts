import { maskPii } from '../text/pii.js';

// A tag starts with "<" and a letter, "/", "!" or "?"; "3 < 5 > 2" is arithmetic, not markup.
// [^<>]* stops at the next angle bracket, so a scan never runs past it: linear in the input.
const TAG = /<(?:[A-Za-z/!?][^<>]*)>/gu;
// Stripping "<<b>b>" leaves "<b>": a few passes remove nested tricks; anything left is dropped.
const MAX_PASSES = 4;
// C0/C1 controls (tabs and newlines become spaces first) and the bidi overrides that can
// make a heading read differently from what it says.
const INVISIBLE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

function stripTags(text: string): string {
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = current.replace(TAG, ' ');
    if (next === current) return current;
    current = next;
  }
  return current.replace(/[<>]/gu, ' ');
}

/**
 * The visitor's question as it may be published in the persona's answers: plain text
 * (HTML tags removed; a question written only inside tags keeps its words), e-mail
 * addresses and phone numbers masked, on one line with single spaces. Pure and
 * linear in the input; applying it twice changes nothing.
 */
export function publicQuestion(text: string): string {
  const flat = text.normalize('NFC').replace(/\s+/gu, ' ');
  let plain = stripTags(flat);
  // "<do you have a cat>" is all tag: keep its words rather than publish nothing.
  if (!/[\p{L}\p{N}]/u.test(plain)) plain = flat.replace(/[<>]/gu, ' ');
  return maskPii(plain.replace(INVISIBLE, ' ')).replace(/\s+/gu, ' ').trim();
}
