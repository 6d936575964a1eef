import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { maskPii, removePii } from '../../src/domain/text/pii.js';
import {
  BLANKS,
  encodedEmail,
  ipHostEmail,
  lookAlikePhone,
  quotedEmail,
  separatedPhone,
  type WrittenEmail,
  wrappedEmail,
} from '../support/pii-evasions.js';

// The kinds a second attacker used (encoded characters, wrapped and foreign words for @ and dot,
// spaces around them, other quotation marks, numeric hosts, any punctuation between digits, digit
// look-alikes NFKC leaves alone, blank and private-use characters): every generated value must
// come out as exactly one mask, its surroundings untouched.

const CONTEXTS = ['Write to', 'My contact:', 'reach me on', 'Ask for Ana,', ''];

/** Inserts blank code points between characters (never at either end). */
function withBlanks(text: string, inserts: readonly [number, string][]): string {
  const chars = [...text];
  for (const [at, blank] of inserts) chars.splice(1 + (at % Math.max(1, chars.length - 1)), 0, blank);
  return chars.join('');
}
const blanks = fc.array(fc.tuple(fc.nat(), fc.constantFrom(...BLANKS)), { maxLength: 4 });

const masksEmail = (email: WrittenEmail, context: string) => {
  const masked = maskPii(`${context} ${email.written} please`);
  expect(masked).toBe(`${context} [email] please`);
};

describe('maskPii against generated evasions of a second kind', () => {
  test.prop([encodedEmail, fc.constantFrom(...CONTEXTS)])(
    'masks an address whose @ and dots are percent-encoded, character references or escapes',
    masksEmail,
  );

  test.prop([wrappedEmail, fc.constantFrom(...CONTEXTS)])(
    'masks a spelled-out address with any wrapping punctuation or symbols and foreign words',
    masksEmail,
  );

  test.prop([quotedEmail, fc.constantFrom(...CONTEXTS)])(
    'masks a quoted local part in any quotation marks',
    masksEmail,
  );

  test.prop([ipHostEmail, fc.constantFrom(...CONTEXTS)])('masks an address at any IPv4 form', masksEmail);

  // Not inside an encoded character: "&\u2800#64;" is no @ to a renderer either.
  test.prop([fc.oneof(wrappedEmail, quotedEmail), blanks, fc.constantFrom(...CONTEXTS)])(
    'masks an address split by blank, private-use or unassigned code points',
    (email, inserts, context) => {
      expect(maskPii(`${context} ${withBlanks(email.written, inserts)} please`)).toBe(`${context} [email] please`);
    },
  );

  test.prop([fc.oneof(separatedPhone, lookAlikePhone), blanks, fc.constantFrom(...CONTEXTS)])(
    'masks a phone number with any punctuation or symbols between digits, look-alike digits and blanks',
    (phone, inserts, context) => {
      expect(maskPii(`${context} ${withBlanks(phone.written, inserts)} today`)).toBe(`${context} [phone] today`);
    },
  );

  const anyForm = fc.oneof(
    encodedEmail.map((e) => e.written),
    wrappedEmail.map((e) => e.written),
    quotedEmail.map((e) => e.written),
    ipHostEmail.map((e) => e.written),
    separatedPhone.map((p) => p.written),
    lookAlikePhone.map((p) => p.written),
    fc.constantFrom(...BLANKS, '%40', '&#64;', '\\u0040', ' at ', '-at-', '(a)', ' dot ', ' . ', ', ', '「', '12'),
  );
  test.prop([fc.array(fc.tuple(anyForm, blanks), { maxLength: 8 })])(
    'is idempotent and never throws on mixtures of the new forms',
    (parts) => {
      const text = parts.map(([part, inserts]) => withBlanks(part, inserts)).join('');
      const once = maskPii(text);
      expect(maskPii(once)).toBe(once);
      expect(removePii(once)).toBe(removePii(text));
    },
  );
});
