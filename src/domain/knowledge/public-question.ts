import { decodeHTML } from 'entities';
import { LINK_PATTERNS } from '../text/markup.js';
import { maskPii } from '../text/pii.js';

/** What a published question shows where the visitor wrote a link. */
export const LINK_MASK = '[link]';

// A tag starts with "<" and a letter, "/", "!" or "?"; "3 < 5 > 2" is arithmetic, not markup.
// [^<>]* stops at the next angle bracket, so a scan never runs past it: linear in the input.
const TAG = /<(?:[A-Za-z/!?][^<>]*)>/gu;
// Stripping "<<b>b>" leaves "<b>": a few passes remove nested tricks; anything left is dropped.
const MAX_PASSES = 4;
// C0/C1 controls (tabs and newlines become spaces first) and the bidi overrides that can
// make a heading read differently from what it says.
const INVISIBLE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

// A tag the text ends inside ("<img src=x onerror=alert(1)//"): no ">" closes it.
const UNCLOSED_TAG = /<[A-Za-z/!?][^<>]*$/u;
const TAG_START = /<(?=[A-Za-z/!?])/gu;
// Markdown links and images, "[text](url)" and "![alt](url)": their text stays, the target goes
// (a javascript: link, or an image that is a tracking beacon once answers.md is rendered).
const MARKDOWN_LINK = /!?\[([^[\]]*)\]\([^()]*\)/gu;

function stripTags(text: string): string {
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = current.replace(TAG, ' ').replace(UNCLOSED_TAG, ' ');
    // A "<" that would still open a tag once rendered goes; "3 < 5" stays.
    if (next === current) return current.replace(TAG_START, ' ');
    current = next;
  }
  return current.replace(/[<>]/gu, ' ');
}

/** Decodes HTML character references, nested ones too ("&amp;lt;"); any left after a few passes is broken up. */
function decodeReferences(text: string): string {
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = decodeHTML(current);
    if (next === current) return current;
    current = next;
  }
  return current.replace(/&(?=#?[A-Za-z0-9]+;?)/gu, '& ');
}

function stripMarkdownLinks(text: string): string {
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = current.replace(MARKDOWN_LINK, '$1');
    if (next === current) break;
    current = next;
  }
  // Whatever nesting is left cannot form a link: "](" is what opens a target.
  return current.replace(/\]\s*\(/gu, '] (');
}

/**
 * The visitor's question as it may be published in the persona's answers: plain text
 * (HTML character references decoded, then tags removed, closed or not; Markdown links and
 * images reduced to their text, bare URLs and host names shown as `[link]`; a question written
 * only inside tags keeps its words), e-mail
 * addresses and phone numbers masked, on one line with single spaces. Pure and
 * linear in the input; applying it twice changes nothing.
 */
export function publicQuestion(text: string): string {
  // Character references are decoded first: "&lt;script&gt;" is a tag once rendered.
  const flat = stripMarkdownLinks(decodeReferences(text).normalize('NFC').replace(/\s+/gu, ' '));
  let plain = stripTags(flat);
  // "<do you have a cat>" is all tag: keep its words rather than publish nothing.
  if (!/[\p{L}\p{N}]/u.test(plain)) plain = flat.replace(/[<>]/gu, ' ');
  // Addresses first (a host pattern would take an e-mail's domain and leave its local part); then
  // a bare URL or host name, which is a link once rendered (GFM autolinks it): a tracker or a lure.
  const masked = maskPii(plain.replace(INVISIBLE, ' '));
  const unlinked = LINK_PATTERNS.reduce((text, pattern) => text.replace(pattern, ` ${LINK_MASK} `), masked);
  return unlinked.replace(/\s+/gu, ' ').trim();
}
