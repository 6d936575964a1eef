import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  commonestStepShare,
  distinctCharacters,
  distinctHexPairs,
  distinctSteps,
} from '../../src/domain/conversation/id-patterns.js';

// The measures as first written, with sets and arrays: the specification the allocation-free
// versions (id-patterns.ts, run on every chat) must match exactly.
const reference = {
  characters: (id: string) => new Set(id).size,
  steps: (id: string) => {
    const steps = new Set<number>();
    for (let i = 1; i < id.length; i++) steps.add(id.charCodeAt(i) - id.charCodeAt(i - 1));
    return steps.size;
  },
  pairs: (id: string) => {
    const hex = id.replaceAll('-', '');
    const pairs = new Set<string>();
    for (let i = 1; i < hex.length; i++) pairs.add(hex.slice(i - 1, i + 1));
    return pairs.size;
  },
  stepShare: (id: string) => {
    const digits = Array.from(id.replaceAll('-', ''), (c) => Number.parseInt(c, 16));
    let share = 0;
    for (let distance = 1; distance <= 4; distance++) {
      const counts = new Array<number>(16).fill(0);
      for (let i = distance; i < digits.length; i++) {
        const step = ((digits[i] ?? 0) - (digits[i - distance] ?? 0) + 16) % 16;
        counts[step] = (counts[step] ?? 0) + 1;
      }
      share = Math.max(share, Math.max(...counts) / (digits.length - distance));
    }
    return share;
  },
};

const asUuid = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Number.parseInt(hex[16] as string, 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;

// Lower-case UUID v4 shapes: random ones, and ones drawn from two to six hex digits or counted in
// steps, which sit near the thresholds the check compares with.
const uuids = fc.oneof(
  fc.uuid({ version: 4 }).map((id) => id.toLowerCase()),
  fc
    .tuple(
      fc.subarray([...'0123456789abcdef'], { minLength: 2, maxLength: 6 }),
      fc.array(fc.nat(), { minLength: 32, maxLength: 32 }),
    )
    .map(([alphabet, picks]) => asUuid(picks.map((p) => alphabet[p % alphabet.length]).join(''))),
  fc
    .tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 15 }), fc.integer({ min: 1, max: 4 }))
    .map(([first, step, period]) =>
      asUuid(
        Array.from({ length: 32 }, (_, i) => ((first + Math.floor(i / period) * step) % 16).toString(16)).join(''),
      ),
    ),
);

describe('session-id pattern measures', () => {
  test.prop([uuids])('match the set-based definitions on every UUID shape', (id) => {
    expect(distinctCharacters(id)).toBe(reference.characters(id));
    expect(distinctSteps(id)).toBe(reference.steps(id));
    expect(distinctHexPairs(id)).toBe(reference.pairs(id));
    expect(commonestStepShare(id)).toBe(reference.stepShare(id));
  });
});
