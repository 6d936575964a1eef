import { personaWithAnswers } from '../../domain/knowledge/answered-persona.js';
import { compareAnswers, type StoredAnswer } from '../../domain/knowledge/owner-answers.js';
import type { Persona } from '../../domain/persona/persona.js';
import type { AnswerBook } from '../../ports/answer-book.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { PersonaSource } from '../../ports/persona-source.js';

export interface AnsweredPersonaSourceOptions {
  /** Where the persona comes from (usually FsPersonaSource over the persona folder). */
  readonly persona: PersonaSource;
  /** Where the owner's answers are kept; they replace the folder's answers.md. */
  readonly answers: AnswerBook;
  readonly clock: Clock;
  /**
   * The longest a new, edited or deleted answer written by another process takes to reach
   * this one, in milliseconds: the book's version is read at most once per interval (0:
   * on every load). Writes through this process's KnowledgeService show at once. Default 5000.
   */
  readonly refreshMs?: number;
  readonly logger?: Logger;
}

interface Loaded {
  readonly version: string;
  readonly answers: readonly StoredAnswer[];
}

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
// One empty list, so a source that never loaded answers (the store was down) still hands out
// the same Persona object, and the retrieval index is not rebuilt on every message.
const NONE: readonly StoredAnswer[] = [];

/**
 * The persona with the owner's answers from an AnswerBook laid over it (personaWithAnswers),
 * for answers kept outside the persona folder (DynamoDB, memory). Per interval it reads
 * the book's small version token once, shared by concurrent loads; only a changed token
 * lists the answers again, and only then is a new Persona made, so the retrieval index
 * rebuilds only the answers' part. A failed refresh keeps the answers it has (and logs):
 * the store being briefly unreachable never stops the twin from answering.
 */
export class AnsweredPersonaSource implements PersonaSource {
  private readonly base: PersonaSource;
  private readonly book: AnswerBook;
  private readonly clock: Clock;
  private readonly refreshMs: number;
  private readonly logger: Logger;
  private loaded: Loaded | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;
  // Bumped by invalidate(), so a check that started before a write cannot mark it as seen.
  private generation = 0;
  private pending: Promise<void> | undefined;
  private merged: { base: Persona; answers: readonly StoredAnswer[]; persona: Persona } | undefined;

  constructor(options: AnsweredPersonaSourceOptions) {
    this.base = options.persona;
    this.book = options.answers;
    this.clock = options.clock;
    this.refreshMs = options.refreshMs ?? 5000;
    this.logger = options.logger ?? quiet;
  }

  async load(): Promise<Persona> {
    const [base] = await Promise.all([this.base.load(), this.refresh()]);
    const answers = this.loaded?.answers ?? NONE;
    if (this.merged?.base !== base || this.merged.answers !== answers) {
      this.merged = { base, answers, persona: personaWithAnswers(base, answers) };
    }
    return this.merged.persona;
  }

  /** The next load() re-reads the book's version at once (after a write through this process). */
  invalidate(): void {
    this.base.invalidate?.();
    this.generation += 1;
    this.checkedAt = Number.NEGATIVE_INFINITY;
    this.pending = undefined;
  }

  private refresh(): Promise<void> {
    if (this.clock.now().getTime() - this.checkedAt < this.refreshMs) return Promise.resolve();
    if (!this.pending) {
      const check = this.check().finally(() => {
        if (this.pending === check) this.pending = undefined;
      });
      this.pending = check;
    }
    return this.pending;
  }

  private async check(): Promise<void> {
    const generation = this.generation;
    const startedAt = this.clock.now().getTime();
    try {
      const version = await this.book.version();
      if (version !== this.loaded?.version) {
        const answers = [...(await this.book.list())].sort(compareAnswers);
        if (generation === this.generation) this.loaded = { version, answers };
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'owner answers could not be refreshed; using the ones loaded before');
    }
    if (generation === this.generation) this.checkedAt = startedAt;
  }
}
