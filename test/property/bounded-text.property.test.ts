import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { HashingEmbedder } from '../../src/adapters/memory/hashing-embedder.js';
import { retrieve } from '../../src/domain/grounding/hybrid-retrieval.js';
import { PersonaIndex } from '../../src/domain/grounding/persona-index.js';
import { boundedChunks } from '../../src/domain/text/bounded-chunks.js';
import { boundedSegments, SEGMENT_CHUNK } from '../../src/domain/text/bounded-segments.js';
import { words } from '../../src/domain/text/text.js';
import { adversarialMessages } from '../support/adversarial-text.js';
import { testPersona } from '../support/personas.js';

const ADVERSARIAL = adversarialMessages(4000);

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

describe('what the embedding model reads of a question', () => {
  // The model's cost grows with the text it reads (and more for words it has not seen), so
  // a question's share is bounded in characters whatever it holds.
  test.prop([fc.oneof(anyText, longRun), fc.constantFrom(...Object.keys(ADVERSARIAL))], { numRuns: 40 })(
    'is at most 400 characters per text, for any question',
    async (text, kind) => {
      const texts: string[] = [];
      const embedder = new HashingEmbedder();
      const recording = {
        name: embedder.name,
        dimension: embedder.dimension,
        embed: (batch: readonly string[]) => {
          texts.push(...batch);
          return embedder.embed(batch);
        },
      };
      const sample = fc.sample(ADVERSARIAL[kind as keyof typeof ADVERSARIAL], { numRuns: 1 })[0] ?? '';
      const persona = testPersona();
      const index = new PersonaIndex();
      await index.vectorsFor(persona, recording); // the persona's passages, embedded once per version
      texts.length = 0;
      for (const question of [text, sample]) await retrieve(persona, index, question, recording);
      const questionTexts = texts;
      for (const embedded of questionTexts) expect([...embedded].length).toBeLessThanOrEqual(400);
    },
  );

  // The offline twin also compares the question's terms with the words of its best candidates
  // (docs/adr/0402): each a single word of at most 40 characters, a bounded number per question.
  test.prop([fc.oneof(anyText, longRun), fc.constantFrom(...Object.keys(ADVERSARIAL))], { numRuns: 40 })(
    'reads a bounded number of short words per question when it measures word-level similarity',
    async (text, kind) => {
      const texts: string[] = [];
      const embedder = new HashingEmbedder();
      const recording = {
        name: embedder.name,
        dimension: embedder.dimension,
        embed: (batch: readonly string[]) => {
          texts.push(...batch);
          return embedder.embed(batch);
        },
      };
      const sample = fc.sample(ADVERSARIAL[kind as keyof typeof ADVERSARIAL], { numRuns: 1 })[0] ?? '';
      const persona = testPersona();
      const index = new PersonaIndex();
      await index.vectorsFor(persona, recording);
      for (const question of [text, sample]) {
        texts.length = 0;
        await retrieve(persona, index, question, recording, { termSimilarities: true });
        // The question and its focus, then at most 40 question terms and 40 words of each of 10 candidates.
        expect(texts.length).toBeLessThanOrEqual(2 + 40 + 10 * 40);
        for (const embedded of texts.slice(2)) expect([...embedded].length).toBeLessThanOrEqual(40);
        for (const embedded of texts) expect([...embedded].length).toBeLessThanOrEqual(400);
      }
    },
  );
});
