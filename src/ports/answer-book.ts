import type { OwnerAnswer } from '../domain/knowledge/owner-answers.js';

/**
 * Where the owner's answers become persona knowledge: FsAnswerBook appends to
 * answers.md in the persona folder; InMemoryAnswerBook updates a StaticPersonaSource.
 * After `add` resolves, the next PersonaSource.load() includes the answer.
 */
export interface AnswerBook {
  /** Throws StoreUnavailable when the answer could not be written. */
  add(entry: OwnerAnswer): Promise<void>;
}
