// Emails: the common shape, not the full RFC; enough to keep addresses out of logs and topics.
// Every part is bounded as RFC 5321 bounds it (local part 64, label 63): an unbounded `+`
// before the "@" makes the search quadratic on a long run of letters.
const EMAIL =
  /[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,30}\.\p{L}{2,63}/gu;
// Phone numbers: an optional +, then 7 to 15 digits with the usual separators between them.
const PHONE = /(?<![\p{L}\p{N}])\+?\d(?:[\s().-]{0,2}\d){6,14}(?![\p{L}\p{N}])/gu;

export const EMAIL_MASK = '[email]';
export const PHONE_MASK = '[phone]';

/** Replaces email addresses and phone numbers; everything else is kept as is. */
export function maskPii(text: string): string {
  return text.replace(EMAIL, EMAIL_MASK).replace(PHONE, (match) => {
    // Years and short ranges ("2019-2024") look like digit runs; a phone has at least 7 digits.
    const digits = match.replace(/\D/g, '');
    return digits.length >= 7 && !/^(19|20)\d\d[\s-]+(19|20)\d\d$/.test(match.trim()) ? PHONE_MASK : match;
  });
}

export function containsPii(text: string): boolean {
  return maskPii(text) !== text;
}

/** Removes email addresses and phone numbers entirely, for text that must not even hint at them (topics). */
export function removePii(text: string): string {
  return maskPii(text).replaceAll(EMAIL_MASK, ' ').replaceAll(PHONE_MASK, ' ');
}
