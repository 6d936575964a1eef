import { FsAnswerBook } from '../../src/adapters/filesystem/fs-answer-book.js';
import { FsPersonaSource } from '../../src/adapters/filesystem/fs-persona-source.js';
import { FixedClock } from '../../src/adapters/memory/fixed-clock.js';
import { InMemoryConversationStore } from '../../src/adapters/memory/in-memory-conversation-store.js';
import { InMemoryKnowledgeGapStore } from '../../src/adapters/memory/in-memory-knowledge-gap-store.js';
import { InMemoryLeadStore } from '../../src/adapters/memory/in-memory-lead-store.js';
import { NoopMetricsSink } from '../../src/adapters/memory/metrics.js';
import { NoopNotifier } from '../../src/adapters/memory/notifiers.js';
import { silentLogger } from '../../src/adapters/memory/recording-logger.js';
import { SequentialIds } from '../../src/adapters/memory/sequential-ids.js';
import { rankedBlocks } from '../../src/domain/chat/context-selection.js';
import { TwinService } from '../../src/domain/chat/twin-service.js';
import { blockText } from '../../src/domain/grounding/blocks.js';
import { retrieve } from '../../src/domain/grounding/hybrid-retrieval.js';
import { PersonaIndex } from '../../src/domain/grounding/persona-index.js';
import { gapAsked } from '../../src/domain/knowledge/knowledge-gaps.js';
import { KnowledgeService } from '../../src/domain/knowledge/knowledge-service.js';
import type { ChatModel } from '../../src/ports/chat-model.js';
import type { Embedder } from '../../src/ports/embedder.js';
import { type CorpusPersona, copyPersona, holdsFact } from './corpus.js';

/** What happened to one question of the corpus. */
export interface QuestionOutcome {
  readonly persona: string;
  readonly kind: string;
  readonly question: string;
  readonly answerable: boolean;
  readonly response: string;
  readonly grounded: boolean;
  /** Answerable: the response holds an expected fact. Unanswerable: grounded false and a gap recorded. */
  readonly correct: boolean;
  /** Answerable only: wrongly marked grounded: false. */
  readonly falseGap: boolean;
  readonly expect?: readonly string[];
}

/**
 * Asks every question of one corpus persona, each in a new session, through the real
 * TwinService with the given model, the persona read by FsPersonaSource from a private copy.
 */
export async function evaluatePersona(entry: CorpusPersona, model: ChatModel): Promise<QuestionOutcome[]> {
  const copy = await copyPersona(entry.personaDir);
  try {
    const source = new FsPersonaSource({ dir: copy.dir });
    const clock = new FixedClock('2026-03-04T05:06:07.000Z');
    const gaps = new InMemoryKnowledgeGapStore();
    const knowledge = new KnowledgeService({
      gaps,
      leads: new InMemoryLeadStore(),
      answers: new FsAnswerBook({ dir: copy.dir }),
      notifier: new NoopNotifier(),
      persona: source,
      clock,
      logger: silentLogger,
    });
    const twin = new TwinService({
      store: new InMemoryConversationStore(),
      model,
      persona: source,
      metrics: new NoopMetricsSink(),
      clock,
      ids: new SequentialIds(),
      logger: silentLogger,
      knowledge,
    });
    const outcomes: QuestionOutcome[] = [];
    for (const q of entry.answerable) {
      const reply = await twin.chat({ message: q.question });
      outcomes.push({
        persona: entry.slug,
        kind: q.kind,
        question: q.question,
        answerable: true,
        response: reply.response,
        grounded: reply.grounded,
        correct: holdsFact(reply.response, q.expect),
        falseGap: !reply.grounded,
        expect: q.expect,
      });
    }
    for (const q of entry.unanswerable) {
      const reply = await twin.chat({ message: q.question });
      const gap = await gaps.get(gapAsked(q.question, clock.now()).id);
      outcomes.push({
        persona: entry.slug,
        kind: q.kind,
        question: q.question,
        answerable: false,
        response: reply.response,
        grounded: reply.grounded,
        correct: !reply.grounded && gap !== null,
        falseGap: false,
      });
    }
    return outcomes;
  } finally {
    await copy.remove();
  }
}

/** Rates over a group of outcomes; a rate over no questions is null. */
export interface Rates {
  readonly answerable: number;
  readonly unanswerable: number;
  /** Answerable questions whose answer holds the fact. */
  readonly factRate: number | null;
  /** Unanswerable questions marked grounded: false with a gap recorded. */
  readonly gapRate: number | null;
  /** Answerable questions wrongly marked grounded: false. */
  readonly falseGapRate: number | null;
}

export function rates(outcomes: readonly QuestionOutcome[]): Rates {
  const answerable = outcomes.filter((o) => o.answerable);
  const unanswerable = outcomes.filter((o) => !o.answerable);
  const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
  return {
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    factRate: share(answerable.filter((o) => o.correct).length, answerable.length),
    gapRate: share(unanswerable.filter((o) => o.correct).length, unanswerable.length),
    falseGapRate: share(answerable.filter((o) => o.falseGap).length, answerable.length),
  };
}

/** Groups outcomes by a key, keys sorted. */
export function groupBy(
  outcomes: readonly QuestionOutcome[],
  key: (o: QuestionOutcome) => string,
): Map<string, QuestionOutcome[]> {
  const groups = new Map<string, QuestionOutcome[]>();
  for (const o of outcomes) groups.set(key(o), [...(groups.get(key(o)) ?? []), o]);
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Where the block holding the expected fact ranks, per answerable question (null when it is not in the ranking). */
export interface RecallOutcome {
  readonly persona: string;
  readonly question: string;
  /** 0-based rank among the blocks context selection would take, best first; null when absent. */
  readonly rank: number | null;
}

/**
 * Ranks the persona's blocks for every answerable question exactly as context selection does
 * for a persona larger than TWIN_CONTEXT_TOKENS (the same hybrid retrieval), and records
 * where the first block holding an expected fact lands.
 */
export async function evaluateRanking(entry: CorpusPersona, embedder: Embedder | undefined): Promise<RecallOutcome[]> {
  const copy = await copyPersona(entry.personaDir);
  try {
    const persona = await new FsPersonaSource({ dir: copy.dir }).load();
    const index = new PersonaIndex();
    const outcomes: RecallOutcome[] = [];
    for (const q of entry.answerable) {
      const retrieval = await retrieve(persona, index, q.question, embedder);
      const ranked = rankedBlocks(persona, index, retrieval.candidates);
      const rank = ranked.findIndex((block) => holdsFact(blockText(block), q.expect));
      outcomes.push({ persona: entry.slug, question: q.question, rank: rank < 0 ? null : rank });
    }
    return outcomes;
  } finally {
    await copy.remove();
  }
}

/** Share of questions whose fact is in the first k blocks. */
export function recallAt(outcomes: readonly RecallOutcome[], k: number): number | null {
  if (outcomes.length === 0) return null;
  return outcomes.filter((o) => o.rank !== null && o.rank < k).length / outcomes.length;
}
