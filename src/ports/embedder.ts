/** One embedding: unit length, so the dot product of two vectors is their cosine similarity. */
export type Vector = Float32Array;

export interface EmbedOptions {
  readonly signal?: AbortSignal;
}

/**
 * Turns texts into vectors whose cosine similarity reflects closeness of meaning.
 * Vectors of different embedders (or dimensions) are not comparable: `name` tells them apart.
 */
export interface Embedder {
  /** The model, e.g. "text-embedding-3-small" or "universal-sentence-encoder-lite". */
  readonly name: string;
  /** Length of every vector it returns. */
  readonly dimension: number;
  /**
   * One unit-length vector per text, in order ([] for []). Throws DomainError
   * `model_unavailable` when the model cannot be loaded or reached; an aborted signal
   * rejects with its reason.
   */
  embed(texts: readonly string[], options?: EmbedOptions): Promise<Vector[]>;
}
