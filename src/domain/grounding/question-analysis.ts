import { contentWords, foldPlural, notEnglish } from '../text/text.js';
import { type AskedObject, askedObject } from './asked-object.js';
import { AUXILIARIES, CONTRACTED, MAX_QUESTION_CHARS, questionWords } from './question-words.js';
import { writtenNames } from './written-names.js';

export { MAX_QUESTION_WORDS, questionWords } from './question-words.js';

/** What kind of thing answers a question: a passage must hold one to support it. */
export type AnswerType =
  | 'name' // what's your dog called
  | 'person' // who taught you
  | 'place' // where, which city
  | 'date' // when, since when, which year
  | 'time' // what time, how late
  | 'duration' // how long
  | 'age' // how old
  | 'money' // how much does it cost
  | 'number' // how many, how big
  | 'yesno' // do you ...
  | 'open'; // what, which, tell me about

export interface QuestionAnalysis {
  /** The words of the question, chat spellings and misspelt question words corrected ("wher" -> "where"). */
  readonly words: readonly string[];
  readonly type: AnswerType;
  /**
   * The noun phrase naming what is asked for ("breed" in "what breed is Kinako", "football
   * team"): a passage that never addresses it does not answer, however much else it shares.
   */
  readonly focus: readonly string[];
  /** For a name question: whose name ("dog" in "what's your dog called"); null for the persona's own. */
  readonly owner: string | null;
  /** Meaning-bearing, plural-folded terms, question-type cue words removed. */
  readonly terms: readonly string[];
  /** Asks for a view ("what do you think of ..."): a persona rarely holds one, so support must be explicit. */
  readonly opinion: boolean;
  /** Asks for more than a sentence ("tell me about", "describe", "more"). */
  readonly expansive: boolean;
  /** Asks about an earlier time ("before", "first job"): passages about the present do not answer it. */
  readonly past: boolean;
  /** Asks for a preference ("favourite", "best"): only a passage stating one answers it. */
  readonly preference: boolean;
  /** Words written as names ("Japan", "PhD"): a passage answering holds each of them (written-names.ts). */
  readonly names: readonly string[];
  /** For a yes/no question, the thing asked about ("dog" in "do you have a dog"): see asked-object.ts. */
  readonly object: AskedObject | null;
}

// Cues of each answer type, as word sequences (English, Spanish, French, German, Portuguese, Italian).
// Checked in this order, so "how old" wins over "how", "what time" over "what".
const CUES: readonly [AnswerType, RegExp][] = [
  // "How do you ..." asks for a manner: listed first so that a later "when" does not make it a date.
  [
    'open',
    /\b(how (?:do|did|does|can|could|would|should|is|are|was|were)|why|warum|por qué|pourquoi|porque|perché)\b/u,
  ],
  [
    'age',
    /\b(how old|what age|wie alt|quel âge|cuántos años tienes|cuantos años tienes|quantos anos (?:você tem|tens|tem)|quanti anni hai)\b/u,
  ],
  [
    'name',
    /\b(what(?:'s| is| are| was)? (?:\S+ ){0,3}(?:called|named)|(?:first |last |full )?names?|wie heißt|wie heisst|cómo se llama|como se llama|cómo te llamas|como te llamas|comment s'appelle|comment tu t'appelles|comment vous appelez|como se chama|como te chamas|come si chiama|come ti chiami)\b/u,
  ],
  [
    'money',
    /\b(how much (?:\S+ ){0,6}(?:cost|costs|charge|charges|pay|paid|earn|earns|make|worth|money|salary|fee)|cost of|price|prices|hourly rate|rates|salary|cuánto cuesta|cuánto cobras|wie viel kostet|wie viel verdienen|combien coûte|quanto custa|quanto costa|cuesta|kostet|verdienen|verdienst|coûte|custa|costa)\b/u,
  ],
  [
    'time',
    /\b(what time|at what time|how late|how early|what (?:is|was|'s|were) (?:your |the |my )?(?:\S+ )?time|qué hora|a qué hora|um wie viel uhr|à quelle heure|que horas|a che ora)\b/u,
  ],
  [
    'date',
    /\b(since when|what year|which year|what day|which day|what month|which month|when|cuándo|desde cuándo|seit wann|wann|depuis quand|quand|quando|desde quando)\b/u,
  ],
  [
    'duration',
    /\b(how long|how many (?:years|months|weeks|days)|cuánto tiempo|wie lange|combien de temps|quanto tempo|há quanto tempo|da quanto tempo)\b/u,
  ],
  [
    'number',
    /\b(how many|how big|how large|how deep|how far|how cold|how warm|how hot|how tall|how high|how fast|number of|cuántos|cuántas|wie viele|wie viel|combien|quantos|quantas|quanti|quante)\b/u,
  ],
  [
    'place',
    /\b(where|whereabouts|which (?:city|town|country|part|area|neighbourhood|neighborhood|region)|dónde|wo|woher|où|onde|dove)\b/u,
  ],
  ['person', /\b(who|whom|quién|quiénes|wer|qui|quem|chi)\b/u],
];

// Words that only shape the question (cues, generic nouns): they are not what a passage must contain.
const SHAPING_WORDS = new Set(
  (
    'name names called named first last full old age much many big large deep far cold warm hot tall high fast ' +
    'late early time when where whereabouts who whom kind sort type way thing things stuff event one bit lot ' +
    'cost costs price'
  ).split(' '),
);
const FOCUS_OPENERS = new Set(['what', 'which', "what's"]);
const FOCUS_SKIP = new Set([
  'kind',
  'sort',
  'type',
  'of',
  'most',
  'least',
  'the',
  'a',
  'an',
  'your',
  'my',
  'exact',
  'exactly',
]);
const FOCUS_STOP = new Set([
  ...AUXILIARIES,
  ...'you i we they it he she to for in on at with about from by'.split(' '),
  ...["you'll", "you're", "you've", "you'd", "i'm", "i've", "we're"],
]);

/**
 * The type of the last sentence that asks something ("Do you have a dog? What's its name?" asks
 * for a name): a yes/no question when it opens with an auxiliary, else the earliest cue in it.
 */
function answerType(text: string): AnswerType {
  const sentences = text
    .split(/[?？؟.!。]+/u)
    .map((sentence) => questionWords(sentence))
    .filter((ws) => ws.length > 0);
  const last = sentences.at(-1) ?? [];
  const [first] = last;
  if (first && AUXILIARIES.has(first)) return 'yesno';
  const phrase = last.join(' ');
  let best: { type: AnswerType; at: number } | undefined;
  for (const [type, cue] of CUES) {
    const at = phrase.search(cue);
    if (at >= 0 && (best === undefined || at < best.at)) best = { type, at };
  }
  return best?.type ?? 'open';
}

/** "what breed is", "which football team do you": the content words right after the question word. */
function focusOf(all: readonly string[]): string[] {
  const start = all.findIndex((w) => FOCUS_OPENERS.has(w));
  if (start < 0) return [];
  const focus: string[] = [];
  const rest = all.slice(start + 1);
  for (const [i, word] of rest.entries()) {
    if (FOCUS_STOP.has(word) || focus.length === 2) break;
    // "what breed of dog": the head is "breed"; "what kind of work", "number of": look past them.
    if (word === 'of' && focus.length > 0) break;
    // "the deepest you'll go": a superlative is not the thing asked for.
    if (FOCUS_SKIP.has(word) || (word === 'number' && rest[i + 1] === 'of') || /^\p{L}{3,}est$/u.test(word)) continue;
    focus.push(word);
  }
  const content = new Set(contentWords(focus.join(' ')));
  return focus.filter((w) => content.has(w) && !SHAPING_WORDS.has(w)).map(foldPlural);
}

const NOT_OWNERS = new Set([
  ...AUXILIARIES,
  ...CONTRACTED,
  ...'you your yours the a an my what which whats full first last'.split(' '),
]);

// "the church in Obuasi" -> "church"; "your wooden boat" -> "boat".
function lastNoun(phrase: string | undefined): string | undefined {
  if (!phrase) return undefined;
  const head: string[] = [];
  for (const word of phrase.trim().split(' ')) {
    if (FOCUS_STOP.has(word)) break;
    head.push(word);
  }
  return head.at(-1);
}

/** Whose name is asked: the word before "name", the noun after "name of", or between "your" and "called". */
function nameOwner(all: readonly string[]): string | null {
  const phrase = all.join(' ');
  const after =
    lastNoun(/\bnames? of (?:your |the |this |that |his |her |their )?((?:[\p{L}-]+ ?){1,3})/u.exec(phrase)?.[1]) ??
    /\b(?:your|the|its|his|her|their) ((?:[\p{L}-]+ ){0,2}?[\p{L}-]+) (?:called|named)\b/u
      .exec(phrase)?.[1]
      ?.split(' ')
      .at(-1) ??
    /\b(?:heißt|heisst|llama|appelle|chama|chiama) (?:ihr|ihre|dein|deine|tu|su|ton|ta|votre|teu|tua|seu|sua|il tuo|la tua) ([\p{L}-]+)/u.exec(
      phrase,
    )?.[1];
  const at = all.findIndex((w) => w === 'name' || w === 'names');
  let before: string | undefined;
  for (let i = at - 1; i >= 0 && before === undefined; i--) {
    const word = all[i] as string;
    if (!['first', 'last', 'full'].includes(word)) before = word;
  }
  const owner = after ?? (before && !NOT_OWNERS.has(before) ? before : undefined);
  if (!owner || NOT_OWNERS.has(owner)) return null;
  return owner === 'its' ? 'it' : foldPlural(owner);
}

const WHO_COPULAS = new Set(['is', 'was', 'are', 'were']);

/**
 * "Who is Brunel?", "who was Ada Park": asks what the persona says of a name it mentions (a
 * sourdough starter, a library, a colleague). Any passage naming it may answer, not only one
 * naming a further person: such a question is open.
 */
function asksWhoNameIs(all: readonly string[], names: readonly string[]): boolean {
  const [first, second] = all;
  const rest = first === "who's" ? all.slice(1) : first === 'who' && WHO_COPULAS.has(second ?? '') ? all.slice(2) : [];
  return rest.length > 0 && rest.every((word) => names.includes(word));
}

/** Reads what a question asks for. Pure and bounded: the question is cut to MAX_QUESTION_WORDS words. */
export function analyzeQuestion(text: string): QuestionAnalysis {
  const all = questionWords(text);
  const phrase = all.join(' ');
  const cued = answerType(text.slice(0, MAX_QUESTION_CHARS));
  const owner = cued === 'name' ? nameOwner(all) : null;
  const terms = contentWords(phrase)
    .filter((term) => !AUXILIARIES.has(term) && term !== 'its')
    .map(foldPlural)
    .filter((term) => !SHAPING_WORDS.has(term));
  // "What does Camila do for a living?" asks for a job, whoever it names.
  const job = /\bdo(?:es)? (?:\S+ )?for (?:a )?(?:living|work|job)\b/u.test(phrase) ? ['work'] : [];
  const focus = cued === 'name' ? [] : [...new Set([...job, ...focusOf(all)])];
  // "What did you do before?", "your first job": the current role is not the answer.
  const past =
    /\b(?:before|previous|previously|prior|earlier|formerly|used to|originally|first (?:job|position|role|employer|career)|start(?:ed)? (?:your|my) career)\b/u.test(
      phrase,
    );
  const opinion =
    /\b(?:do you think|what do you think|your (?:opinion|view|views|take)|how do you feel|do you believe|do you agree)\b/u.test(
      phrase,
    );
  const expansive = /\b(?:tell me (?:more|about|everything)|describe|explain|more about|in detail|elaborate)\b/u.test(
    phrase,
  );
  const preference =
    /\b(?:favou?rite|favorit[ao]|favori|favorite|lieblings\S*|preferid[ao]|préféré|best|prefer|preferred)\b/u.test(
      phrase,
    );
  const read = cued === 'yesno' ? askedObject(text.slice(0, MAX_QUESTION_CHARS)) : null;
  // Only meaning-bearing terms: "full time" in "are you full time at ..." shapes the question.
  const objectTerms = read?.terms.filter((term) => terms.includes(term)) ?? [];
  const object =
    read && objectTerms.length > 0
      ? {
          terms: objectTerms,
          predicate: read.predicate.filter((term) => terms.includes(term)),
          names: read.names.filter((term) => terms.includes(term)),
        }
      : null;
  const names = notEnglish(all) ? [] : writtenNames(text.slice(0, MAX_QUESTION_CHARS)).filter((n) => terms.includes(n));
  const type = cued === 'person' && asksWhoNameIs(all, names) ? 'open' : cued;
  return { words: all, type, focus, owner, terms, opinion, expansive, past, preference, object, names };
}
