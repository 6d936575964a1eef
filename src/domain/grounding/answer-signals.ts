import { notEnglish, words } from '../text/text.js';
import { terms } from './grounding.js';
import type { IndexedPersona } from './persona-index.js';
import type { QuestionAnalysis } from './question-analysis.js';
import type { Candidate } from './semantic-ranking.js';
import { termPresent } from './term-match.js';

/** What `assess` finds in one candidate passage (docs/adr/0402). */
export interface Assessed {
  readonly candidate: Candidate;
  /** Share of the question's terms in the passage (its words and context; one only among its search synonyms counts half). */
  readonly coverage: number;
  /** The same, search synonyms counting fully: the measure of the words-only decision. */
  readonly lexicalCoverage: number;
  /** The asked-for thing ("breed", "football team") is named by the passage, or none is asked for. */
  readonly focus: boolean;
  /** The passage holds something of the asked-for kind (a name, a year, a sum of money). */
  readonly typed: boolean;
  /** The yes/no question's object ("a dog") is named by the passage or by a word close to it, or none is asked about. */
  readonly object: boolean;
}

/** What the retrieval measured about the candidates beyond their rankings (src/domain/grounding/hybrid-retrieval.ts). */
export interface PassageSimilarities {
  /** Cosine of each passage (by id) to the asked-for thing alone. */
  readonly focusCosines?: ReadonlyMap<string, number>;
  /** Word-level closeness of each of the best candidates (by id) to the question's terms. */
  readonly termSimilarities?: ReadonlyMap<string, TermSimilarity>;
}

/** Over the question's terms, the best cosine between the term and a word of the passage: their mean, and the least. */
export interface TermSimilarity {
  readonly mean: number;
  readonly weakest: number;
  /** Each asked term's best cosine to a word of the passage (1 for a word the passage holds). */
  readonly byTerm: ReadonlyMap<string, number>;
  /**
   * The same over the passage's common words only, never a word it writes only as a name:
   * "Brunel" (a sourdough starter) is close to "loom" for the encoder, and says nothing of looms.
   */
  readonly commonByTerm: ReadonlyMap<string, number>;
}

/** Whether the question names this fact's own key ("Email?", "instrument"). */
export function keyAsked(analysis: QuestionAnalysis, candidate: Candidate): boolean {
  const key = candidate.passage.source === 'facts.json' ? candidate.passage.block.slice('facts.json#'.length) : '';
  const keyWords = terms(key.replace(/[_-]+/gu, ' '));
  return keyWords.length > 0 && keyWords.every((word) => termPresent(word, new Set(analysis.terms)));
}

/** How many of the persona's own names the passage holds, for "what's your name?" only. */
export function selfNamesHeld(analysis: QuestionAnalysis, candidate: Candidate, indexed: IndexedPersona): number {
  return analysis.type === 'name' && analysis.owner === null
    ? words(candidate.passage.text).filter((w) => indexed.vocabulary.selfNames.has(w)).length
    : 0;
}

/**
 * The signals of one candidate passage that the answer selector weighs, in this order
 * (docs/adr/0402): shares of the question's terms it holds, its cosine to the question (and
 * how far below the best candidate's), its places in both rankings, whether it holds what is
 * asked for, and what kind of text it is.
 */
export const CANDIDATE_SIGNALS = [
  'coverage',
  'lexicalCoverage',
  'cosine',
  'cosineBelowBest',
  'coverageBelowBest',
  'lexicalReciprocalRank',
  'semanticReciprocalRank',
  'bm25ShareOfBest',
  'hintMatched',
  'typed',
  'focus',
  'keyAsked',
  'selfNames',
  'focusCosine',
  'fromFacts',
  'fromPdf',
  'listItem',
  'resumeEntry',
  'ownerAnswer',
  'firstUnit',
  'length',
  'bothRankings',
  'fused',
  'termSimilarity',
] as const;

/** The signals of each candidate, in the order of CANDIDATE_SIGNALS. */
export function candidateSignals(
  analysis: QuestionAnalysis,
  assessed: readonly Assessed[],
  indexed: IndexedPersona,
  { focusCosines, termSimilarities }: PassageSimilarities,
): number[][] {
  const bestCosine = Math.max(...assessed.map((a) => a.candidate.cosine ?? 0));
  const bestCoverage = Math.max(...assessed.map((a) => a.coverage));
  const bestBm25 = Math.max(1e-9, ...assessed.map((a) => a.candidate.lexical?.score ?? 0));
  return assessed.map((a) => {
    const { candidate } = a;
    const { passage } = candidate;
    const shape = indexed.blocks.get(passage.block)?.shape;
    const cosine = candidate.cosine ?? 0;
    return [
      a.coverage,
      a.lexicalCoverage,
      cosine,
      cosine - bestCosine,
      a.coverage - bestCoverage,
      candidate.lexicalRank === undefined ? 0 : 1 / (1 + candidate.lexicalRank),
      candidate.semanticRank === undefined ? 0 : 1 / (1 + candidate.semanticRank),
      (candidate.lexical?.score ?? 0) / bestBm25,
      candidate.lexical?.hintMatched ? 1 : 0,
      a.typed ? 1 : 0,
      a.focus ? 1 : 0,
      keyAsked(analysis, candidate) ? 1 : 0,
      selfNamesHeld(analysis, candidate, indexed) * 0.1,
      analysis.focus.length > 0 ? Math.max(focusCosines?.get(passage.id) ?? 0, 0) : 0,
      passage.source === 'facts.json' ? 1 : 0,
      /\.pdf$/iu.test(passage.source) ? 1 : 0,
      shape === 'list' ? 1 : 0,
      shape === 'entry' ? 1 : 0,
      shape === 'answer' ? 1 : 0,
      passage.index === 0 ? 1 : 0,
      Math.min(passage.text.split(/\s+/u).length, 40) / 40,
      candidate.lexicalRank !== undefined && candidate.semanticRank !== undefined ? 1 : 0,
      candidate.fused * 20,
      termSimilarities?.get(passage.id)?.mean ?? a.coverage,
    ];
  });
}

/**
 * The signals of the answerability decision, in this order: the selector's score of the chosen
 * passage and its margin over the next, the chosen passage's and the best cosines, its term
 * coverage and word-level similarity, and what the question asks for. Raw BM25 scores are left
 * out: their scale grows with a persona's vocabulary, so a threshold on them does not carry
 * from one persona to another (leave-one-persona-out on dev was better without them).
 */
export const ANSWERABILITY_SIGNALS = [
  'selectorScore',
  'selectorMargin',
  'cosine',
  'bestCosine',
  'coverage',
  'lexicalCoverage',
  'hintMatched',
  'keyAsked',
  'questionTerms',
  'openQuestion',
  'focusCosine',
  'qualifyingShare',
  'fused',
  'opinion',
  'openCoverage',
  'otherLanguage',
  'otherLanguageCoverage',
  'termSimilarity',
  'bestTermSimilarity',
  'weakestTerm',
  'objectMet',
] as const;

/** No runner-up: the margin is this large (in selector score units). */
const LONE_MARGIN = 3;

export function answerabilitySignals(
  analysis: QuestionAnalysis,
  assessed: readonly Assessed[],
  scores: readonly number[],
  chosen: number,
  runnerUp: number | undefined,
  qualifying: number,
  { focusCosines, termSimilarities }: PassageSimilarities,
): number[] {
  const best = assessed[chosen] as Assessed;
  const { candidate } = best;
  const open = analysis.type === 'open' || analysis.type === 'yesno' ? 1 : 0;
  // The local encoder reads English: in other languages its cosines say less, the shared words more.
  const foreign = notEnglish(analysis.words) ? 1 : 0;
  return [
    scores[chosen] as number,
    runnerUp === undefined ? LONE_MARGIN : (scores[chosen] as number) - (scores[runnerUp] as number),
    candidate.cosine ?? 0,
    Math.max(...assessed.map((a) => a.candidate.cosine ?? 0)),
    best.coverage,
    best.lexicalCoverage,
    candidate.lexical?.hintMatched ? 1 : 0,
    keyAsked(analysis, candidate) ? 1 : 0,
    Math.min(analysis.terms.length, 6) / 6,
    open,
    analysis.focus.length > 0 ? Math.max(focusCosines?.get(candidate.passage.id) ?? 0, 0) : 0,
    qualifying / assessed.length,
    candidate.fused * 20,
    analysis.opinion ? 1 : 0,
    best.coverage * open,
    foreign,
    foreign * best.coverage,
    termSimilarities?.get(candidate.passage.id)?.mean ?? best.coverage,
    Math.max(...assessed.map((a) => termSimilarities?.get(a.candidate.passage.id)?.mean ?? a.coverage)),
    termSimilarities?.get(candidate.passage.id)?.weakest ?? best.coverage,
    // A yes/no question whose object the chosen passage names (every chosen one does: asked-object.ts).
    analysis.object === null ? 0 : 1,
  ];
}
