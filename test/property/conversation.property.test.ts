import { createHash } from 'node:crypto';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { RandomUuidIds } from '../../src/adapters/system/random-uuid-ids.js';
import {
  clientSessionId,
  codePointLength,
  isUnguessableSessionId,
  normalizeMessageText,
  parseSessionId,
} from '../../src/domain/conversation/conversation.js';
import { DomainError } from '../../src/domain/errors.js';

const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('مرحبا بالعالم', 'e\u0301', '👩‍👩‍👧‍👦', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '日本語のテキスト', '  \t\n ', ''),
);

function invalidInput(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch (error) {
    return error instanceof DomainError && error.code === 'invalid_input';
  }
}

describe('message validation', () => {
  test.prop([anyText])('accepted text is NFC, trimmed, non-empty and within the limit', (raw) => {
    let text: string;
    try {
      text = normalizeMessageText(raw, 100);
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('invalid_input');
      return;
    }
    expect(text).toBe(text.normalize('NFC'));
    expect(text).toBe(text.trim());
    expect(text.length).toBeGreaterThan(0);
    expect(codePointLength(text)).toBeLessThanOrEqual(100);
    expect(codePointLength(text.normalize('NFKC'))).toBeLessThanOrEqual(100);
    expect(text.isWellFormed()).toBe(true);
    expect(text.includes('\u0000')).toBe(false);
  });

  test.prop([
    fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 50 })
      .filter((s) => s.trim().length > 0 && !s.includes('\u0000')),
  ])('normalising is idempotent', (raw) => {
    const once = normalizeMessageText(raw, 10_000);
    expect(normalizeMessageText(once, 10_000)).toBe(once);
  });

  test.prop([fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' })])(
    'a lone surrogate anywhere is rejected',
    (a, b) => {
      expect(invalidInput(() => normalizeMessageText(`x${a}\uD800${b}`, 10_000))).toBe(true);
      expect(invalidInput(() => normalizeMessageText(`x${a}\uDFFF${b}`, 10_000))).toBe(true);
    },
  );

  test.prop([fc.string(), fc.string()])('NUL anywhere is rejected', (a, b) => {
    expect(invalidInput(() => normalizeMessageText(`x${a}\u0000${b}`, 10_000))).toBe(true);
  });

  test.prop([fc.constantFrom(' ', '\t', '\n', '\u3000', '\u00a0'), fc.nat({ max: 20 })])(
    'whitespace-only text is rejected',
    (space, n) => {
      expect(invalidInput(() => normalizeMessageText(space.repeat(n), 100))).toBe(true);
    },
  );

  it('counts code points, not UTF-16 units: 4000 astral characters are accepted, 4001 are not', () => {
    expect(normalizeMessageText('😀'.repeat(4000), 4000)).toHaveLength(8000);
    expect(invalidInput(() => normalizeMessageText('😀'.repeat(4001), 4000))).toBe(true);
  });

  // Characters NFKC expands (U+FDFA to 18, the ligature U+FB03 to 3, U+3300 to 4...).
  const expanding = fc.constantFrom('\ufdfa', '\ufb03', '\u3300', '\u2474', '\u33af', '\ufdfb', '\u0390');

  test.prop([expanding, fc.integer({ min: 1, max: 400 }), fc.integer({ min: 10, max: 2000 })])(
    'the limit applies after compatibility expansion (NFKC), exactly at the boundary',
    (char, count, limit) => {
      const raw = char.repeat(count);
      const expanded = codePointLength(raw.normalize('NFC').normalize('NFKC'));
      const accepted = !invalidInput(() => normalizeMessageText(raw, limit));
      expect(accepted).toBe(expanded <= limit && count <= limit);
    },
  );

  it('refuses 4,000 U+FDFA (72,000 characters once expanded) and accepts 222 of them', () => {
    expect(invalidInput(() => normalizeMessageText('\ufdfa'.repeat(4000), 4000))).toBe(true);
    expect(normalizeMessageText('\ufdfa'.repeat(222), 4000)).toBe('\ufdfa'.repeat(222));
  });

  it('composes decomposed characters (NFC)', () => {
    expect(normalizeMessageText('Cafe\u0301', 100)).toBe('Café');
  });

  it('rejects non-strings', () => {
    for (const value of [undefined, null, 42, {}, ['hi']])
      expect(invalidInput(() => normalizeMessageText(value, 100))).toBe(true);
  });
});

describe('session ids', () => {
  test.prop([fc.stringMatching(/^[A-Za-z0-9_-]{8,128}$/)])(
    'accepts every id of the allowed alphabet and length',
    (id) => {
      expect(parseSessionId(id)).toBe(id);
    },
  );

  test.prop([fc.string({ unit: 'binary', maxLength: 200 }).filter((s) => !/^[A-Za-z0-9_-]{8,128}$/.test(s))])(
    'rejects everything else',
    (id) => {
      expect(invalidInput(() => parseSessionId(id))).toBe(true);
    },
  );

  const BASE64URL = /^[A-Za-z0-9_-]*$/;

  // Random ids, from a seeded generator so the run is the same every time: fast-check's byte
  // arrays lean towards zeros and repeats, which are exactly the patterns refused below.
  function seededBytes(seed: number): (count: number) => Buffer {
    let state = createHash('sha256').update(String(seed)).digest();
    return (count) => {
      const out: Buffer[] = [];
      let have = 0;
      while (have < count) {
        state = createHash('sha256').update(state).digest();
        out.push(state);
        have += state.length;
      }
      return Buffer.concat(out).subarray(0, count);
    };
  }

  it('keeps 20,000 random UUID v4s as the clients chose them', () => {
    const bytes = seededBytes(4);
    for (let i = 0; i < 20_000; i++) {
      const b = bytes(16);
      b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
      b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
      const hex = b.toString('hex');
      const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      expect(clientSessionId(id)).toBe(id);
    }
    // The server's own ids always pass its check (drawn again when one would not).
    const issued = new RandomUuidIds();
    for (let i = 0; i < 1_000; i++) expect(clientSessionId(issued.sessionId())).toBeDefined();
  });

  it('replaces 2,000 random base64url ids: only a UUID v4 is taken from a client', () => {
    const bytes = seededBytes(64);
    for (let i = 0; i < 2_000; i++) {
      const id = bytes(16 + (i % 81)).toString('base64url');
      expect(clientSessionId(id)).toBeUndefined();
    }
  });

  test.prop([
    fc.oneof(
      // One to seven symbols repeated or cycled to 22..128 characters: long, but a pattern.
      fc
        .tuple(fc.stringMatching(/^[A-Za-z0-9_-]{1,7}$/), fc.integer({ min: 22, max: 128 }))
        .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length)),
      fc.integer({ min: 1, max: 9 }).map((n) => `user-${String(n).padStart(18, '0')}`),
      fc.constantFrom(
        '00000000-0000-4000-8000-000000000000',
        'aaaaaaaa-aaaa-4aaa-aaaa-aaaaaaaaaaaa',
        'ABABABAB-ABAB-4BAB-ABAB-ABABABABABAB',
        '01010101-0101-4101-8101-010101010101',
        // Counted, repeated and reversed blocks, and example ids clients copy (a third tester's list).
        '11111111-2222-4333-8444-555566667777',
        'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
        '12345678-90ab-4cde-8f12-34567890abcd',
        '01234567-89ab-4cde-8f01-23456789abcd',
        '01234567-0123-4123-8123-0123456789ab',
        'fedcba98-7654-4321-8fed-cba987654321',
        'abcdef01-2345-4678-9abc-def012345678',
        '12345678-1234-4234-9234-123456789abc',
        '3fa85f64-5717-4562-b3fc-2c963f66afa6',
        '550e8400-e29b-41d4-a716-446655440000',
        'F47AC10B-58CC-4372-A567-0E02B2C3D479',
        '123e4567-e89b-42d3-a456-426614174000',
        // Interleaved counting and more copied examples (a fourth tester's list).
        'a1b2c3d4-e5f6-4890-abcd-ef1234567890',
        'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
        '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
        '13579bdf-2468-4ace-9753-1db97531eca8',
        '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
        '36b8f84d-df4e-4d49-b662-bcde71a8764f',
        '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d',
      ),
      // Words, keyboard walks and e-mail-derived ids: varied, and still guessable.
      fc.constantFrom(
        'the-quick-brown-fox-jumps-over-the-lazy-dog',
        'qwertyuiopasdfghjklzxcvbnm',
        'john_smith_example_com',
      ),
      // Runs and repeated blocks of many symbols: varied characters, few distinct steps.
      fc
        .tuple(
          fc.integer({ min: 48, max: 122 - 8 }),
          fc.integer({ min: 8, max: 16 }),
          fc.integer({ min: 22, max: 128 }),
        )
        .map(([first, block, length]) =>
          Array.from({ length }, (_, i) => String.fromCharCode(first + (i % block))).join(''),
        )
        .filter((id) => /^[A-Za-z0-9_-]+$/.test(id)),
      fc.constantFrom(
        'abcdefghijklmnopqrstuv',
        '0123456789012345678901',
        'ABCDEFGHABCDEFGHABCDEF',
        `${'a'.repeat(42)}abcdefgh`,
        '--------abcdefgh--------',
      ),
    ),
  ])('long ids that are visibly patterns (few distinct characters or steps) are replaced by a new id', (raw) => {
    expect(isUnguessableSessionId(raw)).toBe(false);
    expect(clientSessionId(raw)).toBeUndefined();
  });

  test.prop([
    fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9_-]{0,21}$/),
      fc.string({ unit: 'binary', maxLength: 200 }).filter((s) => !BASE64URL.test(s) || s.length > 128),
      fc.constantFrom(null, undefined, 42, {}, ['x'.repeat(30)]),
    ),
  ])('anything shorter, longer or outside the alphabet gets no say: a new id is issued', (raw) => {
    expect(isUnguessableSessionId(raw)).toBe(false);
    expect(clientSessionId(raw)).toBeUndefined();
  });

  it.each([
    '../../etc/passwd',
    '..%2F..%2Fsecrets',
    'a/b/c/d/e/f',
    '',
    'x'.repeat(129),
    'short',
    'abc def ghi',
    'C:\\windows',
  ])('rejects %j', (id) => {
    expect(invalidInput(() => parseSessionId(id))).toBe(true);
  });
});
