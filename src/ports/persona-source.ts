import type { Persona } from '../domain/persona.js';

export interface PersonaSource {
  /** The current persona. Throws PersonaInvalid naming the offending file. */
  load(): Promise<Persona>;
}
