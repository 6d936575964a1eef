import type { Embedder, EmbedOptions, Vector } from '../../ports/embedder.js';
import { DomainError } from '../errors.js';
import type { Persona } from '../persona/persona.js';
import { foldPlural } from '../text/text.js';
import type { TermSimilarity } from './answer-signals.js';
import { terms } from './grounding.js';
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
  /**
   * Word-level closeness of each of the best candidates (by id) to the question, with an
   * embedder: the mean, over the question's terms, of the best cosine between the term and a
   * word of the passage ("kids" and "daughter", "music" and "cello"); 1 for a word it holds.
   * `weakest` is the term least met: a near-miss question has one ("supervised").
   */
  readonly termSimilarities?: ReadonlyMap<string, TermSimilarity>;
}

/**
 * Candidates whose words are compared one by one with the question's terms: the ones the
 * answer is chosen from (DEFAULT_CALIBRATION.depth); deeper ones fall back to term coverage.
 */
const TERM_SIMILARITY_DEPTH = 10;
/** Words of one passage compared, at most: bounds the words a question can make the embedder read. */
const MAX_PASSAGE_TERMS = 40;
/** Longer "words" (a URL, a run of letters) are compared by spelling only. */
const MAX_WORD_CHARS = 40;

export interface RetrieveOptions extends EmbedOptions {
  /**
   * Also measure `termSimilarities` (the offline twin's answer choice needs them; a hosted
   * model's context selection does not). Embeds the words of the best candidates, each once
   * per persona version.
   */
  readonly termSimilarities?: boolean;
}

/** Words a passage writes only capitalised ("Brunel", "Kasimir"): names, not common words (lower-cased, as `terms` gives them). */
function namesIn(text: string): Set<string> {
  const capitalised = new Set<string>();
  const lower = new Set<string>();
  for (const [word] of text.matchAll(/[\p{L}\p{N}'-]+/gu)) {
    const folded = word.toLocaleLowerCase('und');
    if (/^\p{Lu}/u.test(word)) capitalised.add(folded);
    else lower.add(folded);
  }
  return new Set([...capitalised].filter((w) => !lower.has(w)).map(foldPlural));
}

async function termSimilarities(
  persona: Persona,
  index: PersonaIndex,
  analysis: QuestionAnalysis,
  candidates: readonly Candidate[],
  embedder: Embedder,
  options: EmbedOptions,
): Promise<Map<string, TermSimilarity>> {
  const top = candidates.slice(0, TERM_SIMILARITY_DEPTH).map((c) => ({
    id: c.passage.id,
    terms: [...new Set(terms(`${c.passage.text} ${c.passage.context}`))].slice(0, MAX_PASSAGE_TERMS),
    names: namesIn(`${c.passage.text} ${c.passage.context}`),
  }));
  const asked = analysis.terms.slice(0, MAX_PASSAGE_TERMS);
  const embeddable = (word: string) => Array.from(word).length <= MAX_WORD_CHARS;
  const result = new Map<string, TermSimilarity>();
  if (asked.length === 0) return result;
  const vectors = await index.wordVectorsFor(
    persona,
    embedder,
    [...asked, ...top.flatMap((t) => t.terms)].filter(embeddable),
    options,
  );
  for (const { id, terms: held, names } of top) {
    let sum = 0;
    let weakest = 1;
    const byTerm = new Map<string, number>();
    const commonByTerm = new Map<string, number>();
    for (const term of asked) {
      const own = vectors.get(term);
      let best = 0;
      let bestCommon = 0;
      for (const word of held) {
        const other = vectors.get(word);
        const similarity = word === term ? 1 : own && other ? cosine(own, other) : 0;
        best = Math.max(best, similarity);
        if (!names.has(word)) bestCommon = Math.max(bestCommon, similarity);
      }
      sum += best;
      weakest = Math.min(weakest, best);
      byTerm.set(term, best);
      commonByTerm.set(term, bestCommon);
    }
    result.set(id, { mean: sum / asked.length, weakest, byTerm, commonByTerm });
  }
  return result;
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
  options: RetrieveOptions = {},
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
  const candidates = fuseRankings(lexical, semantic, similarity(query));
  let similarities: Map<string, TermSimilarity> | undefined;
  try {
    if (options.termSimilarities) {
      similarities = await termSimilarities(persona, index, analysis, candidates, embedder, { signal: options.signal });
    }
  } catch (error) {
    if (options.signal?.aborted || !(error instanceof DomainError) || error.code !== 'model_unavailable') throw error;
  }
  return {
    analysis,
    candidates,
    ...(focusVector ? { focusCosines: similarity(focusVector) } : {}),
    ...(similarities ? { termSimilarities: similarities } : {}),
  };
}
