import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { maskPii, removePii } from '../../src/domain/text/pii.js';

// Other values of each kind an attacker used to get contact details past the masker: the
// look-alike, the invisible split, the separator, the extension, the spelled-out address.
// Each generated form must come out as exactly one mask, with its surroundings untouched.

const INVISIBLES = [
  '\u200b', // zero-width space
  '\u200c', // zero-width non-joiner
  '\u200d', // zero-width joiner
  '\u00ad', // soft hyphen
  '\u2060', // word joiner
  '\ufeff', // zero-width no-break space
  '\u180e', // Mongolian vowel separator
  '\u034f', // combining grapheme joiner
  '\ufe0f', // variation selector 16
  '\u2061', // function application
  '\u{e0041}', // tag letter A
];
const AT_SIGNS = ['@', '\uff20', '\ufe6b'];
const DOTS = ['.', '\uff0e', '\u2024', '\u3002', '\uff61'];
const SEPARATORS = [
  '-',
  ' ',
  '.',
  '/',
  '_',
  ' - ',
  '\u2212', // minus sign
  '\u2796', // heavy minus sign
  '\u2010', // hyphen
  '\u2011', // non-breaking hyphen
  '\u2013', // en dash
  '\u2014', // em dash
  '\ufe63', // small hyphen-minus
  '\uff0d', // full-width hyphen-minus
  '\u00a0', // no-break space
  '\u3000', // ideographic space
];
const EXTENSIONS = ['x', ' x', ' x ', 'X', ' ext. ', ' ext ', ' ext.', ' Ext: ', ' extension ', ' #'];
const CONTEXTS = ['Write to', 'My contact:', 'reach me on', 'Ask for Ana,', ''];

/** Full-width form of an ASCII character (U+FF01..U+FF5E fold back under NFKC). */
const fullWidth = (char: string) =>
  char >= '!' && char <= '~' ? String.fromCodePoint((char.codePointAt(0) as number) + 0xfee0) : char;

/** Rewrites `text` one character at a time: `swap[i]` says whether character i takes its look-alike. */
function lookAlike(text: string, swap: readonly boolean[]): string {
  return [...text].map((char, i) => (swap[i % swap.length] ? fullWidth(char) : char)).join('');
}

/** Inserts invisible characters between characters (never at either end, so the mask's edges are exact). */
function withInvisibles(text: string, inserts: readonly [number, string][]): string {
  const chars = [...text];
  for (const [at, invisible] of inserts) {
    const position = 1 + (at % Math.max(1, chars.length - 1));
    chars.splice(position, 0, invisible);
  }
  return chars.join('');
}

const inserts = fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLES)), { maxLength: 6 });
const swaps = fc.array(fc.boolean(), { minLength: 1, maxLength: 16 });
const label = fc.stringMatching(/^[a-z0-9]{1,8}$/);
const tld = fc.stringMatching(/^[a-z]{2,6}$/);
const localPart = fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,10}$/);

/** NFKC with default-ignorable code points removed: what a reader of the output would see. */
const seen = (text: string) => text.normalize('NFKC').replace(/[\p{Default_Ignorable_Code_Point}\p{M}]/gu, '');

const email = fc
  .tuple(localPart, fc.constantFrom(...AT_SIGNS), fc.array(label, { minLength: 1, maxLength: 3 }), tld)
  .chain(([local, at, labels, top]) =>
    fc.constantFrom(...DOTS).map((dot) => ({
      plain: `${local}@${[...labels, top].join('.')}`,
      written: `${local}${at}${[...labels, top].join(dot)}`,
    })),
  );

// Digit groups that never read as a date or a year: one group has three digits.
const phoneDigits = fc
  .tuple(
    fc.array(fc.stringMatching(/^[0-9]{1,4}$/), { minLength: 1, maxLength: 3 }),
    fc.stringMatching(/^[0-9]{3}$/),
    fc.array(fc.stringMatching(/^[0-9]{2,4}$/), { minLength: 1, maxLength: 2 }),
  )
  .map(([before, three, after]) => [...before, three, ...after])
  .filter((groups) => groups.join('').length >= 7 && groups.join('').length <= 15);
const phone = fc
  .tuple(phoneDigits, fc.array(fc.constantFrom(...SEPARATORS), { minLength: 4, maxLength: 4 }), fc.boolean())
  .map(([groups, separators, plus]) => ({
    digits: groups.join(''),
    written: `${plus ? '+' : ''}${groups.map((group, i) => (i === 0 ? group : `${separators[i % 4]}${group}`)).join('')}`,
  }));
const extension = fc
  .tuple(fc.constantFrom(...EXTENSIONS), fc.stringMatching(/^[0-9]{1,5}$/))
  .map(([word, n]) => `${word}${n}`);

const SPELLED_AT = ['[at]', ' [at] ', '(at)', ' (at) ', ' at ', '{at}', '[@]', ' <at> '];
const SPELLED_DOT = ['[dot]', ' [dot] ', '(dot)', ' dot ', '[.]', ' (.) '];
const spelled = fc
  .tuple(
    localPart,
    fc.constantFrom(...SPELLED_AT),
    fc.array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 3 }),
    tld,
    fc.constantFrom(...SPELLED_DOT),
    fc.boolean(),
  )
  .map(([local, at, labels, top, dot, upper]) => {
    const text = `${local}${at}${[...labels, top].join(dot)}`;
    return upper ? text.toUpperCase() : text;
  });

describe('maskPii against generated evasions', () => {
  test.prop([email, swaps, inserts, fc.constantFrom(...CONTEXTS)])(
    'masks an e-mail address written with look-alikes and invisible splits',
    ({ plain, written }, swap, invisible, context) => {
      const text = `${context} ${withInvisibles(lookAlike(written, swap), invisible)} please`;
      const masked = maskPii(text);
      expect(masked).toBe(`${context} [email] please`);
      expect(seen(masked).toLowerCase()).not.toContain(plain);
    },
  );

  test.prop([phone, swaps, inserts, fc.constantFrom(...CONTEXTS)])(
    'masks a phone number with any separators, look-alikes and invisible splits',
    ({ digits, written }, swap, invisible, context) => {
      const text = `${context} ${withInvisibles(lookAlike(written, swap), invisible)} today`;
      const masked = maskPii(text);
      expect(masked).toBe(`${context} [phone] today`);
      // No run of 7 digits of the number survives, as a reader would see the output.
      const left = seen(masked).replace(/\D/gu, '');
      for (let i = 0; i + 7 <= digits.length; i++) expect(left).not.toContain(digits.slice(i, i + 7));
    },
  );

  test.prop([phone, extension, swaps, inserts])(
    'masks the extension with the number',
    ({ written }, ext, swap, invisible) => {
      const text = `call ${withInvisibles(lookAlike(`${written}${ext}`, swap), invisible)} today`;
      expect(maskPii(text)).toBe('call [phone] today');
    },
  );

  test.prop([spelled, inserts, fc.constantFrom(...CONTEXTS)])(
    'masks a spelled-out address',
    (address, invisible, context) => {
      const text = `${context} ${withInvisibles(address, invisible)} thanks`;
      expect(maskPii(text)).toBe(`${context} [email] thanks`);
    },
  );

  const anyForm = fc.oneof(
    email.map((e) => e.written),
    phone.map((p) => p.written),
    spelled,
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom(...INVISIBLES, ...SEPARATORS, ...AT_SIGNS, ...DOTS, '[at]', ' dot ', '"', '[', '@[', 'x', '12'),
  );
  test.prop([fc.array(fc.tuple(anyForm, swaps, inserts), { maxLength: 8 })])(
    'is idempotent and never throws on mixtures of every form',
    (parts) => {
      const text = parts.map(([part, swap, invisible]) => withInvisibles(lookAlike(part, swap), invisible)).join('');
      const once = maskPii(text);
      expect(maskPii(once)).toBe(once);
      expect(removePii(once)).toBe(removePii(text));
    },
  );
});
