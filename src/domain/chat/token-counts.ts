export interface TokenCountsOptions {
  /** Texts remembered at most; the oldest remembered goes first. Default 20,000. */
  readonly maxEntries?: number;
  /** Characters of remembered text at most (the keys are the texts). Default 4,000,000. */
  readonly maxChars?: number;
}

/**
 * Token counts of the texts a turn counts again and again (the stored history each turn
 * windows, persona passages, the rendered prompt), kept in a bounded map keyed by the text, so
 * a message is encoded once rather than once per turn. The text is the key because a count is
 * a pure function of it (for one model's tokenizer): whatever store or client the history comes
 * from, and whatever its ids, the same text never costs a second encoding.
 */
export class TokenCounts {
  private readonly counts = new Map<string, number>();
  private readonly maxEntries: number;
  private readonly maxChars: number;
  private chars = 0;

  constructor(
    private readonly encode: (text: string) => number,
    options: TokenCountsOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 20_000;
    this.maxChars = options.maxChars ?? 4_000_000;
  }

  /** Tokens of `text`; bound, so it can be handed around as a plain function. */
  readonly count = (text: string): number => {
    // A hit is not moved to the end (the eviction order is first in, first out): reordering on
    // every lookup cost more than the occasional recount of a text that was evicted.
    const known = this.counts.get(text);
    if (known !== undefined) return known;
    const tokens = this.encode(text);
    if (text.length <= this.maxChars) this.remember(text, tokens);
    return tokens;
  };

  private remember(text: string, tokens: number): void {
    this.counts.set(text, tokens);
    this.chars += text.length;
    for (const coldest of this.counts.keys()) {
      if (this.counts.size <= this.maxEntries && this.chars <= this.maxChars) break;
      this.counts.delete(coldest);
      this.chars -= coldest.length;
    }
  }
}
