import type { Persona } from '../persona/persona.js';
import { createRetriever, type Retriever } from './grounding.js';
import { type Passage, personaPassages } from './passages.js';

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

// Memo of a pure function, keyed by the persona object: the service (prompt context) and the
// offline model (answers) receive the same Persona from the source, so they share one index
// instead of building a large persona's index twice after every change.
const indexes = new WeakMap<Persona, IndexedPersona>();

function indexPersona(persona: Persona): IndexedPersona {
  let indexed = indexes.get(persona);
  if (!indexed) {
    const passages = personaPassages(persona);
    indexed = {
      version: persona.version,
      passages,
      retriever: createRetriever(passages, { boostTerms: identityTerms(persona) }),
    };
    indexes.set(persona, indexed);
  }
  return indexed;
}

/**
 * Builds (and remembers) the passages and retriever of one persona version, so a
 * persona is indexed once per change, not once per question. Pure: no I/O, no clock.
 */
export class PersonaIndex {
  private cached: IndexedPersona | undefined;
  private whole: { version: string; tokens: number } | undefined;

  for(persona: Persona): IndexedPersona {
    if (this.cached?.version !== persona.version) this.cached = indexPersona(persona);
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
