import type { AnswerBook } from '../../ports/answer-book.js';
import type { Clock } from '../../ports/clock.js';
import type { KnowledgeGapStore } from '../../ports/knowledge-gap-store.js';
import type { LeadStore } from '../../ports/lead-store.js';
import type { Logger } from '../../ports/logger.js';
import type { Notification, Notifier } from '../../ports/notifier.js';
import type { PersonaSource } from '../../ports/persona-source.js';
import { InvalidInput, NotFound } from '../errors.js';
import { compareGaps, type GapStatus, gapAsked, type KnowledgeGap, parseAnswer, parseGapId } from './knowledge-gaps.js';
import { compareLeads, type Lead, type LeadDetails, leadRecorded } from './leads.js';
import { parsePublicQuestion, publicQuestion } from './public-question.js';

export interface KnowledgeServiceDeps {
  readonly gaps: KnowledgeGapStore;
  readonly leads: LeadStore;
  readonly answers: AnswerBook;
  readonly notifier: Notifier;
  /** Invalidated after an answer is written, so the next message sees it. */
  readonly persona: PersonaSource;
  readonly clock: Clock;
  readonly logger: Logger;
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
    const { gap, created } = await this.deps.gaps.recordAsked(gapAsked(question, this.deps.clock.now(), sessionId));
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
   * The question written beside it is public persona text: the owner's wording
   * (`rawQuestion`) or the visitor's, either way through publicQuestion (contact details
   * masked, plain text). The persona source is invalidated, so the very next message can
   * use the answer.
   */
  async answerGap(rawId: unknown, rawAnswer: unknown, rawQuestion?: unknown): Promise<KnowledgeGap> {
    const id = parseGapId(rawId);
    const answer = parseAnswer(rawAnswer);
    const edited = rawQuestion === undefined || rawQuestion === null ? undefined : parsePublicQuestion(rawQuestion);
    const gap = await this.deps.gaps.get(id);
    if (!gap) throw new NotFound('No knowledge gap with this id');
    const question = edited ?? publicQuestion(gap.question);
    if (question === '') {
      throw new InvalidInput('The question has no text once markup and contact details are removed: give its wording');
    }
    // Knowledge first: if marking fails, the gap stays open and answering again is harmless.
    await this.deps.answers.add({ question, answer });
    this.deps.persona.invalidate?.();
    const resolved = await this.deps.gaps.resolve(id, { status: 'answered', answer, at: this.now() });
    if (!resolved) throw new NotFound('No knowledge gap with this id');
    return resolved;
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
