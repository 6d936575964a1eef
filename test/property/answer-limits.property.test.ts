import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { countTokens } from '../../src/adapters/openai/token-counter.js';
import { AnswerCutter, type AnswerLimits, checkAnswerLimits } from '../../src/domain/chat/answer-limits.js';
import { DomainError } from '../../src/domain/errors.js';

/** Feeds `pieces` as a model stream would; returns what the client got and why it ended. */
function run(limits: AnswerLimits, pieces: readonly string[], count = countTokens) {
  const cutter = new AnswerCutter(limits, count);
  const sent: string[] = [];
  for (const piece of pieces) {
    const text = cutter.push(piece);
    if (text) sent.push(text);
    if (cutter.finishReason) break;
  }
  const tail = cutter.end();
  if (tail) sent.push(tail);
  return { sent, text: cutter.text, reason: cutter.finishReason };
}

/** Splits `text` into pieces at the given cut points (UTF-16 offsets), like arbitrary stream deltas. */
function split(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const point of [...points, text.length]) {
    if (point > from) pieces.push(text.slice(from, point));
    from = Math.max(from, point);
  }
  return pieces;
}

/** Direct recomputation: grow the text one code unit at a time, as a model writes it, until a stop sequence ends. */
function firstStopReference(text: string, stops: readonly string[]): string {
  for (let end = 1; end <= text.length; end++) {
    const ending = stops.filter((s) => text.slice(0, end).endsWith(s));
    if (ending.length > 0) return text.slice(0, end - Math.max(...ending.map((s) => s.length)));
  }
  return text;
}

const nextCodePoint = (text: string, at: number) => String.fromCodePoint(text.codePointAt(at) as number);

// Words, punctuation, CJK, emoji with ZWJ, combining marks, RTL: what models write.
const answerText = fc
  .array(
    fc.oneof(
      fc.lorem({ maxCount: 3 }),
      fc.constantFrom(
        ' ',
        '\n',
        ', ',
        '. ',
        '!',
        'Lisbon',
        'Lis',
        'bon',
        '你在哪里工作',
        '👩‍💻',
        'é',
        'שלום',
        '12345',
        '  ',
      ),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('AnswerCutter: stop sequences', () => {
  it('ends the answer before the stop sequence, and sends nothing after it', () => {
    expect(run({ stop: ['Lisbon'] }, ['I live in Lisbon, Portugal.'])).toEqual({
      sent: ['I live in '],
      text: 'I live in ',
      reason: 'stop',
    });
  });

  it('stops on a sequence split over two pieces, holding its start back until the next piece decides', () => {
    const cutter = new AnswerCutter({ stop: ['Lisbon'] }, countTokens);
    expect(cutter.push('I live in Lis')).toBe('I live in ');
    expect(cutter.push('bon, Portugal.')).toBe('');
    expect(cutter.text).toBe('I live in ');
    expect(cutter.finishReason).toBe('stop');
    expect(cutter.push('more')).toBe('');
  });

  it('releases a held start that turned out not to be a stop sequence', () => {
    expect(run({ stop: ['Lisbon'] }, ['Lis', 'sabon is ', 'soap in Portuguese']).text).toBe(
      'Lissabon is soap in Portuguese',
    );
    expect(run({ stop: ['Lisbon'] }, ['I say Lis']).text).toBe('I say Lis');
  });

  it('stops at the sequence the model completes first (the longer one when two end together)', () => {
    expect(run({ stop: ['abcd', 'c'] }, ['xabcd']).text).toBe('xab');
    expect(run({ stop: ['bc', 'abc'] }, ['xabc']).text).toBe('x');
  });

  test.prop([
    answerText,
    fc.array(fc.nat(), { maxLength: 12 }),
    fc.array(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
  ])(
    'gives the same answer however the model splits it: the text up to the first stop sequence completed',
    (text, cuts, stop) => {
      const streamed = run({ stop }, split(text, cuts));
      expect(streamed.text).toBe(firstStopReference(text, stop));
      expect(streamed.sent.join('')).toBe(streamed.text);
      expect(run({ stop }, [text]).text).toBe(streamed.text);
    },
  );
});

describe('AnswerCutter: max output tokens', () => {
  it('cuts in the model tokenizer and says length', () => {
    const result = run({ maxOutputTokens: 1 }, ['The capital of Portugal is Lisbon.']);
    expect(result).toEqual({ sent: ['The'], text: 'The', reason: 'length' });
  });

  it('says stop when the answer fits', () => {
    expect(run({ maxOutputTokens: 50 }, ['Short.'])).toEqual({ sent: ['Short.'], text: 'Short.', reason: 'stop' });
  });

  test.prop([answerText, fc.array(fc.nat(), { maxLength: 20 }), fc.integer({ min: 1, max: 40 })])(
    'never exceeds the limit, and stops only where the next code point would',
    (text, cuts, max) => {
      const result = run({ maxOutputTokens: max }, split(text, cuts));
      expect(countTokens(result.text)).toBeLessThanOrEqual(max);
      expect(text.startsWith(result.text)).toBe(true);
      if (result.reason === 'length') {
        expect(result.text.length).toBeLessThan(text.length);
        expect(countTokens(result.text + nextCodePoint(text, result.text.length))).toBeGreaterThan(max);
      } else {
        expect(result.text).toBe(text);
      }
    },
  );

  it('counts only near the limit: a long answer costs few exact counts', () => {
    let counts = 0;
    const counting = (text: string) => {
      counts++;
      return countTokens(text);
    };
    const words = Array.from({ length: 3000 }, (_, i) => ` word${i % 50}`);
    const result = run({ maxOutputTokens: 2000 }, words, counting);
    expect(countTokens(result.text)).toBeLessThanOrEqual(2000);
    expect(result.reason).toBe('length');
    // One count per piece would be ~2000; the byte bound keeps it to a few dozen.
    expect(counts).toBeLessThan(100);
  });

  it('applies both limits: whichever ends the answer first', () => {
    expect(run({ maxOutputTokens: 2, stop: ['Lisbon'] }, ['I live in Lisbon']).reason).toBe('length');
    expect(run({ maxOutputTokens: 20, stop: ['Lisbon'] }, ['I live in Lisbon']).reason).toBe('stop');
  });
});

describe('checkAnswerLimits', () => {
  it.each([
    [{ maxOutputTokens: 0 }, 'max_output_tokens'],
    [{ maxOutputTokens: 1.5 }, 'max_output_tokens'],
    [{ maxOutputTokens: '3' }, 'max_output_tokens'],
    [{ stop: [''] }, 'stop'],
    [{ stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop'],
    [{ stop: 'a' }, 'stop'],
    [{ stop: ['x'.repeat(257)] }, 'stop'],
  ])('rejects %j naming %s', (limits, name) => {
    let error: unknown;
    try {
      checkAnswerLimits(limits);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('invalid_input');
    expect((error as Error).message.startsWith(name)).toBe(true);
  });

  it('accepts no limits and valid ones', () => {
    expect(checkAnswerLimits({})).toEqual({});
    expect(checkAnswerLimits({ maxOutputTokens: 5, stop: ['\n'] })).toEqual({ maxOutputTokens: 5, stop: ['\n'] });
  });
});
