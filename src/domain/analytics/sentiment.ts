import { dan, deu, eng, fin, fra, ita, nld, nob, pol, por, ron, spa, swe, tur } from 'stopword';
import vader from 'vader-sentiment';
import { lexicon } from 'vader-sentiment/src/vader_lexicon.js';
import { wordRuns } from '../text/word-runs.js';

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

export interface Sentiment {
  /** VADER's compound score in [-1, 1]; 0 for text VADER cannot read (not English). */
  readonly compound: number;
  readonly label: SentimentLabel;
}

/**
 * VADER's recommended thresholds: compound >= 0.05 is positive, <= -0.05 negative,
 * anything between neutral (Hutto & Gilbert 2014, and the vaderSentiment README).
 */
export const POSITIVE_THRESHOLD = 0.05;
export const NEGATIVE_THRESHOLD = -0.05;

const NEUTRAL: Sentiment = { compound: 0, label: 'neutral' };
// The lexicon ships as an ES module inside the package (Node >= 20.19 detects its syntax).
const LEXICON = lexicon;
const ENGLISH = new Set(eng);
// Stop words that mark another Latin-script language; words shared with English ("a", "in") say nothing.
const OTHER_LANGUAGES = new Set(
  [dan, deu, fin, fra, ita, nld, nob, pol, por, ron, spa, swe, tur].flat().filter((w) => !ENGLISH.has(w)),
);
const LATIN = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;
// VADER strips only ASCII punctuation from a token's edges.
const EDGE_PUNCTUATION = /[!-/:-@[-`{-~]/;

/** Sentiment of a visitor's message. Only English is scored: VADER's lexicon is English, so other languages are neutral, never negative. */
export function sentimentOf(text: string): Sentiment {
  if (!mightHaveValence(text) || !looksEnglish(text)) return NEUTRAL;
  const compound = vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
  return { compound, label: labelOf(compound) };
}

export function labelOf(compound: number): SentimentLabel {
  if (compound >= POSITIVE_THRESHOLD) return 'positive';
  if (compound <= NEGATIVE_THRESHOLD) return 'negative';
  return 'neutral';
}

/**
 * VADER scores only tokens found in its lexicon (boosters, negations and "but" only scale
 * those), so text with no lexicon token is exactly 0. Checking that first skips VADER for
 * most questions, which makes analytics ~10x faster. A token is looked up whole and with
 * one edge punctuation character removed, a superset of the forms VADER itself looks up.
 */
export function mightHaveValence(text: string): boolean {
  for (const token of text.split(/\s/)) {
    if (token.length < 2) continue;
    const lower = token.toLowerCase();
    if (Object.hasOwn(LEXICON, lower)) return true;
    const head = EDGE_PUNCTUATION.test(lower[0] as string);
    const tail = EDGE_PUNCTUATION.test(lower.at(-1) as string);
    if (head && Object.hasOwn(LEXICON, lower.slice(1))) return true;
    if (tail && Object.hasOwn(LEXICON, lower.slice(0, -1))) return true;
    if (head && tail && Object.hasOwn(LEXICON, lower.slice(1, -1))) return true;
  }
  return false;
}

/**
 * English unless most words are in another script, or more of its stop words belong to
 * another Latin-script language than to English ("esto es terrible" is Spanish). Text with
 * no stop words at all ("great!", ":)") counts as English.
 */
export function looksEnglish(text: string): boolean {
  let latin = 0;
  let other = 0;
  let englishStops = 0;
  let foreignStops = 0;
  for (const run of wordRuns(text)) {
    for (const word of run) {
      if (!LETTER.test(word)) continue;
      if (!LATIN.test(word)) {
        other++;
        continue;
      }
      latin++;
      const lower = word.toLowerCase();
      if (ENGLISH.has(lower)) englishStops++;
      else if (OTHER_LANGUAGES.has(lower)) foreignStops++;
    }
  }
  if (other > latin) return false;
  return foreignStops <= englishStops;
}
