import type { Block } from './blocks.js';
import { dateSpan } from './entry-dates.js';
import type { QuestionAnalysis } from './question-analysis.js';

/**
 * The activity a question asks about, for the checks that a passage speaks of it (docs/adr/0404):
 * "How long have you lived in Lisbon?" is answered by a duration of living there, not by the
 * dates of a job in Lisbon; "What do you build?" asks about now, not about a job that ended.
 */

// Verbs that carry no activity of their own: "How long have you been a baker?" is about "baker".
const EMPTY_VERBS = new Set(
  'been be being had have having got get getting known know done do doing did making make'.split(' '),
);
const NOT_VERBS = new Set('a an the my your our this that here there in at on with for to of so'.split(' '));
// Everyday ways of saying the same activity ("lived" and "moved to", "based in").
const KIN: Readonly<Record<string, readonly string[]>> = {
  liv: ['live', 'lived', 'living', 'lives', 'moved', 'move', 'based', 'home', 'resident', 'settled', 'relocated'],
  work: ['work', 'worked', 'working', 'works', 'job', 'employed', 'joined', 'role', 'position'],
  stud: ['study', 'studied', 'studying', 'student', 'degree', 'school', 'university'],
  play: ['play', 'played', 'playing', 'plays'],
};
// Verbs of a state or a view, not of an activity: "What do you know about Kafka?" may be answered from any time.
const STATIVE = new Set(
  'know think mean like love enjoy prefer recommend believe remember feel want need see consider say call'.split(' '),
);

function stem(verb: string): string {
  return verb.replace(/(?:ing|ied|ies|ed|es|s|e)$/u, '') || verb;
}

/** "How long have you lived ..." -> "lived"; null when the duration is of no activity word ("been"). */
export function durationActivity(words: readonly string[]): string | null {
  const phrase = words.join(' ');
  const found = /\bhow long (?:\S+ ){0,2}?(?:you|u) (?:\S+ly )?(?:been )?([\p{L}-]+)/u.exec(phrase)?.[1];
  // "been a chef", "been in Porto": no verb of an activity follows.
  return found && !EMPTY_VERBS.has(found) && !NOT_VERBS.has(found) ? found : null;
}

/** The passage speaks of the activity: a form of its verb, an everyday kin of it, or (work) it is a job entry. */
export function activityMet(activity: string, text: string, block: Block | undefined): boolean {
  const root = stem(activity);
  const kin = Object.entries(KIN).find(([key]) => root.startsWith(key))?.[1] ?? [];
  if (kin.includes('job') && block?.shape === 'entry') return true;
  const held = text.toLocaleLowerCase('und').split(/[^\p{L}\p{N}'-]+/u);
  return held.some((word) => (root.length >= 3 && word.startsWith(root)) || kin.includes(word));
}

/** "What do you build?": a present-tense question about an activity (not a state, not a past time). */
export function asksAboutNow(words: readonly string[]): boolean {
  const verb = /\bwhat (?:do|does) (?:you|u) (?:\S+ly )?([\p{L}-]+)/u.exec(words.join(' '))?.[1];
  return verb !== undefined && !STATIVE.has(verb) && !EMPTY_VERBS.has(verb);
}

/** A unit of a dated entry that has ended (a past job or degree): what "what do you ..." is not about. */
export function endedEntry(block: Block | undefined, index: number): boolean {
  if (!block) return false;
  const head =
    block.shape === 'entry' ? block.units[0] : block.shape === 'fact' && block.records ? block.units[index] : undefined;
  const span = head === undefined ? null : dateSpan(head);
  return span !== null && Number.isFinite(span.end);
}

/**
 * "How long have you lived in ...": a passage giving a duration answers only when it speaks of
 * that activity; "What do you build?": an entry that has ended is about another time.
 */
export function speaksOfActivity(
  analysis: QuestionAnalysis,
  about: string,
  block: Block | undefined,
  index: number,
): boolean {
  const activity = analysis.type === 'duration' ? durationActivity(analysis.words) : null;
  if (activity !== null && !activityMet(activity, about, block)) return false;
  return !(analysis.type === 'open' && asksAboutNow(analysis.words) && endedEntry(block, index));
}
