import { fc } from '@fast-check/vitest';

// Generators of contact details written to get past a masker, one per kind of evasion the
// attackers used (docs/security.md, "Contact details: what is masked"). Each yields the text as
// written and what must not survive masking: the local part, the domain's labels, the digits.

export interface WrittenEmail {
  readonly written: string;
  readonly local: string;
  readonly labels: readonly string[];
}

export interface WrittenPhone {
  readonly written: string;
  readonly digits: string;
}

// Distinctive parts ("zq..."), so a test can tell them from the words around them.
export const localPart = fc.stringMatching(/^zq[a-z0-9]{2,8}$/);
export const label = fc.stringMatching(/^zx[a-z0-9]{2,6}$/);
export const tld = fc.stringMatching(/^[a-z]{2,6}$/);

const hex = (cp: number, width: number) => cp.toString(16).padStart(width, '0');
const utf8Percent = (char: string) =>
  [...new TextEncoder().encode(char)].map((byte) => `%${hex(byte, 2).toUpperCase()}`).join('');

/** Ways to write one character encoded: percent, character references, backslash escapes. */
export const ENCODINGS: readonly ((char: string) => string)[] = [
  (c) => utf8Percent(c),
  (c) => utf8Percent(c).toLowerCase(),
  (c) => `&#${c.codePointAt(0)};`,
  (c) => `&#00${c.codePointAt(0)};`,
  (c) => `&#x${hex(c.codePointAt(0) as number, 2)};`,
  (c) => `&#X${hex(c.codePointAt(0) as number, 4).toUpperCase()};`,
  (c) => ({ '@': '&commat;', '.': '&period;' })[c] ?? c,
  (c) => `\\u${hex(c.codePointAt(0) as number, 4)}`,
  (c) => `\\u{${hex(c.codePointAt(0) as number, 1)}}`,
  (c) => `\\x${hex(c.codePointAt(0) as number, 2)}`,
  (c) => `\\${(c.codePointAt(0) as number).toString(8).padStart(3, '0')}`,
  (c) => `\\${c}`,
  // JavaScript's escape(), Perl's braces, four-digit \U, the U+ notation (the third attacker's).
  (c) => `%u${hex(c.codePointAt(0) as number, 4).toUpperCase()}`,
  (c) => `\\x{${hex(c.codePointAt(0) as number, 2)}}`,
  (c) => `\\U${hex(c.codePointAt(0) as number, 4)}`,
  (c) => `U+${hex(c.codePointAt(0) as number, 4).toUpperCase()}`,
  // The full-width form, encoded: decoding then folding gives the character.
  (c) => utf8Percent(String.fromCodePoint((c.codePointAt(0) as number) + 0xfee0)),
  (c) => `&#${(c.codePointAt(0) as number) + 0xfee0};`,
];
const encoding = fc.nat(ENCODINGS.length - 1).map((i) => ENCODINGS[i] as (char: string) => string);

/** An address whose @ and dots are each encoded in a random way. */
export const encodedEmail: fc.Arbitrary<WrittenEmail> = fc
  .tuple(
    localPart,
    fc.array(label, { minLength: 1, maxLength: 3 }),
    tld,
    fc.array(encoding, { minLength: 4, maxLength: 4 }),
  )
  .map(([local, labels, top, encode]) => {
    const dots = [...labels, top].map((part, i) => (i === 0 ? part : `${encode[i % 4]?.('.')}${part}`)).join('');
    return { written: `${local}${encode[0]?.('@')}${dots}`, local, labels };
  });

// Punctuation and symbols of many blocks; % & and \ start encodings and are generated there.
export const PUNCTUATION_AND_SYMBOLS = [
  ...'/-_*~=+|#$^!?:;,\'"()[]{}<>`',
  ...'【】«»‹›「」『』〔〕〈〉《》⟨⟩•·°§¶†‡★☆♥♦✉→←⇒※¤©®¡¿¦¬±×÷…‰′″‐‒–—―⁄∕∙∗∼～｜＊＋，；：！？',
].filter((char) => {
  const folded = char.normalize('NFKC');
  return !/[\p{L}\p{N}@]/u.test(folded);
});
/** 1 to 3 random punctuation or symbol characters. */
export const wrapper = fc
  .array(fc.constantFrom(...PUNCTUATION_AND_SYMBOLS), { minLength: 1, maxLength: 3 })
  .map((chars) => chars.join(''));

export const AT_WORDS = [
  'at',
  'AT',
  'at sign',
  'arroba',
  'chez',
  'klammeraffe',
  'chiocciola',
  'snabel-a',
  'собака',
  'małpa',
];
export const DOT_WORDS = ['dot', 'DOT', 'd0t', 'punkt', 'punto', 'point', 'period', 'ponto', 'точка', 'kropka'];

const spaced = (text: string) =>
  fc.tuple(fc.boolean(), fc.boolean()).map(([before, after]) => `${before ? ' ' : ''}${text}${after ? ' ' : ''}`);
const wrappedWord = (words: readonly string[]) =>
  fc
    .tuple(wrapper, fc.constantFrom(...words), wrapper)
    .chain(([left, word, right]) => spaced(`${left}${word}${right}`));

/** john /at/ example -dot- com, john «arroba» example *punto* com: random wrappers, words and spaces. */
export const wrappedEmail: fc.Arbitrary<WrittenEmail> = fc
  .tuple(
    localPart,
    wrappedWord(AT_WORDS),
    fc.array(label, { minLength: 1, maxLength: 3 }),
    tld,
    fc.array(fc.oneof(wrappedWord(DOT_WORDS), fc.constantFrom(' dot ', ' . ', ' punkt ')), {
      minLength: 3,
      maxLength: 3,
    }),
  )
  .map(([local, at, labels, top, dots]) => ({
    written: `${local}${at}${[...labels, top].map((part, i) => (i === 0 ? part : `${dots[i % 3]}${part}`)).join('')}`,
    local,
    labels,
  }));

const QUOTES: readonly [string, string][] = [
  ['«', '»'],
  ['「', '」'],
  ['『', '』'],
  ['‹', '›'],
  ['„', '“'],
  ['“', '”'],
  ['〝', '〞'],
  ['＂', '＂'],
];
/** «john doe»@example.com and other quotation marks around a quoted local part. */
export const quotedEmail: fc.Arbitrary<WrittenEmail> = fc
  .tuple(localPart, localPart, fc.constantFrom(...QUOTES), fc.array(label, { minLength: 1, maxLength: 2 }), tld)
  .map(([first, last, [open, close], labels, top]) => ({
    written: `${open}${first} ${last}${close}@${[...labels, top].join('.')}`,
    local: first,
    labels,
  }));

/** An IPv4 host in any form `inet_aton` reads: dotted quad, short forms, one integer, hexadecimal. */
export const ipHostEmail: fc.Arbitrary<WrittenEmail> = fc
  .tuple(
    localPart,
    fc.integer({ min: 100, max: 254 }),
    fc.nat(255),
    fc.nat(255),
    fc.integer({ min: 1, max: 254 }),
    fc.nat(4),
  )
  .map(([local, a, b, c, d, form]) => {
    const whole = ((a * 256 + b) * 256 + c) * 256 + d;
    const host = [
      `${a}.${b}.${c}.${d}`,
      `${a}.${(b * 256 + c) * 256 + d}`,
      `${a}.${b}.${c * 256 + d}`,
      String(whole),
      `0x${whole.toString(16)}`,
    ][form] as string;
    return { written: `${local}@${host}`, local, labels: [] };
  });

// Digit groups that never read as a date, a time, a year or a thousands-grouped number.
export const phoneGroups = fc
  .tuple(
    fc.array(fc.stringMatching(/^[0-9]{1,4}$/), { minLength: 1, maxLength: 3 }),
    fc.stringMatching(/^[0-9]{3}$/),
    fc.stringMatching(/^[0-9]{4}$/),
  )
  .map(([before, three, four]) => [...before, three, four])
  .filter((groups) => groups.join('').length >= 7 && groups.join('').length <= 15);

/** A phone number whose gaps are 1 to 3 random punctuation, symbol or space characters. */
export const separatedPhone: fc.Arbitrary<WrittenPhone> = fc
  .tuple(phoneGroups, fc.array(fc.tuple(wrapper, fc.boolean()), { minLength: 6, maxLength: 6 }))
  .map(([groups, gaps]) => ({
    digits: groups.join(''),
    written: groups
      .map((group, i) => {
        if (i === 0) return group;
        const [separator, space] = gaps[i % 6] as [string, boolean];
        return `${space ? [...separator].slice(0, 2).join('') + ' ' : separator}${group}`;
      })
      .join(''),
  }));

// Digits NFKC leaves alone: dingbat (❶ ➀ ➊) and double-circled (⓵) 1 to 9; ⓿ and 🄋 for 0.
const LOOK_ALIKE_DIGITS: readonly (readonly string[])[] = [
  [...'⓿🄋🄌'],
  ...Array.from({ length: 9 }, (_, i) =>
    [0x2776, 0x2780, 0x278a, 0x24f5].map((first) => String.fromCodePoint(first + i)),
  ),
];
/** A phone number with each digit swapped (or not) for a look-alike NFKC does not map. */
export const lookAlikePhone: fc.Arbitrary<WrittenPhone> = fc
  .tuple(fc.stringMatching(/^[0-9]{7,12}$/), fc.array(fc.nat(3), { minLength: 12, maxLength: 12 }))
  .filter(([digits]) => !/^(?:18|19|20)\d\d$/.test(digits))
  .map(([digits, picks]) => ({
    digits,
    written: [...digits]
      .map((d, i) => {
        const choices = LOOK_ALIKE_DIGITS[Number(d)] as readonly string[];
        const pick = picks[i] as number;
        return pick === 3 ? d : (choices[pick % choices.length] as string);
      })
      .join(''),
  }));

/** Code points that show as a blank or as nothing: Braille blank, private use, unassigned, tags. */
export const BLANKS = [
  '\u2800',
  '\ue000',
  '\uf8ff',
  '\u{f0000}',
  '\u{10fffd}',
  '\u0378',
  '\u{e0020}',
  '\u{e007f}',
  '\u3164',
];
