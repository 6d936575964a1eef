import type { AnswerType, QuestionAnalysis } from './question-analysis.js';

/** What the persona as a whole says about words, for telling names from ordinary words. */
export interface PersonaVocabulary {
  /** Words seen in lower case somewhere in the persona: "Kelp" opening a sentence is not a name. */
  readonly lowercase: ReadonlySet<string>;
  /** Capitalised words seen inside a sentence: a capital opening a sentence proves nothing, one inside does. */
  readonly capitalisedInside: ReadonlySet<string>;
  /** In how many passages each name (a word never written in lower case) appears: rare ones identify a topic. */
  readonly nameFrequency: ReadonlyMap<string, number>;
  /** The words of the persona's own names (lower case). */
  readonly selfNames: ReadonlySet<string>;
}

const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.-]*/gu;

const CALENDAR =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|spring|summer|autumn|fall|winter)$/u;
const NUMBER_WORDS =
  /\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|half|double|twice|third|fifth)\b/iu;
const TIME_UNITS = /(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|nights?|mornings?|evenings?)\b/iu;
// People by their relation to the persona: "who runs it with you" -> "my wife".
const PERSON_NOUNS =
  /\b(?:wife|husband|partner|spouse|fiancée?|uncle|aunt|mother|father|mum|mom|dad|parents?|sons?|daughters?|brothers?|sisters?|cousins?|grand(?:mother|father|parents?)|family|friends?|colleagues?|team|boss|manager|mentor|teacher|professor|supervisor|coach|children|kids|boys|girls|neighbou?rs?)\b/iu;
const CURRENCY =
  /[$€£¥₹₩₱₦₵]|\b(?:usd|eur|gbp|jpy|nok|sek|dkk|chf|clp|ghs|cad|aud|inr|yen|euros?|dollars?|pounds?|pesos?|kroner?|kronor|krona|francs?|cedis?|rupees?|reais|yuan|won)\b/iu;
const FREE = /\b(?:free of charge|for free|no charge|is free|are free|without charge|costs? nothing)\b/iu;

interface Token {
  readonly text: string;
  readonly lower: string;
  readonly index: number;
  /** First token of a sentence (or of the text). */
  readonly initial: boolean;
}

export function tokens(text: string): Token[] {
  const result: Token[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0].replace(/[.'’-]+$/u, '');
    const between = text.slice(previousEnd, match.index);
    result.push({
      text: raw,
      lower: raw.toLocaleLowerCase('und'),
      index: result.length,
      initial: result.length === 0 || /[.!?]\s*$/u.test(between) || /^\s*[-–•]\s*$/u.test(between),
    });
    previousEnd = (match.index ?? 0) + match[0].length;
  }
  return result;
}

/** A name: capitalised, never written in lower case in the persona, not a month or weekday. */
function isProperNoun(token: Token, vocabulary: PersonaVocabulary): boolean {
  return (
    /^\p{Lu}/u.test(token.text) &&
    (!token.initial || vocabulary.capitalisedInside.has(token.lower)) &&
    token.text.length > 1 &&
    !vocabulary.lowercase.has(token.lower) &&
    !CALENDAR.test(token.lower) &&
    token.lower !== 'i'
  );
}

/** Names in the text that the question does not already contain. */
function newProperNouns(text: string, asked: ReadonlySet<string>, vocabulary: PersonaVocabulary): Token[] {
  return tokens(text).filter((t) => isProperNoun(t, vocabulary) && !asked.has(t.lower));
}

function hasNumber(text: string, asked: ReadonlySet<string>): boolean {
  const digits = text.match(/\d[\d,.]*/gu) ?? [];
  return digits.some((d) => !asked.has(d.replace(/[.,]$/u, ''))) || NUMBER_WORDS.test(text);
}

function nameNear(text: string, owner: string, asked: ReadonlySet<string>, vocabulary: PersonaVocabulary): boolean {
  const all = tokens(text);
  const names = new Set(newProperNouns(text, asked, vocabulary).map((t) => t.index));
  const ownerStem = owner.replace(/s$/u, '');
  // "our dog Tussa", "our dachshund, Kasimir", "a cat called Anchoa": the name right after the
  // owner (or after "called"), not "our boat out to Kvaløya", a place two words on.
  return all.some(
    (token) =>
      (token.lower.startsWith(ownerStem) || token.lower === 'called' || token.lower === 'named') &&
      (names.has(token.index + 1) ||
        (names.has(token.index + 2) && /^(?:called|named)$/u.test(all[token.index + 1]?.lower ?? ''))),
  );
}

/**
 * Whether `text` holds something of the kind the question asks for, not already in the
 * question: a name near whoever is named, a year for "when", a sum of money for "how
 * much does it cost". Open and yes/no questions need no particular kind.
 */
export function holdsAnswerType(
  analysis: QuestionAnalysis,
  text: string,
  vocabulary: PersonaVocabulary,
  /** Context of the text (a fact's topic, a heading): names the owner of a name without being the name. */
  hints = '',
): boolean {
  const asked = new Set(analysis.words);
  const type: AnswerType = analysis.type;
  switch (type) {
    case 'open':
    case 'yesno':
      return true;
    case 'name': {
      if (analysis.owner === null) return tokens(text).some((t) => vocabulary.selfNames.has(t.lower));
      const names = newProperNouns(text, asked, vocabulary).filter((t) => !vocabulary.selfNames.has(t.lower));
      if (names.length === 0) return false;
      if (analysis.owner === 'it') return true;
      const stem = analysis.owner.replace(/s$/u, '');
      return nameNear(text, analysis.owner, asked, vocabulary) || hints.toLocaleLowerCase('und').includes(stem);
    }
    case 'person':
      return newProperNouns(text, asked, vocabulary).length > 0 || PERSON_NOUNS.test(text);
    case 'place':
      return newProperNouns(text, asked, vocabulary).length > 0;
    case 'date':
      return (
        /\b(?:19|20)\d{2}\b/u.test(text) ||
        tokens(text).some((t) => CALENDAR.test(t.lower)) ||
        /\b(?:since|ago|today|tomorrow|yesterday|daily|weekly|monthly|yearly|annually|every)\b/iu.test(text) ||
        (hasNumber(text, asked) && TIME_UNITS.test(text))
      );
    case 'time':
      return /\b\d{1,2}[:.h]\d{2}\b|\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.|uhr|h)\b|\b(?:noon|midnight|morning|evening|afternoon|night|lunchtime|dinnertime)\b/iu.test(
        text,
      );
    case 'duration':
      return (
        (hasNumber(text, asked) && TIME_UNITS.test(text)) ||
        /\b(?:since|ago)\b/iu.test(text) ||
        /\b(?:19|20)\d{2}\b/u.test(text)
      );
    case 'age':
      return /\b(?:at|aged?)\s+\d{1,3}\b|\b\d{1,3}[- ]years?[- ]old\b|\bborn\b|\bin (?:my|his|her) (?:teens|twenties|thirties|forties|fifties|sixties)\b/iu.test(
        text,
      );
    case 'money':
      return (CURRENCY.test(text) && hasNumber(text, asked)) || FREE.test(text);
    case 'number':
      return hasNumber(text, asked);
  }
}
