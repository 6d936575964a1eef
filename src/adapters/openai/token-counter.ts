import { createRequire } from 'node:module';

type CountTokens = (text: string, options: { disallowedSpecial: Set<string> }) => number;

// Visitor text may contain strings like "<|endoftext|>"; they must count as plain
// text, because the tokenizer's default is to throw on special tokens.
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

// The o200k ranks take longer to load than the rest of the server together, so they are
// loaded on the first count, not at start-up (a cold start answers /health without them).
const require = createRequire(import.meta.url);
let countO200kTokens: CountTokens | undefined;

/**
 * Tokens of `text` in the o200k encoding (gpt-4o, gpt-4o-mini, gpt-4.1, o-series).
 * A good enough estimate for other models served behind an OpenAI-compatible API.
 */
export function countTokens(text: string): number {
  countO200kTokens ??= (require('gpt-tokenizer/encoding/o200k_base') as { countTokens: CountTokens }).countTokens;
  return countO200kTokens(text, PLAIN_TEXT);
}
