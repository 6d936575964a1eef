import { answersLayerOf } from '../knowledge/answered-persona.js';
import { ANSWERS_FILE } from '../knowledge/owner-answers.js';
import type { Persona } from '../persona/persona.js';
import { createRetriever, type ExtensibleRetriever, type Retriever } from './grounding.js';
import { documentPassages, type Passage, personaPassages } from './passages.js';

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
// The retrievers of personas indexed whole, which a persona with answers copies and extends.
const extensible = new WeakMap<Persona, ExtensibleRetriever>();

function fullIndex(persona: Persona): IndexedPersona {
  const passages = personaPassages(persona);
  const retriever = createRetriever(passages, { boostTerms: identityTerms(persona) });
  extensible.set(persona, retriever);
  return { version: persona.version, passages, retriever };
}

function indexPersona(persona: Persona): IndexedPersona {
  const known = indexes.get(persona);
  if (known) return known;
  const layer = answersLayerOf(persona);
  let indexed: IndexedPersona;
  if (layer) {
    // Only the owner's answers changed since the folder was read: the folder's part of the
    // index is built once per folder version and copied; only the answers are indexed anew.
    const bare = indexPersona(layer.withoutAnswers);
    const base =
      extensible.get(layer.withoutAnswers) ?? createRetriever(bare.passages, { boostTerms: identityTerms(persona) });
    const answers = persona.documents.filter((doc) => doc.source === ANSWERS_FILE).flatMap(documentPassages);
    indexed = { version: persona.version, passages: [...bare.passages, ...answers], retriever: base.extend(answers) };
  } else {
    indexed = fullIndex(persona);
  }
  indexes.set(persona, indexed);
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
