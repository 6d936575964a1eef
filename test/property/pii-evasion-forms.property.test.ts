import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
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

  // A blank before or after each wrapper of a spelled word: a blank and a space before a dot-like
  // wrapper once read as a wrapper and the dot, leaving the last label (seeded counterexample first).
  it.each([
    'z\u2800\u2800qaaaa0000 /собака//zx0000a0///dot//zxaa0 dot zx0a0\u2800 ∙//точка///aaaaa',
    'zqab12 /at/ zxcd dot zxef0\u2800 ·/dot//com',
    'zqab12 /at/ zxcd dot zxef0 \u2800·/dot//com',
    'zqab12 /at/ zxcd dot zxef0 ·/\u2800dot//com',
    'zqab12 /at/ zxcd dot zxef0 ·/dot\u2800//com',
    'zqab12 /at/ zxcd dot zxef0 ·/dot//\u2800 com',
    'zqab12 /at/ zxcd dot zxef0 ·/dot// \u2800com',
    'zqab12 /at/ zxcd dot zxef0- …/точка» com',
    'zqab12\u2800 ∙/собака/ zxcd dot com',
    'zqab12 ∙/собака/\u2800 zxcd dot com',
    'zqab12 /at/ zxcd\ue000 ∙∙dot∙∙ zxef0 dot com',
    'zqab12 /at/ zxcd-.\u2800//zxef0 dot com',
    'zqab12 /at/ zxcd-.-/ zxef0 dot com',
  ])('masks %j as one address', (written) => {
    expect(maskPii(`Write to ${written} please`)).toBe('Write to [email] please');
  });

  // Found with FC_SEED=2 and 6 by the mixtures below: a mask read as a label on a second pass.
  it.each(['-\u2800at-[email] dot [phone]', 'zq00%\u280040zx0a%2Eaa-at-[phone] dot [email]'])(
    'keeps masks in %j as they are',
    (text) => {
      expect(maskPii(text)).toBe(text);
    },
  );

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
