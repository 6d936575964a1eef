import type { Embedder, EmbedOptions, Vector } from '../../ports/embedder.js';
import { DomainError } from '../errors.js';
import type { Persona } from '../persona/persona.js';
import type { PersonaIndex } from './persona-index.js';
import { analyzeQuestion, type QuestionAnalysis } from './question-analysis.js';
import { type Candidate, fuseRankings, semanticRanking } from './semantic-ranking.js';
import { cosine } from './vectors.js';

/** Passages each ranking contributes to the fusion. */
const RANKING_DEPTH = 30;
/**
 * What of the question the embedding model reads, in characters: about 64 English words.
 * Text in other scripts costs the model several times more per character, so a budget in
 * characters (not only in words) keeps any question's embedding near an ordinary one's cost.
 */
const MAX_EMBEDDED_CHARS = 400;

function embeddingQuery(words: readonly string[]): string {
  return Array.from(words.join(' ')).slice(0, MAX_EMBEDDED_CHARS).join('');
}

export interface Retrieval {
  readonly analysis: QuestionAnalysis;
  /** Best first. */
  readonly candidates: readonly Candidate[];
  /** Cosine of each passage (by id) to the asked-for thing alone ("timber"), when there is one and an embedder. */
  readonly focusCosines?: ReadonlyMap<string, number>;
}

/** The lexical half of `retrieve`, synchronously: BM25 over the question's meaning-bearing terms. */
export function retrieveLexically(persona: Persona, index: PersonaIndex, question: string): Retrieval {
  const analysis = analyzeQuestion(question);
  const { retriever } = index.for(persona);
  const lexical = analysis.terms.length > 0 ? retriever.search(analysis.terms.join(' '), RANKING_DEPTH) : [];
  return { analysis, candidates: fuseRankings(lexical, [], undefined) };
}

/**
 * Ranks the persona's passages for a question: BM25 over the question's meaning-bearing
 * terms, cosine similarity of embeddings when an embedder is given, fused by reciprocal
 * rank. The question is cut to a bounded number of words first.
 */
export async function retrieve(
  persona: Persona,
  index: PersonaIndex,
  question: string,
  embedder?: Embedder,
  options: EmbedOptions = {},
): Promise<Retrieval> {
  const lexicalOnly = retrieveLexically(persona, index, question);
  const { analysis } = lexicalOnly;
  if (!embedder || analysis.words.length === 0) return lexicalOnly;
  const indexed = index.for(persona);
  const lexical = lexicalOnly.candidates.flatMap((c) => (c.lexical ? [c.lexical] : []));
  const focus = analysis.focus.join(' ');
  let vectors: Vector[];
  let query: Vector | undefined;
  let focusVector: Vector | undefined;
  try {
    [vectors, [query, focusVector]] = await Promise.all([
      index.vectorsFor(persona, embedder),
      embedder.embed(
        focus ? [embeddingQuery(analysis.words), embeddingQuery(analysis.focus)] : [embeddingQuery(analysis.words)],
        options,
      ),
    ]);
  } catch (error) {
    // An embedding model that cannot load or answer leaves the words: the twin still answers.
    if (options.signal?.aborted || !(error instanceof DomainError) || error.code !== 'model_unavailable') throw error;
    return lexicalOnly;
  }
  if (!query) return { analysis, candidates: fuseRankings(lexical, [], undefined) };
  const semantic = semanticRanking(indexed.passages, vectors, query, RANKING_DEPTH);
  const similarity = (to: Vector) =>
    new Map(indexed.passages.map((p, i) => [p.id, vectors[i] ? cosine(vectors[i], to) : 0]));
  return {
    analysis,
    candidates: fuseRankings(lexical, semantic, similarity(query)),
    ...(focusVector ? { focusCosines: similarity(focusVector) } : {}),
  };
}
