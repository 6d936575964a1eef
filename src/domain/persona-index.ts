import { createRetriever, type Retriever } from './grounding.js';
import { type Passage, personaPassages } from './passages.js';
import type { Persona } from './persona.js';

export interface IndexedPersona {
  readonly version: string;
  readonly passages: readonly Passage[];
  readonly retriever: Retriever;
}

/** The words that name this persona: boosted in retrieval, because visitors ask about them. */
export function identityTerms(persona: Persona): string[] {
  const { facts } = persona;
  const texts: unknown[] = [facts.name, facts.full_name, facts.current_role, ...(facts.specialties ?? [])];
  return texts.filter((text): text is string => typeof text === 'string');
}

/**
 * Builds (and remembers) the passages and retriever of one persona version, so a
 * persona is indexed once per change, not once per question. Pure: no I/O, no clock.
 */
export class PersonaIndex {
  private cached: IndexedPersona | undefined;
  private whole: { version: string; tokens: number } | undefined;

  for(persona: Persona): IndexedPersona {
    if (this.cached?.version !== persona.version) {
      const passages = personaPassages(persona);
      this.cached = {
        version: persona.version,
        passages,
        retriever: createRetriever(passages, { boostTerms: identityTerms(persona) }),
      };
    }
    return this.cached;
  }

  /** Tokens of the whole-persona prompt, counted once per persona version. */
  wholePromptTokens(persona: Persona, count: () => number): number {
    if (this.whole?.version !== persona.version) this.whole = { version: persona.version, tokens: count() };
    return this.whole.tokens;
  }

  /** The retriever of this persona version. */
  retrieverFor(persona: Persona): Retriever {
    return this.for(persona).retriever;
  }
}
