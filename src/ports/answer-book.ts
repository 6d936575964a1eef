import type { AnswerId, StoredAnswer } from '../domain/knowledge/owner-answers.js';

/** What an edit changes; a field left out keeps its value. Both are already validated. */
export interface AnswerChanges {
  readonly question?: string;
  readonly answer?: string;
}

/**
 * The owner's answers to visitors' questions, one per question (the id derives from the
 * question, see answerIdFor). Implementations: FsAnswerBook (answers.md in the persona
 * folder), InMemoryAnswerBook, DynamoAnswerBook (items in the shared table); all pass
 * test/contract/answer-book.contract.ts. Every method throws StoreUnavailable when the
 * store cannot be read or written.
 */
export interface AnswerBook {
  /**
   * Adds the answer to this question, or replaces the answer a question that reads the
   * same already has. Entries come validated (storedAnswer); the id is the entry's own.
   */
  put(entry: StoredAnswer): Promise<StoredAnswer>;
  /** Every answer, in no particular order (callers sort). */
  list(): Promise<readonly StoredAnswer[]>;
  get(id: AnswerId): Promise<StoredAnswer | null>;
  /**
   * Changes an answer's text and/or question. A new question gives the answer a new id
   * (the old one is gone); null when there is no answer with this id. Throws Conflict
   * when the new question already has another answer.
   */
  update(id: AnswerId, changes: AnswerChanges): Promise<StoredAnswer | null>;
  /** false when there was no answer with this id. */
  delete(id: AnswerId): Promise<boolean>;
  /**
   * A short token that changes whenever any answer is put, updated or deleted, by any
   * process. Cheap (one small read), so readers can poll it and reload the answers only
   * after a change. Writers change it after the answer itself, so a reader that sees a
   * new token and then lists sees the change.
   */
  version(): Promise<string>;
}
