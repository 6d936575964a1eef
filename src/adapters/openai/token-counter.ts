import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { boundedChunks } from '../../domain/text/bounded-chunks.js';

type CountTokens = (text: string, options: { disallowedSpecial: Set<string> }) => number;

// Visitor text may contain strings like "<|endoftext|>"; they must count as plain
// text, because the tokenizer's default is to throw on special tokens.
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

// The o200k ranks take longer to load than the rest of the server together, so they are
// loaded on the first count, not at start-up (a cold start answers /health without them).
const require = createRequire(import.meta.url);
let countO200kTokens: CountTokens | undefined;

// Byte-pair encoding is quadratic in the length of one pre-token: 16,000 Chinese characters
// (one run without spaces) take ~3 s. Counting bounded pieces keeps it linear; a cut inside
// a run adds at most one token per TOKEN_RUN characters, a safe overestimate for budgets.
const TOKEN_CHUNK = 4096;
const TOKEN_RUN = 64;

/**
 * Tokens of `text` in the o200k encoding (gpt-4o, gpt-4o-mini, gpt-4.1, o-series), in time
 * linear in its length. A good enough estimate for other models behind an OpenAI-compatible API.
 */
export function countTokens(text: string): number {
  if (countO200kTokens === undefined && precounted.size > 0) {
    const known = precounted.get(textKey(text));
    if (known !== undefined) return known;
  }
  countO200kTokens ??= (require('gpt-tokenizer/encoding/o200k_base') as { countTokens: CountTokens }).countTokens;
  let total = 0;
  for (const chunk of boundedChunks(text, TOKEN_CHUNK, TOKEN_RUN)) total += countO200kTokens(chunk, PLAIN_TEXT);
  return total;
}

// Counts made ahead of time (the Lambda build counts the persona's prompt), by text hash: a cold
// start answers its first question without loading the ranks (~200 ms of CPU) when nothing else
// needs counting. Consulted only until the ranks are loaded anyway.
const precounted = new Map<string, number>();

/** The key of a text in `rememberTokenCounts`: the SHA-256 of its UTF-8, in hex. */
export function textKey(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** o200k counts made ahead of time, by `textKey`; countTokens answers them without loading the ranks. */
export function rememberTokenCounts(counts: Readonly<Record<string, number>>): void {
  for (const [key, tokens] of Object.entries(counts)) {
    if (Number.isSafeInteger(tokens) && tokens >= 0) precounted.set(key, tokens);
  }
}
