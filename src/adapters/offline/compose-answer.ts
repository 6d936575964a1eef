import { composeAnswer, quoteUnit } from '../../domain/grounding/answer-composition.js';
import type { AnswerModel } from '../../domain/grounding/answer-model.js';
import { DEFAULT_CALIBRATION, judge } from '../../domain/grounding/answerability.js';
import { entriesReferredTo } from '../../domain/grounding/entry-follow-up.js';
import { datedEntries, entryInOrder } from '../../domain/grounding/entry-order.js';
import { retrieve } from '../../domain/grounding/hybrid-retrieval.js';
import { orderQuestion } from '../../domain/grounding/order-question.js';
import { ownerAnswerCovers, ownerAnswerTo } from '../../domain/grounding/owner-answer-match.js';
import { type IndexedPersona, PersonaIndex } from '../../domain/grounding/persona-index.js';
import { analyzeQuestion } from '../../domain/grounding/question-analysis.js';
import { isQuestion } from '../../domain/grounding/questions.js';
import type { Persona } from '../../domain/persona/persona.js';
import { contentWords, words } from '../../domain/text/text.js';
import type { ChatTurn } from '../../ports/chat-model.js';
import type { Embedder } from '../../ports/embedder.js';
import { COURTESY_REPLY, FAREWELL_REPLY, greetingReply } from './small-talk-answer.js';

export interface OfflineAnswer {
  readonly text: string;
  readonly grounded: boolean;
}

// Fallbacks for what message-intents.ts does not read as small talk ("hey you", "great job"):
// answering "I don't know" to them would record a gap.
const GREETINGS = new Set([
  'hi',
  'hello',
  'hey',
  'hola',
  'bonjour',
  'hallo',
  'ciao',
  'olá',
  'hiya',
  'greetings',
  'howdy',
]);
const COURTESIES = new Set([
  ...['thanks', 'thank', 'thx', 'ty', 'cheers', 'bye', 'goodbye', 'ok', 'okay', 'great', 'cool', 'nice'],
  ...['gracias', 'merci', 'danke', 'obrigado', 'obrigada', 'grazie', 'adiós', 'adios', 'ciao', 'tschüss'],
]);

const FAREWELLS = new Set(['bye', 'goodbye', 'adios', 'adiós', 'tschüss']);

export { PersonaIndex };

function isGreetingOnly(text: string): boolean {
  const all = words(text);
  return all.length > 0 && all.length <= 3 && all.some((w) => GREETINGS.has(w)) && contentWords(text).length <= 1;
}

function isCourtesyOnly(text: string): boolean {
  const all = words(text);
  return all.length > 0 && all.length <= 4 && all.some((w) => COURTESIES.has(w)) && !isQuestion(text);
}

function dontKnow(persona: Persona): string {
  const email = persona.facts.email;
  const contact = email ? ` If you'd like, you can reach me directly at ${email}.` : '';
  return `I'm sorry, I don't know that: it isn't something I've shared here.${contact}`;
}

// Counts, prices, ages and clock times are not what an entry's place in a résumé answers.
const UNORDERED_TYPES = new Set(['number', 'money', 'age', 'time']);

/**
 * "Where did you work before X?", "your first job", "And before that?" (next to the entry the
 * twin's last answer named): the entry next to the named one in date order (entry-order.ts);
 * `undefined` when the question asks for no order or the persona has no entries to order,
 * `null` (I don't know) when it has but none qualifies.
 */
function answerByOrder(
  question: string,
  indexed: IndexedPersona,
  earlier: readonly ChatTurn[],
): string | null | undefined {
  const asked = orderQuestion(question);
  const analysis = asked && analyzeQuestion(question);
  if (!asked || !analysis || UNORDERED_TYPES.has(analysis.type)) return undefined;
  const entries = datedEntries(indexed.blocks.values());
  const followUp = (asked.kind === 'before' || asked.kind === 'after') && asked.reference.length === 0;
  const entry = entryInOrder(asked, entries, followUp ? entriesReferredTo(earlier, entries) : []);
  const block = entry && indexed.blocks.get(entry.block);
  if (entry === undefined) return undefined;
  return block ? quoteUnit(block, entry.index, analysis.expansive) : null;
}

/** An answer's text, or null for "I don't know"; `settled` when no other reading of the question may answer it. */
interface Found {
  readonly text: string | null;
  readonly settled: boolean;
}

async function answerFrom(
  persona: Persona,
  index: PersonaIndex,
  question: string,
  earlier: readonly ChatTurn[],
  embedder: Embedder | undefined,
  signal: AbortSignal | undefined,
  model: AnswerModel | undefined,
): Promise<Found> {
  const owned = ownerAnswerTo(persona, question);
  if (owned !== null) return { text: owned, settled: true };
  const indexed = index.for(persona);
  // "Nothing before the first entry" is an answer: the follow-up fallback must not re-ask the previous question.
  const ordered = answerByOrder(question, indexed, earlier);
  if (ordered !== undefined) return { text: ordered, settled: true };
  return { text: await retrievedAnswer(persona, index, indexed, question, embedder, signal, model), settled: false };
}

async function retrievedAnswer(
  persona: Persona,
  index: PersonaIndex,
  indexed: IndexedPersona,
  question: string,
  embedder: Embedder | undefined,
  signal: AbortSignal | undefined,
  model: AnswerModel | undefined,
): Promise<string | null> {
  const retrieval = await retrieve(persona, index, question, embedder, { signal, termSimilarities: true });
  const judged = judge(retrieval.analysis, retrieval.candidates, indexed, retrieval, DEFAULT_CALIBRATION, model);
  const block = judged?.supported ? indexed.blocks.get(judged.candidate.passage.block) : undefined;
  if (!judged || !block || !ownerAnswerCovers(block, retrieval.analysis.terms)) return null;
  const second = judged.runnerUp && indexed.blocks.get(judged.runnerUp.candidate.passage.block);
  const runnerUp = judged.runnerUp && second ? { judged: judged.runnerUp, block: second } : undefined;
  return composeAnswer(judged, block, retrieval.analysis, retrieval.candidates, runnerUp);
}

/**
 * Answers only with text the persona contains (plus fixed connecting phrases):
 * the offline twin quotes, it never composes new claims.
 */
export async function composeOfflineAnswer(
  persona: Persona,
  index: PersonaIndex,
  messages: readonly ChatTurn[],
  options: { embedder?: Embedder; signal?: AbortSignal; answerModel?: AnswerModel } = {},
): Promise<OfflineAnswer> {
  const question = messages.at(-1)?.content ?? '';
  if (isGreetingOnly(question)) return { text: greetingReply(persona), grounded: true };
  if (isCourtesyOnly(question)) {
    const farewell = words(question).some((word) => FAREWELLS.has(word));
    return { text: farewell ? FAREWELL_REPLY : COURTESY_REPLY, grounded: true };
  }
  const earlier = messages.slice(0, -1);
  const found = await answerFrom(
    persona,
    index,
    question,
    earlier,
    options.embedder,
    options.signal,
    options.answerModel,
  );
  let answer = found.text;
  if (answer === null && !found.settled && contentWords(question).length === 0) {
    // A follow-up with no topic of its own ("tell me more", "and then?") leans on the previous question.
    // A question with a topic the persona lacks must not: answering the previous topic would mislead.
    const previous = messages
      .slice(0, -1)
      .filter((m) => m.role === 'user')
      .at(-1);
    if (previous)
      answer = (
        await answerFrom(
          persona,
          index,
          `${previous.content} ${question}`,
          earlier,
          options.embedder,
          options.signal,
          options.answerModel,
        )
      ).text;
  }
  return answer === null ? { text: dontKnow(persona), grounded: false } : { text: answer, grounded: true };
}
