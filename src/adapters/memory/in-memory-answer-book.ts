import {
  ANSWERS_FILE,
  ANSWERS_HEADER,
  type OwnerAnswer,
  renderOwnerAnswer,
} from '../../domain/knowledge/owner-answers.js';
import type { Persona } from '../../domain/persona/persona.js';
import type { AnswerBook } from '../../ports/answer-book.js';
import type { StaticPersonaSource } from './static-persona-source.js';

/**
 * Adds the owner's answers to an in-memory persona as the answers.md document,
 * exactly as FsAnswerBook does on disk, and bumps the persona version so caches
 * keyed on it (retrieval indexes) rebuild.
 */
export class InMemoryAnswerBook implements AnswerBook {
  private added = 0;

  constructor(private readonly source: StaticPersonaSource) {}

  async add(entry: OwnerAnswer): Promise<void> {
    const persona = await this.source.load();
    const existing = persona.documents.find((doc) => doc.source === ANSWERS_FILE);
    const text = `${existing?.text ?? ANSWERS_HEADER.trim()}\n${renderOwnerAnswer(entry)}`.trim();
    const documents = [
      ...persona.documents.filter((doc) => doc.source !== ANSWERS_FILE),
      { source: ANSWERS_FILE, kind: 'knowledge' as const, text },
    ];
    this.added += 1;
    const next: Persona = { ...persona, documents, version: `${persona.version}+answers${this.added}` };
    this.source.replace(next);
  }
}
