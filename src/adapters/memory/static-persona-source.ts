import type { Persona } from '../../domain/persona/persona.js';
import type { PersonaSource } from '../../ports/persona-source.js';

/** A persona held in memory, for tests and for hosts that build personas themselves. */
export class StaticPersonaSource implements PersonaSource {
  constructor(private persona: Persona) {}

  async load(): Promise<Persona> {
    return this.persona;
  }

  /** The persona now, without waiting. */
  current(): Persona {
    return this.persona;
  }

  replace(persona: Persona): void {
    this.persona = persona;
  }
}
