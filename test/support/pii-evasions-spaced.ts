import { fc } from '@fast-check/vitest';
import {
  label,
  localPart,
  PUNCTUATION_AND_SYMBOLS,
  phoneGroups,
  tld,
  type WrittenEmail,
  type WrittenPhone,
} from './pii-evasions.js';

// Generators of the third round's kinds (docs/security.md, "Contact details: what is masked"):
// separator runs with blanks and multi-code-point emoji between digit groups, letters used as
// dashes, look-alike letters and spaces inside spelled-out "at" and "dot". Kept apart from
// pii-evasions.ts only for its length.

/** Characters that show as a blank: they never count as separators. */
export const SPACES = [' ', '  ', '\u00a0', '\u2003', '\u3000', '\u202f', '\u2800', ' \u2800 '];
/** One visible symbol each, of one or several code points (ZWJ sequences, flags, skin tones, variation selectors). */
export const CLUSTERS = [
  '👨\u200d👩\u200d👧\u200d👦',
  '🏳\ufe0f\u200d🌈',
  '🇺🇸',
  '🇯🇵',
  '👍🏽',
  '🧑🏿\u200d💻',
  '❤\ufe0f\u200d🔥',
  '☎\ufe0f',
  '🙂',
  '★',
  '𝄞',
];
const separatorUnit = fc.oneof(fc.constantFrom(...PUNCTUATION_AND_SYMBOLS), fc.constantFrom(...CLUSTERS));
const blank = fc.option(fc.constantFrom(...SPACES), { nil: '' });
/** 1 to 3 separators, each a character or a cluster, with random blanks before, between and after. */
const spacedGap = fc
  .array(fc.tuple(blank, separatorUnit), { minLength: 1, maxLength: 3 })
  .chain((units) => blank.map((after) => units.map(([before, unit]) => before + unit).join('') + after));

/** "555 -- 123 ★★ 4567", "555 👨‍👩‍👧‍👦 123": spaced runs of up to three separators. */
export const spacedSeparatorPhone: fc.Arbitrary<WrittenPhone> = fc
  .tuple(phoneGroups, fc.array(spacedGap, { minLength: 6, maxLength: 6 }))
  .map(([groups, gaps]) => ({
    digits: groups.join(''),
    written: groups.map((group, i) => (i === 0 ? group : `${gaps[i % 6]}${group}`)).join(''),
  }));

/** Letters by category that are written as dashes, dots or bars between digits. */
export const LETTER_SEPARATORS = [...'ーｰ一ㅡᅳʼǀꓸꓹˍـː丨ㆍ'];
/** "090ー1234ー5678", "555ʼ123ʼ4567", also with one space around the letter. */
export const letterSeparatorPhone: fc.Arbitrary<WrittenPhone> = fc
  .tuple(
    phoneGroups,
    fc.array(fc.tuple(fc.constantFrom(...LETTER_SEPARATORS), fc.nat(3)), { minLength: 6, maxLength: 6 }),
  )
  .map(([groups, gaps]) => ({
    digits: groups.join(''),
    written: groups
      .map((group, i) => {
        if (i === 0) return group;
        const [separator, spacing] = gaps[i % 6] as [string, number];
        return `${spacing & 1 ? ' ' : ''}${separator}${spacing & 2 ? ' ' : ''}${group}`;
      })
      .join(''),
  }));

// Look-alikes of the letters of "at" and "dot" that NFKC leaves alone (Cyrillic, Greek, small capitals).
const LOOK_ALIKES: Readonly<Record<string, readonly string[]>> = {
  a: ['а', 'ɑ', 'α', 'ᴀ', 'А'],
  t: ['т', 'τ', 'ᴛ', 'Т'],
  d: ['ԁ', 'ᴅ'],
  o: ['о', 'ο', 'ᴏ', 'О', 'Ο'],
};
const withLookAlikes = (word: string) =>
  fc.array(fc.nat(5), { minLength: word.length, maxLength: word.length }).map((picks) =>
    [...word]
      .map((char, i) => {
        const choices = LOOK_ALIKES[char] ?? [];
        const pick = picks[i] as number;
        return pick < choices.length ? (choices[pick] as string) : char;
      })
      .join(''),
  );
const withSpaces = (word: string) =>
  fc
    .array(fc.constantFrom('', ' ', '\u00a0', '\u2800'), { minLength: word.length - 1, maxLength: word.length - 1 })
    .map((spaces) => [...word].map((char, i) => (i === 0 ? char : `${spaces[i - 1]}${char}`)).join(''));
const WRAPS: readonly [string, string][] = [
  [' ', ' '],
  [' [', '] '],
  [' (', ') '],
  [' /', '/ '],
  ['-', '-'],
  [' «', '» '],
];

/**
 * "jоhn аt example dοt com" with look-alike letters, and "john a t example d o t com" with
 * spaces (or NBSP, Braille blanks) inside both words: both the @ and the dots are spelled out.
 */
export const lookAlikeSpelledEmail: fc.Arbitrary<WrittenEmail> = fc
  .tuple(
    localPart,
    fc.array(label, { minLength: 1, maxLength: 2 }),
    tld,
    fc.boolean(),
    fc.constantFrom(...WRAPS),
    fc.constantFrom(...WRAPS),
  )
  .chain(([local, labels, top, spaced, atWrap, dotWrap]) => {
    const word = (text: string) => (spaced ? withSpaces(text) : withLookAlikes(text));
    return fc.tuple(word('at'), fc.array(word('dot'), { minLength: 3, maxLength: 3 })).map(([at, dots]) => ({
      written: `${local}${atWrap[0]}${at}${atWrap[1]}${[...labels, top]
        .map((part, i) => (i === 0 ? part : `${dotWrap[0]}${dots[i % 3]}${dotWrap[1]}${part}`))
        .join('')}`,
      local,
      labels,
    }));
  });

/** A host name without a scheme, as a visitor pastes a link: "zxhost.example/path", "//sub.zxhost.example". */
export const bareHost = fc
  .tuple(
    fc.array(label, { minLength: 1, maxLength: 3 }),
    tld.filter(
      (top) => !['js', 'ts', 'py', 'rb', 'rs', 'go', 'md', 'sh', 'kt', 'cs', 'pdf', 'csv', 'txt'].includes(top),
    ),
    fc.constantFrom('', '//', 'https://', 'ftp://'),
    fc.constantFrom('', '/', '/path', ':8080/x?y=1', '/a/b.html'),
  )
  .map(([labels, top, scheme, path]) => ({ written: `${scheme}${labels.join('.')}.${top}${path}`, labels }));
