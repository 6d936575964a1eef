import { contentWords, foldPlural } from '../text/text.js';
import { monthOf } from './entry-dates.js';
import { questionWords } from './question-words.js';

/**
 * Questions about the order of résumé entries ("Where did you work before Lumenfold?", "What
 * was your second job?", "your previous role", "What did you study after the BSc?", "Where did
 * you work in 2018?"); entry-order.ts finds the entry that answers them (docs/adr/0404).
 * Ranking cannot answer these: the passage naming the reference is the one that ranks first,
 * and it is never the answer.
 */
export type OrderQuestion =
  | {
      readonly kind: 'before' | 'after';
      /** Words naming the reference; empty for "before that", "and after?": the entry the conversation last named. */
      readonly reference: readonly string[];
      /**
       * The reference is a common noun ("the institute", "your hospital"), not a name: every
       * entry naming it closely is one of several places, of which the current one is meant.
       */
      readonly common: boolean;
      readonly topic: Topic;
      /**
       * The topic is asked in so many words ("Where did you work after university?"): the answer
       * is of that topic even when the reference is not; else it is of the reference's own list.
       */
      readonly topicAsked: boolean;
    }
  /** The n-th entry by date, from 1 ("first", "second job", "3rd degree"). */
  | { readonly kind: 'nth'; readonly n: number; readonly topic: Topic }
  /** "previous", "former", "last" job: the one before the current, or the latest when none is current. */
  | { readonly kind: 'previous'; readonly topic: Topic }
  /** "in 2018", "during March 2018": the entry covering most of that span, in months (`from` to `to`). */
  | { readonly kind: 'during'; readonly from: number; readonly to: number; readonly topic: Topic };

export type Topic = 'work' | 'education';

const EDUCATION_WORDS = new Set(
  'study studied studies studying degree degrees university universities school college education graduate graduated bachelor master masters phd doctorate diploma course'.split(
    ' ',
  ),
);
// Words asking about work: they decide the topic over a reference's own ("work after university").
const WORK_WORDS = new Set(
  'work worked working job jobs employer employers employed company companies role roles position positions career'.split(
    ' ',
  ),
);
// Words of a reference that name no entry ("before your current job"): the reference is then the current entry.
const GENERIC = new Set(
  'job jobs role roles position positions employer employers company current present work working worked joining joined join move moved moving start started starting go going went this that then there one study studied studying degree'.split(
    ' ',
  ),
);
// Words of an order question that carry no topic of their own ("What did you do before?", "Where were you working after that?").
const ASKING = new Set(
  'do did doing done tell employed career study studies college school university education'.split(' '),
);
const ORDINALS = 'first second third fourth fifth sixth seventh eighth ninth tenth'.split(' ');
const ORDINAL =
  /\b(?:(first|earliest|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)|(\d{1,2})(?:st|nd|rd|th)) (?:(?:real|proper|full-time|paid|ever) )?(job|jobs|position|role|employer|company|work|degree|university|school)\b/u;
// "in 2018", "during March 2018", "back in 2018": a work or study question about a time.
const DURING = /\b(?:in|during|around)\s+(?:([\p{L}]{3,10})\.?\s+)?((?:19|20)\d{2})\b/u;

// Before a common noun ("the institute"); a name goes without ("Lumenfold"), whatever its capitals.
const DETERMINERS = 'the|your|my|our|this|that|a|an';
// What follows "before"/"after" in a follow-up: nothing, or a word pointing back ("that", "then", "it").
const ANAPHORA = /^\s*(?:(?:that|then|it|this|there|those)\b.*)?$/u;

/** The topic asked: the asking words' first ("Where did you work after university?"), then any word of the question. */
function topicOf(asking: readonly string[], all: readonly string[]): { topic: Topic; topicAsked: boolean } {
  if (asking.some((w) => EDUCATION_WORDS.has(w))) return { topic: 'education', topicAsked: true };
  if (asking.some((w) => WORK_WORDS.has(w))) return { topic: 'work', topicAsked: true };
  return { topic: all.some((w) => EDUCATION_WORDS.has(w)) ? 'education' : 'work', topicAsked: false };
}

/** Reads an order question; null when the question asks for no order. Bounded: reads MAX_QUESTION_WORDS words. */
export function orderQuestion(text: string): OrderQuestion | null {
  const words = questionWords(text);
  const phrase = words.join(' ');
  const marker = /\b(before|prior to|after|following)\b(.*)$/u.exec(phrase);
  const { topic, topicAsked } = topicOf(marker ? phrase.slice(0, marker.index).split(' ') : words, words);
  const ordinal = ORDINAL.exec(phrase);
  // "your very first job after university" asks for the first one: the marker only qualifies it.
  if (ordinal && (!marker || ordinal.index < marker.index)) {
    const n = ordinal[1] === 'earliest' ? 1 : ordinal[1] ? ORDINALS.indexOf(ordinal[1]) + 1 : Number(ordinal[2]);
    const about = /degree|university|school/u.test(ordinal[3] ?? '') ? 'education' : 'work';
    return n >= 1 ? { kind: 'nth', n, topic: about } : null;
  }
  if (marker) {
    const kind = marker[1] === 'after' || marker[1] === 'following' ? 'after' : 'before';
    const rest = marker[2] ?? '';
    const reference = contentWords(rest)
      .map(foldPlural)
      .filter((w) => !GENERIC.has(w));
    const [head] = reference;
    const common =
      head !== undefined &&
      new RegExp(`\\b(?:${DETERMINERS}) ${head.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}`, 'u').test(rest);
    if (reference.length > 0) return { kind, reference, common, topic, topicAsked };
    // "Have you used Kafka before?" asks about Kafka, not about an order of entries.
    const asking = contentWords(phrase.slice(0, marker.index)).filter((w) => !GENERIC.has(w) && !ASKING.has(w));
    if (asking.length > 0) return null;
    // "And before that?", "after it", a bare "before": next to the entry the conversation last named.
    if (ANAPHORA.test(rest)) return { kind, reference: [], common: false, topic, topicAsked };
    return kind === 'before' ? { kind: 'previous', topic } : null;
  }
  if (/\b(?:previous|prior|former|last) (?:job|position|role|employer|company|work)\b/u.test(phrase))
    return { kind: 'previous', topic: 'work' };
  const during = DURING.exec(phrase);
  if (during && (words.some((w) => WORK_WORDS.has(w) || EDUCATION_WORDS.has(w)) || words.includes('doing'))) {
    const year = Number(during[2]) * 12;
    const month = during[1] ? monthOf(during[1]) : -1;
    return month >= 0
      ? { kind: 'during', from: year + month, to: year + month, topic }
      : { kind: 'during', from: year, to: year + 11, topic };
  }
  return null;
}
