import { fc } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { maskPii } from '../../src/domain/text/pii.js';
import { adversarialMessages, ordinaryMessage } from '../support/adversarial-text.js';

// maskPii runs on every turn (and on gaps, answers, comments, topics): its work must stay linear
// in the input whatever the input is. Each adversarial text of LIMIT characters may cost at most
// RATIO times an ordinary question of the same length, both measured here, median of REPEATS.
// A ratio, not a time: the machine may be busy, but it is busy for both sides alike.
const LIMIT = 4000;
const RATIO = 20;
const REPEATS = 7;
const CALLS = 5; // per measurement, so a measurement is well above the timer's resolution

const fill = (unit: string) => unit.repeat(Math.ceil(LIMIT / unit.length)).slice(0, LIMIT);

// Shapes aimed at each pattern: the fold (expansions, invisibles, marks), the e-mail patterns
// (@, dots, quotes, brackets, spelled-out separators) and the phone pattern (digits, separators,
// extensions).
const FLOODS: Record<string, string> = {
  'U+FDFA (18 characters under NFKC)': fill('\ufdfa'),
  '@ flood': fill('@'),
  'a@ flood': fill('a@'),
  'a@a. flood': fill('a@a.'),
  'full-width a＠ flood': fill('ａ＠'),
  '. flood': fill('.'),
  'a. flood': fill('a.'),
  'digits with separators': fill('1-'),
  'digits with spaces': fill('1 '),
  'six-digit groups': fill('1 2 3 4 5 6-.-.'),
  'digit run': fill('1'),
  extensions: fill('5551234567x'),
  invisibles: fill('\u200b'),
  'invisibles between letters and digits': fill('a\u200b1'),
  'soft hyphens between digits': fill('5\u00ad'),
  'marks on one letter': `a${fill('\u0301').slice(1)}`,
  keycaps: fill('5\ufe0f\u20e3'),
  quotes: fill('"'),
  'quotes and letters': fill('"a'),
  'IP literal openings': fill('a@['),
  'spelled-out chains': fill('a at a dot '),
  'bracketed at': fill('[at]'),
  'spelled labels': fill('a [at] b [dot] 1 '),
  'dot and at words': fill('dot at dot dot '),
  'CJK glued to digits': fill('電話は１２'),
  // The second round's forms: encodings, wrapped and foreign words, any separator, blanks.
  '%40 flood': fill('%40'),
  'a%40 flood': fill('a%40'),
  'encoded address chain': fill('a%40b%2E'),
  '&#64; flood': fill('&#64;'),
  'a&#64;a&#46; flood': fill('a&#64;a&#46;'),
  'named references': fill('a&commat;b&period;'),
  'unfinished references': fill('&#'),
  'backslash escapes': fill('a\\u0040b\\x2e'),
  backslashes: fill('\\'),
  'percent signs': fill('%'),
  'encoded zero-width spaces': fill('%E2%80%8B'),
  'at flood': fill('a at '),
  'wrapped at flood': fill('a /at/ '),
  'hyphenated at and dot': fill('a-at-a-dot-'),
  'blank-split words': fill('a\u2800at\u2800d\u2800ot\u2800'),
  '(a) flood': fill('(a)'),
  'foreign words': fill('x arroba y punto '),
  'comma separators': fill('1,'),
  'symbol separators': fill('1「•'),
  'three separators a gap': fill('1/*~'),
  'Braille blanks': fill('\u2800'),
  'private use between digits': fill('5\ue000'),
  'dingbat digits': fill('❺❶➊⓵'),
  'times and thousands': fill('10:30 1,234,567 '),
  // The third round's forms: spaced separator runs, emoji clusters, letters as dashes, look-alike
  // and spaced at/dot words, more escape notations, extension words, padded references.
  'spaced separator runs': fill('1 -- '),
  'alternating blanks': fill(' \u2800'),
  'digits among alternating blanks': fill('1 \u2800 \u2800-'),
  'ZWJ sequences': fill('👨\u200d👩\u200d👧\u200d👦'),
  'ZWJ sequences between digits': fill('5👨\u200d👩\u200d'),
  'regional indicators': fill('🇺'),
  'skin tones': fill('1🏽'),
  'letter-like separators': fill('5ー'),
  'letter-like runs': fill('ーー5 '),
  'modifier letters': fill('5ʼˍ'),
  'spaced at words': fill('a t '),
  'spaced at and dot words': fill('a t x d o t '),
  'look-alike words': fill('x аt y dоt '),
  'small capitals': fill('ᴀᴛ ᴅᴏᴛ '),
  '%u flood': fill('a%u0040'),
  'U+ flood': fill('aU+0040'),
  '\\x{} flood': fill('a\\x{40}'),
  '\\U flood': fill('a\\U0040'),
  'extension words': fill('5551234567 poste 1 '),
  'padded references': fill('&#0000060;'),
};

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function cost(texts: readonly string[]): number {
  const started = performance.now();
  for (let k = 0; k < CALLS; k++) for (const text of texts) maskPii(text);
  return (performance.now() - started) / texts.length;
}

describe('maskPii does bounded work', () => {
  const generated = Object.entries(adversarialMessages(LIMIT)).flatMap(([kind, arbitrary]) =>
    fc.sample(arbitrary, { numRuns: 3, seed: 16 }).map((text, i) => [`${kind} #${i + 1}`, text] as const),
  );
  const cases = [...Object.entries(FLOODS), ...generated];

  it('costs at most 20 times an ordinary question of the same length on any adversarial input', () => {
    let variant = 0;
    const ordinary = () => Array.from({ length: 4 }, () => ordinaryMessage(LIMIT, variant++));
    cost(ordinary()); // warm up: compiled patterns, the fold's cache
    const ratios: [string, number][] = [];
    for (const [name, text] of cases) {
      expect([...text].length).toBeLessThanOrEqual(LIMIT);
      const baseline: number[] = [];
      const adversarial: number[] = [];
      for (let r = 0; r < REPEATS; r++) {
        baseline.push(cost(ordinary()));
        adversarial.push(cost([text]));
      }
      ratios.push([name, median(adversarial) / median(baseline)]);
    }
    const over = ratios.filter(([, ratio]) => ratio >= RATIO);
    expect(over, `ratios: ${ratios.map(([name, ratio]) => `${name} ${ratio.toFixed(1)}`).join(', ')}`).toEqual([]);
  }, 120_000);
});
