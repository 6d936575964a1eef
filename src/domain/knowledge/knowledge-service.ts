import type { AnswerBook } from '../../ports/answer-book.js';
import type { Clock } from '../../ports/clock.js';
import type { KnowledgeGapStore } from '../../ports/knowledge-gap-store.js';
import type { LeadStore } from '../../ports/lead-store.js';
import type { Logger } from '../../ports/logger.js';
import type { Notification, Notifier } from '../../ports/notifier.js';
import type { PersonaSource } from '../../ports/persona-source.js';
import { InvalidInput, NotFound } from '../errors.js';
import { maskPii } from '../text/pii.js';
import {
  compareGaps,
  type GapStatus,
  gapAsked,
  type KnowledgeGap,
  MAX_GAP_QUESTION_CHARS,
  parseAnswer,
  parseGapId,
} from './knowledge-gaps.js';
import { compareLeads, type Lead, type LeadDetails, leadRecorded } from './leads.js';
import {
  answerIdFor,
  compareAnswers,
  type OwnerAnswer,
  parseAnswerId,
  parseAnswerQuestion,
  renderAnswersFile,
  type StoredAnswer,
  storedAnswer,
} from './owner-answers.js';
import { publicQuestion } from './public-question.js';

export interface KnowledgeServiceDeps {
  readonly gaps: KnowledgeGapStore;
  readonly leads: LeadStore;
  readonly answers: AnswerBook;
  readonly notifier: Notifier;
  /** Invalidated after an answer is written, so this process's next message sees it. */
  readonly persona: PersonaSource;
  readonly clock: Clock;
  readonly logger: Logger;
  /**
   * False (TWIN_STORE_PII=false): e-mail addresses and phone numbers in a question are masked
   * before the question is kept as a gap (and before the owner is notified of it), as they are
   * in the transcript. Default true.
   */
  readonly storePii?: boolean;
}

/**
 * The knowledge-gap loop: questions the twin could not answer are counted, the owner
 * sees them, answers once, and the answer becomes persona knowledge. Also keeps the
 * visitors who asked to be contacted. Depends only on ports.
 */
export class KnowledgeService {
  constructor(private readonly deps: KnowledgeServiceDeps) {}

  /**
   * Counts one unanswered question, asked in conversation `sessionId` (so purging that
   * conversation takes it back); the owner is notified the first time it is asked.
   */
  async recordGap(question: string, sessionId: string | null = null): Promise<KnowledgeGap> {
    const kept = this.deps.storePii === false ? maskPii(question) : question;
    const { gap, created } = await this.deps.gaps.recordAsked(gapAsked(kept, this.deps.clock.now(), sessionId));
    if (created) this.notify({ type: 'knowledge_gap', gap });
    return gap;
  }

  /** Stores contact details a visitor gave; the owner is notified of a new lead. */
  async recordLead(details: LeadDetails, sessionId: string | null): Promise<Lead> {
    const { lead, created } = await this.deps.leads.record(leadRecorded(details, sessionId, this.deps.clock.now()));
    if (created) this.notify({ type: 'lead', lead });
    return lead;
  }

  /** Open gaps first, then the most asked. `status` filters. */
  async listGaps(options: { status?: GapStatus } = {}): Promise<KnowledgeGap[]> {
    const gaps = await this.deps.gaps.list();
    return gaps.filter((gap) => !options.status || gap.status === options.status).sort(compareGaps);
  }

  /**
   * Writes the owner's answer into the persona's knowledge and marks the gap answered.
   * The answer is published under the visitor's question made public (HTML removed,
   * e-mails and phone numbers masked), never the raw text; or under the owner's own wording
   * (`rawQuestion`), made public the same way. The persona source is invalidated, so the
   * very next message can use the answer.
   */
  async answerGap(rawId: unknown, rawAnswer: unknown, rawQuestion?: unknown): Promise<KnowledgeGap> {
    const id = parseGapId(rawId);
    const answer = parseAnswer(rawAnswer);
    const worded = rawQuestion === undefined || rawQuestion === null ? undefined : parseAnswerQuestion(rawQuestion);
    const gap = await this.deps.gaps.get(id);
    if (!gap) throw new NotFound('No knowledge gap with this id');
    // Knowledge first: if marking fails, the gap stays open and answering again is harmless.
    // Masks can be longer than what they hide: keep the published question within its limit.
    const question = worded ?? Array.from(publicQuestion(gap.question)).slice(0, MAX_GAP_QUESTION_CHARS).join('');
    await this.deps.answers.put(storedAnswer(question, answer));
    this.deps.persona.invalidate?.();
    const resolved = await this.deps.gaps.resolve(id, { status: 'answered', answer, at: this.now() });
    if (!resolved) throw new NotFound('No knowledge gap with this id');
    return resolved;
  }

  /** The owner's answers, by question. */
  async listAnswers(): Promise<StoredAnswer[]> {
    return [...(await this.deps.answers.list())].sort(compareAnswers);
  }

  /**
   * Changes an answer's text, its question, or both (`{ question?, answer? }`). The question
   * is kept public like a visitor's; a new question gives the answer a new id. Throws
   * NotFound, InvalidInput, or Conflict when another answer has the new question.
   */
  async editAnswer(rawId: unknown, changes: { question?: unknown; answer?: unknown }): Promise<StoredAnswer> {
    const id = parseAnswerId(rawId);
    if (changes.question === undefined && changes.answer === undefined) {
      throw new InvalidInput('give a new question, a new answer, or both');
    }
    const before = await this.deps.answers.get(id);
    const edited = await this.deps.answers.update(id, {
      ...(changes.question === undefined ? {} : { question: parseAnswerQuestion(changes.question) }),
      ...(changes.answer === undefined ? {} : { answer: parseAnswer(changes.answer) }),
    });
    if (!edited) throw new NotFound('No answer with this id');
    this.deps.persona.invalidate?.();
    if (before && before.answer !== edited.answer) await this.followEdit(before, edited.answer);
    return edited;
  }

  /**
   * The gaps an answer closed show the answer the twin gives now: a gap answered with the old
   * text, whose question made public is the answer's question, takes the new text (the owner's
   * list would otherwise show an answer the twin no longer gives).
   */
  private async followEdit(before: StoredAnswer, answer: string): Promise<void> {
    const gaps = await this.deps.gaps.list();
    const closed = gaps.filter(
      (gap) =>
        gap.status === 'answered' &&
        gap.answer === before.answer &&
        answerIdFor(Array.from(publicQuestion(gap.question)).slice(0, MAX_GAP_QUESTION_CHARS).join('')) === before.id,
    );
    for (const gap of closed) {
      await this.deps.gaps.resolve(gap.id, { status: 'answered', answer, at: gap.resolved_at ?? this.now() });
    }
  }

  /** Removes an answer: the twin stops using it (the gap it closed reopens when asked again). */
  async deleteAnswer(rawId: unknown): Promise<void> {
    if (!(await this.deps.answers.delete(parseAnswerId(rawId)))) throw new NotFound('No answer with this id');
    this.deps.persona.invalidate?.();
  }

  /** Every answer as an answers.md file, by question: for the persona's version control. */
  async exportAnswers(): Promise<string> {
    return renderAnswersFile(await this.listAnswers());
  }

  /**
   * Adds answers (e.g. an exported answers.md read back): each replaces the answer its
   * question has, others are kept. Questions are made public like a visitor's.
   */
  async importAnswers(entries: readonly OwnerAnswer[]): Promise<StoredAnswer[]> {
    // Every entry is checked before the first is written: a bad file changes nothing.
    const valid = entries.map((entry) => {
      try {
        return storedAnswer(entry.question, entry.answer);
      } catch (error) {
        const problem = error instanceof Error ? error.message : 'invalid';
        throw new InvalidInput(`"${entry.question.slice(0, 80)}": ${problem}`);
      }
    });
    const stored: StoredAnswer[] = [];
    for (const entry of valid) stored.push(await this.deps.answers.put(entry));
    if (stored.length > 0) this.deps.persona.invalidate?.();
    return stored;
  }

  /** The owner will not answer this one: it leaves the open list but keeps counting. */
  async dismissGap(rawId: unknown): Promise<KnowledgeGap> {
    const gap = await this.deps.gaps.resolve(parseGapId(rawId), { status: 'dismissed', at: this.now() });
    if (!gap) throw new NotFound('No knowledge gap with this id');
    return gap;
  }

  /**
   * Takes back everything conversation `sessionId` contributed (its conversation is being
   * purged): gaps and leads only it made are deleted, shared ones count less. Idempotent.
   */
  async forgetSession(sessionId: string): Promise<{ gaps: number; leads: number }> {
    const [gaps, leads] = await Promise.all([
      this.deps.gaps.forgetSession(sessionId),
      this.deps.leads.forgetSession(sessionId),
    ]);
    return { gaps, leads };
  }

  /** Most recent first. */
  async listLeads(): Promise<Lead[]> {
    return [...(await this.deps.leads.list())].sort(compareLeads);
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  // Notifications are fire-and-forget: a slow or failing webhook never delays or fails a chat.
  private notify(notification: Notification): void {
    this.deps.notifier.notify(notification).catch((error: unknown) => {
      this.deps.logger.warn({ err: error, type: notification.type }, 'owner notification failed');
    });
  }
}
