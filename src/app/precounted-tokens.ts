import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { readConfined } from '../adapters/filesystem/confined-path.js';
import { COMPILED_DIR } from '../adapters/filesystem/pdf-text-cache.js';
import { rememberTokenCounts } from '../adapters/openai/token-counter.js';

/** Written by `npm run build:lambda` beside the compiled PDF texts. */
export const TOKEN_COUNTS_FILE = 'token-counts.json';

export interface PrecountedTokens {
  readonly tokenizer: 'o200k_base';
  /** Tokens by `textKey` (SHA-256 of the text). */
  readonly counts: Readonly<Record<string, number>>;
}

/**
 * Hands the token counts made at build time (the persona's prompt) to the token counter, so a
 * cold start does not load the tokenizer's ranks for them. Nothing there, or unreadable: nothing
 * is remembered and counting works as always.
 */
export async function loadPrecountedTokens(personaDir: string): Promise<void> {
  try {
    // The persona folder's rule holds here too: counts from a file elsewhere are not taken.
    const bytes = await readConfined(await realpath(personaDir), join(personaDir, COMPILED_DIR, TOKEN_COUNTS_FILE));
    const file = JSON.parse(bytes.toString('utf8')) as PrecountedTokens;
    if (file.tokenizer === 'o200k_base' && typeof file.counts === 'object' && file.counts !== null) {
      rememberTokenCounts(file.counts);
    }
  } catch {
    // No counts made ahead of time.
  }
}
