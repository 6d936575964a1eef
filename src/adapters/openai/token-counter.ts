import { countTokens as countO200kTokens } from 'gpt-tokenizer/encoding/o200k_base';

// Visitor text may contain strings like "<|endoftext|>"; they must count as plain
// text, because the tokenizer's default is to throw on special tokens.
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/**
 * Tokens of `text` in the o200k encoding (gpt-4o, gpt-4o-mini, gpt-4.1, o-series).
 * A good enough estimate for other models served behind an OpenAI-compatible API.
 */
export function countTokens(text: string): number {
  return countO200kTokens(text, PLAIN_TEXT);
}
