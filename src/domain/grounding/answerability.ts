import { holdsAnswerType } from './evidence.js';
import type { IndexedPersona } from './persona-index.js';
import type { QuestionAnalysis } from './question-analysis.js';
import type { Candidate } from './semantic-ranking.js';
import { presentTerms } from './term-match.js';

/**
 * Thresholds of the "does this passage answer the question" decision, fitted on the dev split
 * of the evaluation corpus (docs/adr/0401): see `judge`.
 */
export interface Calibration {
  /** Candidates examined, best fused first. */
  readonly depth: number;
  /** Share of the question's terms a passage must contain to support it on words alone. */
  readonly coverage: number;
  /** Cosine similarity that supports a passage on meaning alone (it must still share a word, or the type). */
  readonly cosine: number;
  /** Together: a passage sharing at least `pairCoverage` of the terms and `pairCosine` of meaning. */
  readonly pairCoverage: number;
  readonly pairCosine: number;
  /** A passage sharing no term at all needs this much meaning. */
  readonly bareCosine: number;
  /** An opinion question ("what do you think of ...") needs this share of its terms. */
  readonly opinionCoverage: number;
}

export const DEFAULT_CALIBRATION: Calibration = {
  depth: 10,
  coverage: 0.5,
  cosine: 0.45,
  pairCoverage: 0.2,
  pairCosine: 0.3,
  bareCosine: 0.55,
  opinionCoverage: 0.75,
};

/** Why a passage was judged as it was: the signals of the decision. */
export interface Judgement {
  readonly candidate: Candidate;
  /** Share of the question's terms in the passage (its words and its context). */
  readonly coverage: number;
  /** The asked-for thing ("breed", "football team") is named by the passage, or none is asked for. */
  readonly focus: boolean;
  /** The passage holds something of the asked-for kind (a name, a year, a sum of money). */
  readonly typed: boolean;
  readonly supported: boolean;
}

function assess(
  analysis: QuestionAnalysis,
  candidate: Candidate,
  indexed: IndexedPersona,
): Omit<Judgement, 'supported'> {
  const { passage } = candidate;
  const context = `${passage.text} ${passage.hints}`;
  const coverage =
    analysis.terms.length === 0 ? 0 : presentTerms(analysis.terms, context).length / analysis.terms.length;
  // The head of the asked-for phrase ("team" in "football team") must be there.
  const head = analysis.focus.at(-1);
  const focus = head === undefined || presentTerms([head], context).length > 0;
  const typed = holdsAnswerType(analysis, passage.text, indexed.vocabulary, passage.hints);
  return { candidate, coverage, focus, typed };
}

function supported(
  analysis: QuestionAnalysis,
  judged: Omit<Judgement, 'supported'>,
  calibration: Calibration,
): boolean {
  const { coverage, candidate } = judged;
  if (!judged.typed || !judged.focus) return false;
  if (analysis.opinion) return coverage >= calibration.opinionCoverage;
  const cosine = candidate.cosine;
  if (cosine === undefined) {
    // Words alone: more than half the terms, or half when they name the passage's topic.
    return (
      coverage > calibration.coverage || (coverage === calibration.coverage && candidate.lexical?.hintMatched === true)
    );
  }
  if (coverage === 0) return cosine >= calibration.bareCosine;
  return (
    coverage >= calibration.coverage ||
    cosine >= calibration.cosine ||
    (coverage >= calibration.pairCoverage && cosine >= calibration.pairCosine)
  );
}

/**
 * Picks the passage that answers the question among the best fused candidates, or says none
 * does. A passage qualifies only when it holds the kind of thing asked for (a name next to
 * "dog" for "what's your dog called", never the owner's own name; a year for "when") and
 * names the asked-for thing ("breed" in "what breed is Kinako"); among those, the one sharing
 * most words and meaning with the question is judged against the calibrated thresholds.
 */
export function judge(
  analysis: QuestionAnalysis,
  candidates: readonly Candidate[],
  indexed: IndexedPersona,
  calibration: Calibration = DEFAULT_CALIBRATION,
): Judgement | null {
  let best: Omit<Judgement, 'supported'> | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const candidate of candidates.slice(0, calibration.depth)) {
    const judged = assess(analysis, candidate, indexed);
    if (!judged.typed || !judged.focus) continue;
    const both = candidate.lexicalRank !== undefined && candidate.semanticRank !== undefined ? 0.3 : 0;
    const score = judged.coverage + (candidate.cosine ?? 0) + both;
    if (score > bestScore) {
      best = judged;
      bestScore = score;
    }
  }
  if (!best) return null;
  return { ...best, supported: supported(analysis, best, calibration) };
}
