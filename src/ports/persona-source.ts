import type { Persona } from '../domain/persona/persona.js';

export interface PersonaSource {
  /** The current persona. Throws PersonaInvalid naming the offending file. */
  load(): Promise<Persona>;
  /** Forget any cached copy, so the next load() reads the source again (after a write to it). */
  invalidate?(): void;
}
