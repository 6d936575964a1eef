import { FixedClock } from '../../src/adapters/memory/fixed-clock.js';
import { InMemoryAnswerBook } from '../../src/adapters/memory/in-memory-answer-book.js';
import { InMemoryConversationStore } from '../../src/adapters/memory/in-memory-conversation-store.js';
import { InMemoryKnowledgeGapStore } from '../../src/adapters/memory/in-memory-knowledge-gap-store.js';
import { InMemoryLeadStore } from '../../src/adapters/memory/in-memory-lead-store.js';
import { NoopMetricsSink } from '../../src/adapters/memory/metrics.js';
import { NoopNotifier } from '../../src/adapters/memory/notifiers.js';
import { silentLogger } from '../../src/adapters/memory/recording-logger.js';
import { SequentialIds } from '../../src/adapters/memory/sequential-ids.js';
import { StaticPersonaSource } from '../../src/adapters/memory/static-persona-source.js';
import { OfflineChatModel } from '../../src/adapters/offline/offline-chat-model.js';
import { countTokens } from '../../src/adapters/openai/token-counter.js';
import { AnsweredPersonaSource } from '../../src/adapters/system/answered-persona-source.js';
import { selectContext } from '../../src/domain/chat/context-selection.js';
import { TwinService } from '../../src/domain/chat/twin-service.js';
import { PersonaIndex } from '../../src/domain/grounding/persona-index.js';
import { gapAsked } from '../../src/domain/knowledge/knowledge-gaps.js';
import { KnowledgeService } from '../../src/domain/knowledge/knowledge-service.js';
import type { Persona } from '../../src/domain/persona/persona.js';
import { unrelatedPages } from './padding.js';
import { ANSWERABLE, type AnswerableQuestion, UNANSWERABLE } from './sample-persona-questions.js';

const contains = (text: string, q: AnswerableQuestion) =>
  q.expect.some((fact) => text.toLowerCase().includes(fact.toLowerCase()));

export interface AnswerScores {
  readonly answerable: number;
  /** Share of answerable questions whose answer holds the expected fact. */
  readonly factRate: number;
  /** Share of answerable questions wrongly marked grounded: false. */
  readonly falseGapRate: number;
  readonly unanswerable: number;
  /** Share of unanswerable questions marked grounded: false and recorded as a gap. */
  readonly gapRate: number;
  readonly misses: readonly string[];
}

/** Asks every eval question of the offline twin, each in a new session, through the real service. */
export async function evaluateAnswers(persona: Persona): Promise<AnswerScores> {
  const clock = new FixedClock('2026-03-04T05:06:07.000Z');
  const answers = new InMemoryAnswerBook();
  const source = new AnsweredPersonaSource({ persona: new StaticPersonaSource(persona), answers, clock });
  const gaps = new InMemoryKnowledgeGapStore();
  const knowledge = new KnowledgeService({
    gaps,
    leads: new InMemoryLeadStore(),
    answers,
    notifier: new NoopNotifier(),
    persona: source,
    clock,
    logger: silentLogger,
  });
  const twin = new TwinService({
    store: new InMemoryConversationStore(),
    model: new OfflineChatModel(),
    persona: source,
    metrics: new NoopMetricsSink(),
    clock,
    ids: new SequentialIds(),
    logger: silentLogger,
    knowledge,
  });
  const misses: string[] = [];
  let facts = 0;
  let falseGaps = 0;
  for (const q of ANSWERABLE) {
    const reply = await twin.chat({ message: q.question });
    if (contains(reply.response, q)) facts++;
    else misses.push(`answerable: ${q.question}`);
    if (!reply.grounded) falseGaps++;
  }
  let recorded = 0;
  for (const question of UNANSWERABLE) {
    const reply = await twin.chat({ message: question });
    const gap = await gaps.get(gapAsked(question, clock.now()).id);
    if (!reply.grounded && gap) recorded++;
    else misses.push(`unanswerable: ${question}`);
  }
  return {
    answerable: ANSWERABLE.length,
    factRate: facts / ANSWERABLE.length,
    falseGapRate: falseGaps / ANSWERABLE.length,
    unanswerable: UNANSWERABLE.length,
    gapRate: recorded / UNANSWERABLE.length,
    misses,
  };
}

export interface RecallScores {
  readonly questions: number;
  /** Share of answerable questions whose expected fact is in the system prompt. */
  readonly recall: number;
  /** The same, over questions whose fact is not in the identity core (facts.json, summary.txt). */
  readonly documentQuestions: number;
  readonly documentRecall: number;
  readonly wholePromptTokens: number;
  readonly meanPromptTokens: number;
  readonly misses: readonly string[];
}

/** The persona with `pages` pages of unrelated text added as one more knowledge document. */
export function padded(persona: Persona, pages: number): Persona {
  return {
    ...persona,
    documents: [...persona.documents, { source: 'almanac.md', kind: 'knowledge', text: unrelatedPages(pages) }],
    version: `${persona.version}+padding${pages}`,
  };
}

/** Whether the prompt built for each answerable question carries the passage with its fact. */
export function evaluateRecall(persona: Persona, budgetTokens: number): RecallScores {
  const index = new PersonaIndex();
  const now = new Date('2026-03-04T05:06:07.000Z');
  const core = `${JSON.stringify(persona.facts)}\n${persona.summary}`;
  const misses: string[] = [];
  let found = 0;
  let documentQuestions = 0;
  let documentFound = 0;
  let tokens = 0;
  for (const q of ANSWERABLE) {
    const context = selectContext(persona, index, now, { question: q.question }, budgetTokens, countTokens);
    tokens += countTokens(context.system);
    const hit = contains(context.system, q);
    if (hit) found++;
    else misses.push(q.question);
    if (!contains(core, q)) {
      documentQuestions++;
      if (hit) documentFound++;
    }
  }
  return {
    questions: ANSWERABLE.length,
    recall: found / ANSWERABLE.length,
    documentQuestions,
    documentRecall: documentQuestions === 0 ? 1 : documentFound / documentQuestions,
    wholePromptTokens: index.wholePromptTokens(persona, () => 0),
    meanPromptTokens: Math.round(tokens / ANSWERABLE.length),
    misses,
  };
}
