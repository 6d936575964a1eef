import { LOOK_ALIKES } from './pii-confusables.js';
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
  `(?:"[^"@\\[\\]\\n]{1,64}"${S}?|${runStart}${LOCAL_CHAR}+)( ?)@( ?)` +
  `(?:\\[(?:IPv6:)?[0-9a-f:.]{1,45}\\]|(${LABEL}+(?:\\.${LABEL}+)*))`;
const ADDRESS = new RegExp(address(`(?<!${LOCAL_CHAR})`), 'giu');
const ADDRESS_NEXT = new RegExp(address(''), 'iuy');
const LETTER = /\p{L}/u;
// A top-level domain is where a label's letters are: "example.com" in "example.com2024" too, so
// that what a mask leaves behind never reads as an address on a second pass.
const TLD = new RegExp(`^${S}?\\p{L}(?:${S}?\\p{L})+`, 'u'); // blanks may split it
const tldLength = (label: string) => TLD.exec(label)?.[0].length ?? 0;
const NUMBER_PART = /^(?:0x[0-9a-f]+|\d+)$/iu;

/**
 * True for the IPv4 forms `inet_aton` accepts, as far as they do not read as a version: four
 * parts (`127.0.0.1`, `0177.0.0.1`), any hexadecimal part (`0x7f.1`), one number of 7+ digits
 * (`2130706433`), or two or three parts starting with 10 or a number of 100+ (`127.1`,
 * `192.168.1`) or written with a leading zero. `react@18.2.0` and `vue@3.4` are versions.
 */
function isIpHost(host: string): boolean {
  const parts = host.replaceAll(SPLIT, '').split('.');
  if (parts.length > 4 || !parts.every((part) => NUMBER_PART.test(part))) return false;
  if (parts.length === 4 || parts.some((part) => /^0x/iu.test(part))) return true;
  if (parts.length === 1) return (parts[0] as string).length >= 7;
  const first = Number(parts[0]);
  return first === 10 || first >= 100 || parts.some((part) => part.length > 1 && part.startsWith('0'));
}

/**
 * How much of `host` counts, in UTF-16 units, or -1 for none. An IPv4 address counts; otherwise
 * the host is cut back to its last label with a letter ("x@example.com.123" gives
 * "x@example.com"). One label is enough (`mike@localhost`, `me@home`): privacy before precision,
 * at the cost of `package@latest`. Versions (`react@18.2.0`) have no letter and are not hosts.
 * With spaces around the @, only a dotted host with a top-level domain counts, so "meet @ noon"
 * stays.
 */
function hostLength(host: string, spaced: boolean): number {
  if (!spaced && isIpHost(host)) return host.length;
  if (!spaced && !host.includes('.')) return LETTER.test(host) ? host.length : -1;
  const labels = host.split('.');
  for (let last = labels.length - 1; last >= (spaced ? 1 : 0); last--) {
    const label = labels[last] as string;
    const kept = spaced ? tldLength(label) : LETTER.test(label) ? label.length : 0;
    if (kept > 0) return labels.slice(0, last).join('.').length + (last > 0 ? 1 : 0) + kept;
  }
  return -1;
}

// The spelled-out forms: an @ or a word for it, and dots or words for them, wrapped in spaces or
// in up to six punctuation or symbol characters each side: john [at] example [dot] com,
// john /at/ example /dot/ com, john-at-example-dot-com, john 【at】 example, john(a)example.com,
// john @ example . com, john arroba example punto com. Case does not matter. A blank (SPLIT)
// counts as a space.
const SPACE = `[ ${S}]`;
// Up to six: NFKC makes three dots of "…".
const WRAP = `(?:(?!@)[\\p{P}\\p{S}${S}])`;
const EDGE = `(?:${SPACE}?(${WRAP}{1,6})${SPACE}?|${SPACE})`;
const PLAIN_EDGE = `(?:${SPACE}?${WRAP}{1,6}${SPACE}?|${SPACE})`;
const letter = (char: string) => {
  const alikes = LOOK_ALIKES[char];
  return alikes ? `[${char}${alikes}]` : char === '.' ? '\\.' : char;
};
// A word may hold a blank ("d\u2800ot", and "d\ue000ot" shows as "dot"); longest first. LOOSE
// words may hold spaces too ("a t", "d o t"), which count only when the address spells out both
// its @ and a dot (spelledEnd): "a t" in a sentence stays.
const STRICT = `${S}?`;
const LOOSE = `[ ${S}]?`;
const words = (list: readonly string[], inner = LOOSE) =>
  [...list]
    .sort((x, y) => y.length - x.length)
    .map((word) => [...word].map((char) => (char === ' ' ? SPACE : letter(char))).join(inner))
    .join('|');
// Words for @ and for the dot in the languages visitors write most (docs/security.md lists them).
const AT_WORDS = [
  ...['at', 'at sign', 'at-sign', 'atsign', 'arroba', 'arobase', 'chez', 'klammeraffe', 'affenschwanz'],
  ...['chiocciola', 'snabel-a', 'snabela', 'kukac', 'malpa', 'małpa', 'apenstaartje', 'собака', 'a'],
];
const DOT_WORDS = [
  ...['dot', 'd0t', 'dott', 'punkt', 'punto', 'point', 'period', 'ponto', 'punt', 'pont', 'kropka'],
  ...['nokta', 'piste', 'tochka', 'точка', 'full stop', 'fullstop'],
];
const AT = `${EDGE}(${words(AT_WORDS)}|@)${EDGE}`;
const DOT_SEPARATOR = `(?:${PLAIN_EDGE}(?:${words(DOT_WORDS)}|\\.)${PLAIN_EDGE}|\\.)`;
const SPELLED_LOCAL = `[\\p{L}\\p{N}._%+\\-${S}]`;
// A label of a spelled-out domain: a hyphen or blank in it never starts a spelled or wrapped dot,
// or the label would swallow its separator ("example-dot-co-dot-uk", "example-.-/ com").
const SPELLED_LABEL = `(?:[\\p{L}\\p{N}]|[\\-${S}](?!(?:${words(DOT_WORDS)}|\\.)${PLAIN_EDGE}))`;
// A mask is never part of the next address, as local part or label, or a second pass would
// read one ("[email][at]b[dot]com", "x-\u2800at-[email] dot [phone]").
const NOT_A_MASK = `(?<!\\[(?=(?:email|phone)\\]))`;
const DOMAIN_LABEL = `${NOT_A_MASK}${SPELLED_LABEL}{1,63}`;
const SPELLED_BODY = `${SPELLED_LOCAL}+(${AT})(${DOMAIN_LABEL}(?:${DOT_SEPARATOR}${DOMAIN_LABEL}){1,8})`;
const SPELLED = new RegExp(`(?<!${SPELLED_LOCAL})${NOT_A_MASK}${SPELLED_BODY}`, 'giu');
const SPELLED_NEXT = new RegExp(SPELLED_BODY, 'iuy');
// The same with the shortest local part: the first @ part of a run instead of the last one.
const SPELLED_FIRST = new RegExp(SPELLED_BODY.replace(`${SPELLED_LOCAL}+`, `${SPELLED_LOCAL}+?`), 'iuy');
// The domain read as SPELLED_BODY reads it, label then separator (the first label must have one).
// A leftmost split differs: "x\u2800 ∙/dot/com" gave the wrapper "\u2800 ", the dot "∙", the label "dot/com".
const FIRST_PART = new RegExp(`(${DOMAIN_LABEL})(${DOT_SEPARATOR})(?=${NOT_A_MASK}${SPELLED_LABEL})`, 'iuy');
const NEXT_PART = new RegExp(`(${DOMAIN_LABEL})(?:(${DOT_SEPARATOR})(?=${NOT_A_MASK}${SPELLED_LABEL}))?`, 'iuy');
// The same words without spaces inside, to tell "at" from "a t".
const STRICT_AT = new RegExp(`^(?:${words(AT_WORDS, STRICT)}|@)$`, 'iu');
const STRICT_DOT = new RegExp(`^(?:${PLAIN_EDGE}(?:${words(DOT_WORDS, STRICT)}|\\.)${PLAIN_EDGE}|\\.)$`, 'iu');
const HAS_LETTER = /\p{L}/u;
// Wrappers that also occur inside host names and identifiers ("stay-at-home.com", "user_at_host").
const WEAK_WRAP = /^[._-]*$/u;
// "(a)", "[a]", "«a»": a lone "a" is the @ only between brackets or quotes.
const OPENING = /[\p{Ps}\p{Pi}"]$/u;
const CLOSING = /^[\p{Pe}\p{Pf}"]/u;

/**
 * How strongly the @ part says "address": an @ always; a word wrapped in brackets or symbols
 * ("[at]", "/at/", "«at»", "(a)"); a plain word between spaces or hyphens, dots and underscores
 * ("at", "-at-") only when a dot is spelled out too, so "I work at google.com" and
 * "stay-at-home.com" stay. "a" counts only between brackets or symbols on both sides.
 */
function atStrength(
  leftWrap: string | undefined,
  word: string,
  rightWrap: string | undefined,
): 'strong' | 'weak' | 'none' {
  if (word === '@') return 'strong';
  const [left, right] = [(leftWrap ?? '').replaceAll(SPLIT, ''), (rightWrap ?? '').replaceAll(SPLIT, '')];
  const weak = WEAK_WRAP.test(left + right);
  if (/^[aаɑαᴀ⍺]$/iu.test(word)) return OPENING.test(left) && CLOSING.test(right) ? 'strong' : 'none';
  return weak ? 'weak' : 'strong';
}

/** Label, separator, label, ...: the parts of a spelled-out domain SPELLED matched. */
function domainParts(domain: string): string[] {
  const parts: string[] = [];
  let at = 0;
  for (let step = FIRST_PART; at < domain.length; step = NEXT_PART) {
    step.lastIndex = at;
    const match = step.exec(domain);
    if (match === null) break;
    const [whole, label, separator] = match as unknown as [string, string, string | undefined];
    parts.push(label);
    at += whole.length;
    if (separator === undefined) break;
    parts.push(separator);
  }
  // Nothing is left over of a domain SPELLED matched; kept in the last label all the same.
  if (at < domain.length) parts.push(`${parts.pop() ?? ''}${domain.slice(at)}`);
  return parts;
}

/**
 * The end of a spelled-out address, or -1 when it is not one: the domain is cut back to the
 * letters that open its last label with two or more, at least one separator must remain, and a
 * weak @ (see atStrength) needs a spelled dot ("john at example dot com", "john at example . com").
 */
function spelledEnd(strength: 'strong' | 'weak' | 'none', domain: string, at: string): number {
  if (strength === 'none') return -1;
  const atSpaced = !STRICT_AT.test(at);
  const parts = domainParts(domain);
  for (let last = parts.length - 1; last >= 2; last -= 2) {
    const tld = tldLength(parts[last] as string);
    if (tld === 0) continue;
    const separators = parts.slice(0, last).filter((_, i) => i % 2 === 1);
    if (strength === 'weak' && separators.every((separator) => separator === '.')) return -1;
    // Spaces inside a word ("a t", "d o t") need both the @ and a dot spelled out.
    if (atSpaced && !separators.some((separator) => HAS_LETTER.test(separator))) return -1;
    if (at === '@' && separators.some((separator) => !STRICT_DOT.test(separator))) continue;
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
  const spelledTo = (match: RegExpExecArray): { to: number } | { resumeAt: number } => {
    const [whole, at, left, word, right, domain] = match as unknown as [
      string,
      string,
      string | undefined,
      string,
      string | undefined,
      string,
    ];
    const domainAt = match.index + whole.length - domain.length;
    const end = spelledEnd(atStrength(left, word, right), domain, word);
    // Refused, the @ part may open another address: "write to a (at) b (dot) com" read "to a" first.
    return end < 0 ? { resumeAt: domainAt - at.length } : { to: domainAt + end };
  };
  const spelled = scan(folded, SPELLED, SPELLED_NEXT, (match) => {
    const verdict = spelledTo(match);
    if ('to' in verdict) return verdict;
    // The greedy local part took the run's last @ part ("zq+snabel-a/b" read "-a/"): try its first.
    SPELLED_FIRST.lastIndex = match.index;
    const first = SPELLED_FIRST.exec(folded);
    const retry = first ? spelledTo(first) : undefined;
    return retry && 'to' in retry ? retry : verdict;
  });
  return [...addresses, ...spelled];
}
