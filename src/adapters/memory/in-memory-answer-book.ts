import { Conflict } from '../../domain/errors.js';
import { type AnswerId, answerIdFor, type StoredAnswer } from '../../domain/knowledge/owner-answers.js';
import type { AnswerBook, AnswerChanges } from '../../ports/answer-book.js';

/**
 * Owner answers in a Map, for tests and embedders. Pair it with AnsweredPersonaSource so
 * the twin answers from them, exactly as with the DynamoDB store.
 */
export class InMemoryAnswerBook implements AnswerBook {
  private readonly answers = new Map<AnswerId, StoredAnswer>();
  private revision = 0;

  constructor(initial: readonly StoredAnswer[] = []) {
    for (const entry of initial) this.answers.set(entry.id, { ...entry });
  }

  async put(entry: StoredAnswer): Promise<StoredAnswer> {
    const stored = { id: entry.id, question: entry.question, answer: entry.answer };
    this.answers.set(entry.id, stored);
    this.revision += 1;
    return { ...stored };
  }

  async list(): Promise<readonly StoredAnswer[]> {
    return [...this.answers.values()].map((entry) => ({ ...entry }));
  }

  async get(id: AnswerId): Promise<StoredAnswer | null> {
    const entry = this.answers.get(id);
    return entry ? { ...entry } : null;
  }

  async update(id: AnswerId, changes: AnswerChanges): Promise<StoredAnswer | null> {
    const current = this.answers.get(id);
    if (!current) return null;
    const question = changes.question ?? current.question;
    const next: StoredAnswer = { id: answerIdFor(question), question, answer: changes.answer ?? current.answer };
    if (next.id !== id && this.answers.has(next.id)) {
      throw new Conflict('Another answer already has this question; edit or delete that one');
    }
    this.answers.delete(id);
    this.answers.set(next.id, next);
    this.revision += 1;
    return { ...next };
  }

  async delete(id: AnswerId): Promise<boolean> {
    const deleted = this.answers.delete(id);
    if (deleted) this.revision += 1;
    return deleted;
  }

  async version(): Promise<string> {
    return String(this.revision);
  }
}
