import type { Embedder, Vector } from '../../ports/embedder.js';
import type { ScoredPassage } from './grounding.js';
import type { Passage } from './passages.js';
import { cosine } from './vectors.js';

/** Longest text embedded for one passage, in characters: bounds the work of indexing a huge persona. */
const MAX_EMBEDDED_CHARS = 1000;

/** The text a passage is embedded as: its nearest context (a heading, the question it answers) and its words. */
export function embeddingText(passage: Passage): string {
  const context = passage.source === 'facts.json' ? '' : (passage.hints.split(' / ').at(-1) ?? '');
  return (context ? `${context}: ${passage.text}` : passage.text).slice(0, MAX_EMBEDDED_CHARS);
}

/**
 * Passages embedded per persona version, at most: embedding costs milliseconds per passage
 * (tens on a busy core), so a persona of hundreds of pages would make its first question wait
 * minutes. Passages past the cap (the end of the last documents) are found by words only.
 */
export const MAX_EMBEDDED_PASSAGES = 2000;

/** One vector per passage, in order; an empty vector for passages past MAX_EMBEDDED_PASSAGES. */
export async function embedPassages(passages: readonly Passage[], embedder: Embedder): Promise<Vector[]> {
  const embedded = await embedder.embed(passages.slice(0, MAX_EMBEDDED_PASSAGES).map(embeddingText));
  return passages.map((_, i) => embedded[i] ?? new Float32Array(0));
}

export interface SemanticHit {
  readonly passage: Passage;
  readonly cosine: number;
}

/** Passages by cosine similarity to the query vector, best first. */
export function semanticRanking(
  passages: readonly Passage[],
  vectors: readonly Vector[],
  query: Vector,
  limit: number,
): SemanticHit[] {
  return passages
    .map((passage, i) => ({ passage, cosine: vectors[i] ? cosine(vectors[i], query) : -1 }))
    .sort((a, b) => b.cosine - a.cosine)
    .slice(0, limit);
}

/** A passage as both rankings see it. */
export interface Candidate {
  readonly passage: Passage;
  /** Reciprocal-rank fusion score: the sum of 1 / (k + rank) over the rankings that found it. */
  readonly fused: number;
  /** The lexical hit (matched terms, BM25 score), when BM25 found it. */
  readonly lexical: ScoredPassage | undefined;
  /** 0-based rank in the lexical ranking. */
  readonly lexicalRank: number | undefined;
  /** Cosine similarity to the question, when the semantic ranking ran. */
  readonly cosine: number | undefined;
  readonly semanticRank: number | undefined;
}

/**
 * Reciprocal-rank fusion (Cormack et al., 2009) of the lexical and semantic rankings:
 * ranks, not scores, are combined, because BM25 scores and cosines are on unrelated scales.
 * `cosines` gives every passage's cosine (by id), so a passage found only lexically still has one.
 */
export function fuseRankings(
  lexical: readonly ScoredPassage[],
  semantic: readonly SemanticHit[],
  cosines: ReadonlyMap<string, number> | undefined,
  k = 20,
): Candidate[] {
  const byId = new Map<
    string,
    { passage: Passage; fused: number; lexical?: ScoredPassage; lexicalRank?: number; semanticRank?: number }
  >();
  lexical.forEach((hit, rank) => {
    byId.set(hit.passage.id, { passage: hit.passage, fused: 1 / (k + rank + 1), lexical: hit, lexicalRank: rank });
  });
  semantic.forEach((hit, rank) => {
    const entry = byId.get(hit.passage.id) ?? { passage: hit.passage, fused: 0 };
    entry.fused += 1 / (k + rank + 1);
    entry.semanticRank = rank;
    byId.set(hit.passage.id, entry);
  });
  return [...byId.values()]
    .map((entry) => ({
      passage: entry.passage,
      fused: entry.fused,
      lexical: entry.lexical,
      lexicalRank: entry.lexicalRank,
      cosine: cosines?.get(entry.passage.id),
      semanticRank: entry.semanticRank,
    }))
    .sort((a, b) => b.fused - a.fused);
}
