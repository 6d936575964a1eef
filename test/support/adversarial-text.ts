import { fc } from '@fast-check/vitest';

/**
 * Messages built to make text routines work hard, each as long as the message limit allows
 * once normalised (NFKC): compatibility expansions, combining-mark floods, unbroken runs of
 * one character or script, mixed scripts, and shapes that tempt the PII patterns.
 */

function codePointsWhere(test: (char: string) => boolean, max = 0x2ffff): string[] {
  const found: string[] = [];
  for (let cp = 0x20; cp <= max; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const char = String.fromCodePoint(cp);
    if (test(char)) found.push(char);
  }
  return found;
}

const nfkcLength = (text: string) => [...text.normalize('NFKC')].length;

/** Every character NFKC turns into three or more (U+FDFA into 18). */
export const EXPANDING = codePointsWhere((char) => nfkcLength(char) >= 3);
/** Every combining mark of the BMP. */
export const MARKS = codePointsWhere((char) => /\p{M}/u.test(char), 0xffff);
const SCRIPTS = ['a-z', 'а-я', '一-龥', 'ا-ي', 'ก-ฮ', 'अ-ह', 'ぁ-ゖ', 'ア-ヺ', '가-힣', 'α-ω', 'א-ת', '0-9'];
const LETTERS = SCRIPTS.flatMap((range) => {
  const [from, to] = [range.codePointAt(0) as number, range.codePointAt(2) as number];
  return Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
});

/** Repeats units from `unit` until one more would take the text past `limit` code points after NFKC. */
function filled(unit: fc.Arbitrary<string>, limit: number): fc.Arbitrary<string> {
  return fc.array(unit, { minLength: 64, maxLength: 64 }).map((units) => {
    let text = '';
    let length = 0;
    for (let i = 0; ; i++) {
      const next = units[i % units.length] as string;
      const cost = Math.max(nfkcLength(next), [...next].length);
      if (length + cost > limit) return text;
      text += next;
      length += cost;
    }
  });
}

export function adversarialMessages(limit: number) {
  return {
    'compatibility expansions': filled(fc.constantFrom(...EXPANDING), limit),
    'combining-mark floods': filled(
      fc
        .tuple(fc.constantFrom(...LETTERS), fc.array(fc.constantFrom(...MARKS), { maxLength: 40 }))
        .map(([base, marks]) => base + marks.join('')),
      limit,
    ),
    'unbroken runs': fc
      .constantFrom(...LETTERS, ...EXPANDING.slice(0, 50), '😀', '👩‍👩‍👧‍👦', '.', '@', '-', '_', '1', "'", '#', '<')
      .chain((unit) => filled(fc.constant(unit), limit)),
    'mixed scripts': filled(
      fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...LETTERS) }, fc.constantFrom(' ', '.', '\n', '\u200b')),
      limit,
    ),
    'contact-shaped runs': filled(
      fc.constantFrom('a@', 'a.', '1 ', '1-', '+1', 'a@b.', '@.', '(1)', 'x.y@', '1.1'),
      limit,
    ),
  } satisfies Record<string, fc.Arbitrary<string>>;
}

// Everyday words of questions to a twin: varied, as real questions are, so no cache sees the same text twice.
const ORDINARY_WORDS = (
  'where are you based what do your work for a living which projects proud of how long have been ' +
  'engineer team company role before that did study university favourite tools languages use most ' +
  'recent talk give conference writing blog open source contribute hiring now remote office city ' +
  'weekend hobbies music books read recommend advice junior developers learn first job start career ' +
  'biggest challenge solved system design scale users data pipeline cloud platform lead manage people'
).split(' ');

/**
 * An ordinary question of `limit` characters: the baseline every ratio is taken against. Each
 * `variant` gives different text, so a baseline never runs on what a cache already holds.
 */
export function ordinaryMessage(limit: number, variant = 0): string {
  let state = variant * 2654435761 + 1;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  let text = '';
  while (text.length < limit) {
    const sentence = Array.from({ length: 6 + Math.floor(next() * 8) }, () => {
      return ORDINARY_WORDS[Math.floor(next() * ORDINARY_WORDS.length)] as string;
    }).join(' ');
    text += `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}? `;
  }
  return text.slice(0, limit).trim();
}
