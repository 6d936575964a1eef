import { describe, expect, it } from 'vitest';
import { countTokens, rememberTokenCounts, textKey } from '../../src/adapters/openai/token-counter.js';

// Its own file: the tokenizer's ranks must not have been loaded by another test in this process.
describe('token counts made ahead of time', () => {
  it('are answered without loading the ranks, which then take over', () => {
    const prompt = 'The persona prompt, counted by `npm run build:lambda`.';
    // A count no tokenizer would give, so the answer can only come from what was remembered.
    rememberTokenCounts({ [textKey(prompt)]: 4242, bogus: -1 });
    expect(countTokens(prompt)).toBe(4242);
    expect(countTokens('hello world')).toBe(2); // anything else loads the ranks
    expect(countTokens(prompt)).toBeLessThan(100);
  });
});
