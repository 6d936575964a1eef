import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { parseAnswer } from '../../src/domain/knowledge/knowledge-gaps.js';
import { parseAnswerQuestion } from '../../src/domain/knowledge/owner-answers.js';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
  return undefined;
}

// What reaches answers.md and logs must be text: the owner's words are held to the visitors' rule.
describe.each([
  ['an answer', parseAnswer],
  ['a published question', parseAnswerQuestion],
])('%s', (_what, parse) => {
  it.each(['I do \ud800 sail', 'Yes\u0000 I do', '\udc00', 'Yes \ud83d'])('refuses %j with invalid_input', (raw) => {
    expect(codeOf(() => parse(raw))).toBe('invalid_input');
  });

  it('keeps well-formed text with astral characters', () => {
    expect(parse('Yes, I sail 🚤 every summer')).toContain('🚤');
  });
});
