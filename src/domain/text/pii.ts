// Emails: the common shape, not the full RFC; enough to keep addresses out of logs and topics.
// The full-width @ counts: East Asian keyboards type it. The lookbehind starts a match only where
// a run of address characters starts: without it a long run with no @ costs quadratic time.
const EMAIL =
  /(?<![\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-])[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]+[@＠][\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// Phone numbers: an optional +, then 7 to 15 digits (any script's, full-width too) with the usual
// separators between them. Any dash counts (models write U+2011 and en dashes in numbers), and a
// spaced dash (" - ") too. Only Latin letters next to the digits make them an id rather than a
// number: Chinese and Japanese put no space between words and numbers. An opening parenthesis
// before the first digit ("(555) 123-4567") is part of the number.
const PHONE =
  /(?<![\p{Script=Latin}\p{N}])[+＋]?[(（]?\p{Nd}(?:[\s\p{Pd}().．（）]{0,3}\p{Nd}){6,14}(?![\p{Script=Latin}\p{N}])/gu;

export const EMAIL_MASK = '[email]';
export const PHONE_MASK = '[phone]';

/** Replaces email addresses and phone numbers; everything else is kept as is. */
export function maskPii(text: string): string {
  return text.replace(EMAIL, EMAIL_MASK).replace(PHONE, (match) => {
    // Years and short ranges ("2019-2024") look like digit runs; a phone has at least 7 digits.
    const digits = match.replace(/\P{Nd}/gu, '');
    return digits.length >= 7 && !/^(19|20)\d\d[\s\p{Pd}]+(19|20)\d\d$/u.test(match.trim()) ? PHONE_MASK : match;
  });
}

export function containsPii(text: string): boolean {
  return maskPii(text) !== text;
}

/** Removes email addresses and phone numbers entirely, for text that must not even hint at them (topics). */
export function removePii(text: string): string {
  return maskPii(text).replaceAll(EMAIL_MASK, ' ').replaceAll(PHONE_MASK, ' ');
}
