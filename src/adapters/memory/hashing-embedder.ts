import { unitVector } from '../../domain/grounding/vectors.js';
import { words } from '../../domain/text/text.js';
import type { Embedder, Vector } from '../../ports/embedder.js';

/**
 * A deterministic stand-in for an embedding model: each text becomes its words hashed into
 * `dimension` buckets, so texts sharing words are close. For tests and for hosts that want
 * the semantic code path without a model; it knows no synonyms.
 */
export class HashingEmbedder implements Embedder {
  readonly name = 'hashing';
  /** Texts embedded so far (a test can check that passages are embedded once). */
  embedded = 0;

  constructor(readonly dimension = 256) {}

  async embed(texts: readonly string[]): Promise<Vector[]> {
    this.embedded += texts.length;
    return texts.map((text) => {
      const values = new Array<number>(this.dimension).fill(0);
      for (const word of words(text)) {
        let hash = 2166136261;
        for (const ch of word) hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
        const bucket = hash % this.dimension;
        values[bucket] = (values[bucket] ?? 0) + 1;
      }
      return unitVector(values);
    });
  }
}
