import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { boundedChunks } from '../../src/domain/text/bounded-chunks.js';
import { boundedSegments, SEGMENT_CHUNK } from '../../src/domain/text/bounded-segments.js';
import { words } from '../../src/domain/text/text.js';

// Text of every kind the turn sees: spaced and unspaced scripts, combining-mark floods, astral characters.
const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.toWellFormed()),
  fc.constantFrom(
    ' ',
    '\n',
    '\u3000',
    '\u00a0',
    'e\u0301\u0301\u0301',
    '你在哪里工作',
    'สวัสดีครับ',
    '👩‍👩‍👧‍👦',
    '\ufdfa',
  ),
);
const anyText = fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join(''));
const runs = fc.oneof(
  fc.constantFrom('a', '\u0301', '你', '😀', '1', '.', 'ก'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }),
);
const longRun = fc.tuple(runs, fc.integer({ min: 1, max: 3000 })).map(([unit, n]) => unit.repeat(n));

function isWhite(char: string): boolean {
  return /\s/u.test(char);
}

describe('boundedChunks', () => {
  test.prop([fc.oneof(anyText, longRun), fc.integer({ min: 2, max: 300 }), fc.integer({ min: 0, max: 600 })])(
    'cuts any text into pieces that rebuild it, none longer than the bounds, no surrogate pair split',
    (text, maxRun, extra) => {
      const maxChunk = maxRun + extra;
      const chunks = [...boundedChunks(text, maxChunk, maxRun)];
      expect(chunks.join('')).toBe(text);
      for (const chunk of chunks) {
        expect(chunk.length).toBeGreaterThan(0);
        expect(chunk.length).toBeLessThanOrEqual(maxChunk);
        expect(chunk.isWellFormed()).toBe(true);
        for (const run of chunk.split(/\s+/u)) expect(run.length).toBeLessThanOrEqual(maxRun);
      }
    },
  );

  test.prop([fc.array(fc.stringMatching(/^[a-z]{1,12}$/), { minLength: 1, maxLength: 400 })])(
    'cuts spaced text only before white space that follows a word',
    (list) => {
      const text = list.join(' ');
      const chunks = [...boundedChunks(text, 64, 32)];
      for (const chunk of chunks.slice(1)) expect(isWhite(chunk[0] as string)).toBe(true);
    },
  );
});

describe('boundedSegments', () => {
  test.prop([anyText])('finds the words Intl.Segmenter finds when no run exceeds half a chunk', (text) => {
    const spaced = text.replace(/\S{200,}/gu, (run) => run.replace(/(.{100})/gu, '$1 '));
    const direct = [...new Intl.Segmenter('und', { granularity: 'word' }).segment(spaced)];
    const bounded = [...boundedSegments(spaced)];
    expect(bounded.map((s) => [s.segment, s.index, s.isWordLike])).toEqual(
      direct.map((s) => [s.segment, s.index, s.isWordLike]),
    );
  });

  it('indexes segments into the whole text', () => {
    const text = 'word '.repeat(SEGMENT_CHUNK);
    for (const segment of boundedSegments(text))
      expect(text.slice(segment.index).startsWith(segment.segment)).toBe(true);
  });

  it('keeps the words of a long ordinary message', () => {
    const text = 'Where are you based and what do you do? '.repeat(100);
    expect(words(text)).toHaveLength(900);
  });
});
