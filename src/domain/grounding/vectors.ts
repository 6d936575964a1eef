import type { Vector } from '../../ports/embedder.js';

/** `values` scaled to unit length (a zero vector stays zero), as a Float32Array. */
export function unitVector(values: ArrayLike<number>): Vector {
  const vector = Float32Array.from(values);
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] as number) / norm;
  return vector;
}

/** Cosine similarity of two unit vectors (their dot product); 0 when the lengths differ. */
export function cosine(a: Vector, b: Vector): number {
  if (a.length !== b.length) return 0;
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] as number) * (b[i] as number);
  return dot;
}
