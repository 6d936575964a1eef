import type { Embedder, Vector } from '../../ports/embedder.js';
import type { Persona } from '../persona/persona.js';
import { words } from '../text/text.js';
import type { Block } from './blocks.js';
import { type PersonaVocabulary, tokens } from './evidence.js';
import { renderValue } from './fact-blocks.js';
import { createRetriever, type Retriever } from './grounding.js';
import { blockPassages, type Passage, personaBlocks } from './passages.js';
import { embedPassages } from './semantic-ranking.js';

export interface IndexedPersona {
  readonly version: string;
  readonly blocks: ReadonlyMap<string, Block>;
  /** Units, in persona order. */
  readonly passages: readonly Passage[];
  readonly retriever: Retriever;
  readonly vocabulary: PersonaVocabulary;
  /** Names in the current role ("crumb" in "Head Baker at Crumb & Co"), lower case: what "currently" is about. */
  readonly currentEmployer: ReadonlySet<string>;
}

/** The words that name this persona: boosted in retrieval, because visitors ask about them. */
export function identityTerms(persona: Persona): string[] {
  const { facts } = persona;
  const texts: unknown[] = [facts.name, facts.full_name, facts.current_role, ...(facts.specialties ?? [])];
  return texts.filter((text): text is string => typeof text === 'string');
}

function vocabularyOf(persona: Persona, passages: readonly Passage[]): PersonaVocabulary {
  const lowercase = new Set<string>();
  const capitalisedInside = new Set<string>();
  const texts = [...passages.map((p) => p.text), ...Object.values(persona.facts).map((v) => renderValue(v))];
  for (const text of texts) {
    for (const token of tokens(text)) {
      if (/^\p{Ll}/u.test(token.text)) lowercase.add(token.lower);
      else if (!token.initial) capitalisedInside.add(token.lower);
    }
  }
  const selfNames = new Set(words(`${persona.facts.name ?? ''} ${persona.facts.full_name ?? ''}`));
  const nameFrequency = new Map<string, number>();
  for (const passage of passages) {
    const names = new Set(
      tokens(passage.text)
        .filter(
          (t) => /^\p{Lu}/u.test(t.text) && !lowercase.has(t.lower) && (!t.initial || capitalisedInside.has(t.lower)),
        )
        .map((t) => t.lower),
    );
    for (const name of names) nameFrequency.set(name, (nameFrequency.get(name) ?? 0) + 1);
  }
  return { lowercase, capitalisedInside, nameFrequency, selfNames };
}

// Memo of a pure function, keyed by the persona object: the service (prompt context) and the
// offline model (answers) receive the same Persona from the source, so they share one index
// instead of building a large persona's index twice after every change.
const indexes = new WeakMap<Persona, IndexedPersona>();
const vectorCache = new WeakMap<IndexedPersona, Map<string, Promise<Vector[]>>>();

function indexPersona(persona: Persona): IndexedPersona {
  let indexed = indexes.get(persona);
  if (!indexed) {
    const blocks = personaBlocks(persona);
    const passages = blockPassages(blocks);
    const vocabulary = vocabularyOf(persona, passages);
    indexed = {
      version: persona.version,
      blocks: new Map(blocks.map((block) => [block.id, block])),
      passages,
      retriever: createRetriever(passages, { boostTerms: identityTerms(persona) }),
      vocabulary,
      currentEmployer: new Set(
        tokens(renderValue(persona.facts.current_role))
          .filter(
            (t) => /^\p{Lu}/u.test(t.text) && !vocabulary.lowercase.has(t.lower) && !vocabulary.selfNames.has(t.lower),
          )
          .map((t) => t.lower),
      ),
    };
    indexes.set(persona, indexed);
  }
  return indexed;
}

/**
 * Builds (and remembers) the passages, retriever and passage embeddings of one persona
 * version, so a persona is indexed once per change, not once per question. No I/O of its
 * own: embeddings come through the Embedder port.
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

  /**
   * The embedding of every passage (in passage order) by `embedder`, computed once per persona
   * version and embedder. A failure is not remembered: the next call tries again.
   */
  vectorsFor(persona: Persona, embedder: Embedder): Promise<Vector[]> {
    const indexed = this.for(persona);
    let byEmbedder = vectorCache.get(indexed);
    if (!byEmbedder) vectorCache.set(indexed, (byEmbedder = new Map()));
    const key = `${embedder.name}/${embedder.dimension}`;
    let vectors = byEmbedder.get(key);
    if (!vectors) {
      vectors = embedPassages(indexed.passages, embedder);
      const cache = byEmbedder;
      vectors.catch(() => cache.delete(key));
      byEmbedder.set(key, vectors);
    }
    return vectors;
  }
}
