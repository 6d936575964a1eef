import { words } from '../text/text.js';
import { FITTED_ANSWER_MODEL } from './answer-model.fitted.js';
import { type AnswerModel, linear, logistic } from './answer-model.js';
import {
  type Assessed,
  answerabilitySignals,
  candidateSignals,
  keyAsked,
  type PassageSimilarities,
  selfNamesHeld,
} from './answer-signals.js';
import { speaksOfActivity } from './asked-activity.js';
import { holdsAnswerType } from './evidence.js';
import { terms } from './grounding.js';
import { namePresent, objectMet } from './object-match.js';
import type { IndexedPersona } from './persona-index.js';
import type { AnswerType, QuestionAnalysis } from './question-analysis.js';
import type { Candidate } from './semantic-ranking.js';
import { presentTerms } from './term-match.js';

/**
 * Set thresholds of the "does this passage answer the question" decision (docs/adr/0402): see
 * `judge`. With embeddings, the choice and the answerability threshold come from the fitted
 * AnswerModel instead.
 */
export interface Calibration {
  /** Candidates examined, best fused first. */
  readonly depth: number;
  /** Without an embedder: the share of terms a passage must exceed (or meet, when it names its topic). */
  readonly lexicalCoverage: number;
  /** An opinion question ("what do you think of ...") needs this share of its terms. */
  readonly opinionCoverage: number;
  /** Cosine between the asked-for thing alone ("timber") and a passage naming it in other words ("wood"). */
  readonly focusCosine: number;
  /** Least word-level cosine between a yes/no question's object ("dog") and a word of the passage ("dachshund"). */
  readonly objectCosine: number;
}

/** Chosen on the dev split of the evaluation corpus: docs/adr/0402. */
export const DEFAULT_CALIBRATION: Calibration = {
  depth: 10,
  lexicalCoverage: 0.5,
  opinionCoverage: 0.75,
  focusCosine: 0.38,
  objectCosine: 0.75,
};

// Asked-for things that are kinds of answer: "which day" is answered by "Tuesdays", "which town" by a name.
const TYPE_NOUNS: Readonly<Record<string, AnswerType>> = {
  day: 'date',
  weekday: 'date',
  date: 'date',
  year: 'date',
  month: 'date',
  season: 'date',
  city: 'place',
  town: 'place',
  country: 'place',
  place: 'place',
  area: 'place',
  region: 'place',
  neighbourhood: 'place',
  neighborhood: 'place',
  district: 'place',
  person: 'person',
  part: 'place',
  side: 'place',
};

// A stated preference: "favourite wood", "I love", "signature dish", "I recommend".
const PREFERENCE = /\b(?:favou?rites?|best|prefer\S*|love\S*|like\S*|enjoy\S*|recommend\S*|signature)\b/iu;

/** Names the persona mentions rarely ("Camila", "Kwadwo") identify what is asked about: the passage must hold them. */
function rareNamesPresent(analysis: QuestionAnalysis, about: string, indexed: IndexedPersona): boolean {
  const frequency = indexed.vocabulary.nameFrequency;
  const rare = analysis.words.filter((w) => (frequency.get(w) ?? 99) <= 2 && !indexed.vocabulary.selfNames.has(w));
  if (rare.length === 0 || analysis.type === 'place' || analysis.past) return true;
  const lower = about.toLocaleLowerCase('und');
  return rare.some((name) => lower.includes(name));
}

// Words that place a sentence in the present, or in the past: "Before baking I worked as ...".
const PRESENT = /\b(?:currently|present|nowadays|these days|today|now)\b/iu;
// Words that place a sentence in the past: "Before baking I worked as ...", "my first job".
const PAST =
  /\b(?:before|previously|earlier|until|former|formerly|used to|worked|was|were|first|started|began|ago|left)\b/iu;

/**
 * A passage about the present answers no question about an earlier time ("what did you do
 * before?"): the current-role fact, a passage saying "currently" or "to present", or one naming
 * the current employer with nothing placing it in the past.
 */
function aboutThePresent(text: string, id: string, indexed: IndexedPersona): boolean {
  if (id.startsWith('facts.json#current_role') || PRESENT.test(text)) return true;
  const present = new Set(words(text));
  return !PAST.test(text) && [...indexed.currentEmployer].some((name) => present.has(name));
}

/** A passage that answers a question about an earlier time says something of the past: "before", "worked", a year. */
function aboutThePast(text: string): boolean {
  return PAST.test(text) || /\b(?:19|20)\d\d\b/u.test(text);
}

/** Why a passage was judged as it was: the signals of the decision. */
export interface Judgement extends Assessed {
  readonly supported: boolean;
  /** Probability that the question is answerable, by the fitted model (with embeddings only). */
  readonly probability?: number;
  /** A second passage nearly as likely to hold the answer: quoted after the chosen one. */
  readonly runnerUp?: Assessed;
}

export function assess(
  analysis: QuestionAnalysis,
  candidate: Candidate,
  indexed: IndexedPersona,
  similarities: PassageSimilarities,
  calibration: Calibration,
): Assessed {
  const { passage } = candidate;
  const focusCosine = similarities.focusCosines?.get(passage.id);
  const about = `${passage.text} ${passage.context}`;
  // A term found only among a fact's search synonyms ("long" for years of experience) counts half.
  const inText = presentTerms(analysis.terms, about).length;
  const inHints = presentTerms(analysis.terms, `${about} ${passage.hints}`).length;
  const share = (found: number) => (analysis.terms.length === 0 ? 0 : found / analysis.terms.length);
  const coverage = share(inText + (inHints - inText) / 2);
  const typed =
    holdsAnswerType(analysis, passage.text, indexed.vocabulary, passage.hints) &&
    !(analysis.past && (aboutThePresent(passage.text, passage.id, indexed) || !aboutThePast(about))) &&
    (!analysis.preference || PREFERENCE.test(about)) &&
    rareNamesPresent(analysis, about, indexed) &&
    speaksOfActivity(analysis, about, indexed.blocks.get(passage.block), passage.index);
  // The head of the asked-for phrase ("team" in "football team") must be there: in words, in
  // meaning ("timber" for "wood"), or as a kind of answer ("which day" and "Tuesdays").
  const head = analysis.focus.at(-1);
  const headType = head === undefined ? undefined : TYPE_NOUNS[head];
  const focus =
    head === undefined ||
    presentTerms([head], about).length > 0 ||
    terms(passage.hints).includes(head) ||
    (focusCosine !== undefined && focusCosine >= calibration.focusCosine) ||
    (headType !== undefined && holdsAnswerType({ ...analysis, type: headType }, passage.text, indexed.vocabulary));
  const object =
    // "Where did you work before Lumenfold?": in a question about an earlier time, a name is the reference point.
    (analysis.past || analysis.names.every((name) => namePresent(name, `${about} ${passage.hints}`))) &&
    objectMet(
      analysis.object,
      // A fact's search synonyms ("job" for the current role) are not what it says: the object must be in its text or key.
      passage.source === 'facts.json' ? about : `${about} ${passage.hints}`,
      similarities.termSimilarities?.get(passage.id),
      calibration.objectCosine,
    );
  return { candidate, coverage, lexicalCoverage: share(inHints), focus, typed, object };
}

/** A candidate may answer: it holds the asked-for kind of thing, names the asked-for thing and the yes/no question's object. */
export function qualifies(assessed: Assessed): boolean {
  return assessed.typed && assessed.focus && assessed.object;
}

/** The words-only decision (no embedder): more than half of the terms, or half when they name the passage's topic. */
function supported(analysis: QuestionAnalysis, judged: Assessed, calibration: Calibration): boolean {
  const { coverage, lexicalCoverage, candidate } = judged;
  if (!judged.typed || !judged.focus) return false;
  if (analysis.opinion) return coverage >= calibration.opinionCoverage;
  // "What's your name?": every word is a cue, and the persona's own name is the evidence.
  if (analysis.type === 'name' && analysis.owner === null && analysis.terms.length === 0) return true;
  return (
    lexicalCoverage > calibration.lexicalCoverage ||
    (lexicalCoverage === calibration.lexicalCoverage && candidate.lexical?.hintMatched === true)
  );
}

/** The words-only selection score: coverage, +0.3 for an asked-for fact key, +0.1 per own name for "what's your name". */
function lexicalScore(
  analysis: QuestionAnalysis,
  candidate: Candidate,
  coverage: number,
  indexed: IndexedPersona,
): number {
  // A fact whose own key is asked about ("Email?", "instrument") is the answer itself.
  const keyed = keyAsked(analysis, candidate) ? 0.3 : 0;
  // "What's your full name?": of the persona's name facts, the one naming the most.
  return coverage + keyed + selfNamesHeld(analysis, candidate, indexed) * 0.1;
}

/**
 * Picks the passage that answers the question among the best fused candidates, or says none
 * does. A passage qualifies only when it holds the kind of thing asked for (a name next to
 * "dog" for "what's your dog called", never the owner's own name; a year for "when") and
 * names the asked-for thing ("breed" in "what breed is Kinako"). With embeddings, the fitted
 * `model` chooses among those and decides answerability (`judgeBySignals`); by words alone,
 * the one sharing most words with the question is judged against the calibrated thresholds.
 */
export function judge(
  analysis: QuestionAnalysis,
  candidates: readonly Candidate[],
  indexed: IndexedPersona,
  similarities: PassageSimilarities = {},
  calibration: Calibration = DEFAULT_CALIBRATION,
  model: AnswerModel = FITTED_ANSWER_MODEL,
): Judgement | null {
  if (candidates[0]?.cosine !== undefined) {
    return judgeBySignals(analysis, candidates, indexed, similarities, calibration, model);
  }
  let best: Assessed | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const candidate of candidates.slice(0, calibration.depth)) {
    const judged = assess(analysis, candidate, indexed, similarities, calibration);
    if (!qualifies(judged)) continue;
    const score = lexicalScore(analysis, candidate, judged.coverage, indexed);
    if (score > bestScore) {
      best = judged;
      bestScore = score;
    }
  }
  if (!best) return null;
  return { ...best, supported: supported(analysis, best, calibration) };
}

/**
 * The decision with embeddings: the fitted selector scores the best fused candidates; the
 * best-scoring one that holds what is asked for is chosen; the fitted answerability model
 * turns its signals into the probability that the question is answerable at all.
 */
function judgeBySignals(
  analysis: QuestionAnalysis,
  candidates: readonly Candidate[],
  indexed: IndexedPersona,
  similarities: PassageSimilarities,
  calibration: Calibration,
  model: AnswerModel,
): Judgement | null {
  const assessed = candidates
    .slice(0, calibration.depth)
    .map((candidate) => assess(analysis, candidate, indexed, similarities, calibration));
  const scores = candidateSignals(analysis, assessed, indexed, similarities).map((x) => linear(model.selector, x));
  const qualifying = assessed
    .map((_, i) => i)
    .filter((i) => qualifies(assessed[i] as Assessed))
    .sort((a, b) => (scores[b] as number) - (scores[a] as number));
  const [chosen, next] = qualifying;
  if (chosen === undefined) return null;
  const best = assessed[chosen] as Assessed;
  const signals = answerabilitySignals(analysis, assessed, scores, chosen, next, qualifying.length, similarities);
  const probability = logistic(linear(model.answerability, signals));
  const ownName = analysis.type === 'name' && analysis.owner === null && analysis.terms.length === 0;
  const answers = analysis.opinion
    ? best.coverage >= calibration.opinionCoverage
    : ownName || probability >= model.threshold;
  const close =
    next !== undefined && Math.exp((scores[next] as number) - (scores[chosen] as number)) >= model.secondRatio;
  return { ...best, supported: answers, probability, ...(close ? { runnerUp: assessed[next] as Assessed } : {}) };
}
