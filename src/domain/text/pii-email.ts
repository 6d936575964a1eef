import { SPLIT_PATTERN as S, SPLIT } from './pii-fold.js';

/** A span of the folded text: [from, to) in UTF-16 units. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

// These patterns run on folded text (pii-fold.ts): ASCII @ . - and " stand for every look-alike,
// invisible characters are gone, a whitespace run is one space.
//
// Bounded work: an unquoted local part may start only where a run of address characters starts
// (the lookbehind), so runs are scanned once each, not once per position; a quoted local part and
// the labels of a spelled-out address have bounded lengths; whether a host counts is decided in
// code on the match, so the patterns never backtrack across labels.
const LOCAL_CHAR = `[\\p{L}\\p{N}!#$%&'*+/=?^_\`{|}~.\\-${S}]`;
const LABEL = `[\\p{L}\\p{N}\\-${S}]`;
// local@host, local @ host, "quoted local"@host, local@[IP literal]. A quoted local part holds no
// @ and no brackets, so it never swallows an address or a mask.
const address = (runStart: string) =>
  `(?:"[^"@\\[\\]\\n]{1,64}"|${runStart}${LOCAL_CHAR}+)( ?)@( ?)` +
  `(?:\\[(?:IPv6:)?[0-9a-f:.]{1,45}\\]|(${LABEL}+(?:\\.${LABEL}+)*))`;
const ADDRESS = new RegExp(address(`(?<!${LOCAL_CHAR})`), 'giu');
const ADDRESS_NEXT = new RegExp(address(''), 'iuy');
const LETTER = /\p{L}/u;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/u;
// A top-level domain is where a label's letters are: "example.com" in "example.com2024" too, so
// that what a mask leaves behind never reads as an address on a second pass.
const TLD = /^\p{L}{2,}/u;
const tldLength = (label: string) => TLD.exec(label)?.[0].length ?? 0;

/**
 * How much of `host` counts, in UTF-16 units, or -1 for none. An IPv4 address counts; otherwise
 * the host is cut back to its last label with a letter ("x@example.com.123" gives
 * "x@example.com"). One label is enough (`mike@localhost`, `me@home`): privacy before precision,
 * at the cost of `package@latest`. Versions (`react@18.2.0`) have no letter and are not hosts.
 * With spaces around the @, only a dotted host with a top-level domain counts, so "meet @ noon"
 * stays.
 */
function hostLength(host: string, spaced: boolean): number {
  if (!spaced && !host.includes('.')) return LETTER.test(host) ? host.length : -1;
  if (!spaced && IPV4.test(host.replaceAll(SPLIT, ''))) return host.length;
  const labels = host.split('.');
  for (let last = labels.length - 1; last >= (spaced ? 1 : 0); last--) {
    const label = labels[last] as string;
    const kept = spaced ? tldLength(label) : LETTER.test(label) ? label.length : 0;
    if (kept > 0) return labels.slice(0, last).join('.').length + (last > 0 ? 1 : 0) + kept;
  }
  return -1;
}

// The spelled-out forms: john [at] example [dot] com, john(at)example(dot)com, john at example
// dot com, john[@]example[.]com. Case does not matter.
const OPEN = '[\\[({<]';
const CLOSE = '[\\])}>]';
const AT = `(?: ?${OPEN} ?(?:at|@) ?${CLOSE} ?| at )`;
const DOT_SEPARATOR = `(?: ?${OPEN} ?(?:dot|\\.) ?${CLOSE} ?| dot |\\.)`;
const SPELLED_LOCAL = `[\\p{L}\\p{N}._%+\\-${S}]`;
const SPELLED_BODY = `${SPELLED_LOCAL}+(${AT})(${LABEL}{1,63}(?:${DOT_SEPARATOR}${LABEL}{1,63}){1,8})`;
const SPELLED = new RegExp(`(?<!${SPELLED_LOCAL})${SPELLED_BODY}`, 'giu');
const SPELLED_NEXT = new RegExp(SPELLED_BODY, 'iuy');
const DOT_SPLIT = new RegExp(`(${DOT_SEPARATOR})`, 'iu');

/**
 * The end of a spelled-out address, or -1 when it is not one: the domain is cut back to the
 * letters that open its last label with two or more, at least one separator must remain, and a
 * plain " at " needs a spelled dot too ("I work at google.com" stays, "john at example dot com"
 * does not).
 */
function spelledEnd(at: string, domain: string): number {
  const parts = domain.split(DOT_SPLIT); // label, separator, label, ...
  const plainAt = at.toLowerCase() === ' at ';
  for (let last = parts.length - 1; last >= 2; last -= 2) {
    const tld = tldLength(parts[last] as string);
    if (tld === 0) continue;
    const separators = parts.slice(0, last).filter((_, i) => i % 2 === 1);
    if (plainAt && separators.every((separator) => separator === '.')) return -1;
    return parts.slice(0, last).join('').length + tld;
  }
  return -1;
}

type Check = (match: RegExpExecArray) => { to: number } | { resumeAt: number };

/**
 * Runs `pattern` (global; starts only where a run of address characters starts) over `folded`.
 * A refused match gives back what `check` says (its host: "x@ a@b.com" has an address after the
 * refusal). After an accepted match the rest of its run may start another address ("a@b.c+d@e.f"),
 * which the lookbehind would skip: `next` (sticky, no lookbehind) tries there once. Every
 * character is scanned a bounded number of times, so the work stays linear.
 */
function scan(folded: string, pattern: RegExp, next: RegExp, check: Check): Span[] {
  const spans: Span[] = [];
  pattern.lastIndex = 0;
  let match = pattern.exec(folded);
  while (match !== null) {
    const verdict = check(match);
    if ('resumeAt' in verdict) {
      pattern.lastIndex = verdict.resumeAt;
      match = pattern.exec(folded);
      continue;
    }
    spans.push({ from: match.index, to: verdict.to });
    next.lastIndex = verdict.to;
    const following = next.exec(folded);
    pattern.lastIndex = verdict.to;
    match = following ?? pattern.exec(folded);
  }
  return spans;
}

/** Spans of e-mail addresses in folded text, in any of the forms above. */
export function emailSpans(folded: string): Span[] {
  const addresses = scan(folded, ADDRESS, ADDRESS_NEXT, (match) => {
    const [whole, spaceBefore, spaceAfter, host] = match;
    const end = match.index + whole.length;
    if (host === undefined) return { to: end };
    const kept = hostLength(host, spaceBefore !== '' || spaceAfter !== '');
    return kept < 0 ? { resumeAt: end - host.length } : { to: end - host.length + kept };
  });
  const spelled = scan(folded, SPELLED, SPELLED_NEXT, (match) => {
    const [whole, at, domain] = match as unknown as [string, string, string];
    const domainAt = match.index + whole.length - domain.length;
    const end = spelledEnd(at, domain);
    return end < 0 ? { resumeAt: domainAt } : { to: domainAt + end };
  });
  return [...addresses, ...spelled];
}
