import type { Embedder, EmbedOptions, Vector } from '../../ports/embedder.js';
import { answersLayerOf } from '../knowledge/answered-persona.js';
import { ANSWERS_FILE } from '../knowledge/owner-answers.js';
import type { Persona } from '../persona/persona.js';
import { words } from '../text/text.js';
import type { Block } from './blocks.js';
import { type PersonaVocabulary, tokens } from './evidence.js';
import { renderValue } from './fact-blocks.js';
import { createRetriever, type ExtensibleRetriever, type Retriever } from './grounding.js';
import { blockPassages, documentBlocksOf, type Passage, personaBlocks } from './passages.js';
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
// The retrievers of personas indexed whole, which a persona with answers copies and extends.
const extensible = new WeakMap<Persona, ExtensibleRetriever>();
// A persona with owner answers over a folder's persona: the folder's index, and the answers' passages.
const layers = new WeakMap<IndexedPersona, { readonly base: Persona; readonly added: readonly Passage[] }>();
const vectorCache = new WeakMap<IndexedPersona, Map<string, Promise<Vector[]>>>();
const wordVectorCache = new WeakMap<IndexedPersona, Map<string, Map<string, Vector>>>();
/** Word vectors kept per persona version and embedder, at most: a bound on memory whatever is asked. */
const MAX_CACHED_WORDS = 20_000;

function currentEmployerOf(persona: Persona, vocabulary: PersonaVocabulary): Set<string> {
  return new Set(
    tokens(renderValue(persona.facts.current_role))
      .filter(
        (t) => /^\p{Lu}/u.test(t.text) && !vocabulary.lowercase.has(t.lower) && !vocabulary.selfNames.has(t.lower),
      )
      .map((t) => t.lower),
  );
}

function assemble(
  persona: Persona,
  blocks: readonly Block[],
  passages: Passage[],
  retriever: Retriever,
): IndexedPersona {
  const vocabulary = vocabularyOf(persona, passages);
  return {
    version: persona.version,
    blocks: new Map(blocks.map((block) => [block.id, block])),
    passages,
    retriever,
    vocabulary,
    currentEmployer: currentEmployerOf(persona, vocabulary),
  };
}

function indexPersona(persona: Persona): IndexedPersona {
  const known = indexes.get(persona);
  if (known) return known;
  const layer = answersLayerOf(persona);
  let indexed: IndexedPersona;
  if (layer) {
    // Only the owner's answers changed since the folder was read: the folder's part of the
    // index (and its embeddings) is built once per folder version; only the answers are added.
    const bare = indexPersona(layer.withoutAnswers);
    const answerBlocks = persona.documents.filter((doc) => doc.source === ANSWERS_FILE).flatMap(documentBlocksOf);
    const added = blockPassages(answerBlocks);
    const base =
      extensible.get(layer.withoutAnswers) ?? createRetriever(bare.passages, { boostTerms: identityTerms(persona) });
    indexed = assemble(
      persona,
      [...bare.blocks.values(), ...answerBlocks],
      [...bare.passages, ...added],
      base.extend(added),
    );
    layers.set(indexed, { base: layer.withoutAnswers, added });
  } else {
    const blocks = personaBlocks(persona);
    const passages = blockPassages(blocks);
    const retriever = createRetriever(passages, { boostTerms: identityTerms(persona) });
    extensible.set(persona, retriever);
    indexed = assemble(persona, blocks, passages, retriever);
  }
  indexes.set(persona, indexed);
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
    if (!byEmbedder) {
      byEmbedder = new Map();
      vectorCache.set(indexed, byEmbedder);
    }
    const key = `${embedder.name}/${embedder.dimension}`;
    let vectors = byEmbedder.get(key);
    if (!vectors) {
      const layer = layers.get(indexed);
      vectors = layer
        ? Promise.all([this.vectorsFor(layer.base, embedder), embedPassages(layer.added, embedder)]).then(
            ([base, added]) => [...base, ...added],
          )
        : embedPassages(indexed.passages, embedder);
      const cache = byEmbedder;
      vectors.catch(() => cache.delete(key));
      byEmbedder.set(key, vectors);
    }
    return vectors;
  }

  /**
   * The embedding of each word (single words, for word-level similarity), computed once per
   * persona version and embedder and remembered, up to MAX_CACHED_WORDS words.
   */
  async wordVectorsFor(
    persona: Persona,
    embedder: Embedder,
    words: readonly string[],
    options: EmbedOptions = {},
  ): Promise<ReadonlyMap<string, Vector>> {
    const indexed = this.for(persona);
    let byEmbedder = wordVectorCache.get(indexed);
    if (!byEmbedder) {
      byEmbedder = new Map();
      wordVectorCache.set(indexed, byEmbedder);
    }
    const key = `${embedder.name}/${embedder.dimension}`;
    const cache = byEmbedder.get(key) ?? new Map<string, Vector>();
    byEmbedder.set(key, cache);
    const missing = [...new Set(words)].filter((word) => !cache.has(word));
    const embedded = missing.length > 0 ? await embedder.embed(missing, options) : [];
    const fresh = new Map<string, Vector>();
    missing.forEach((word, i) => {
      const vector = embedded[i];
      if (vector) fresh.set(word, vector);
    });
    const result = new Map<string, Vector>();
    for (const word of words) {
      const vector = cache.get(word) ?? fresh.get(word);
      if (vector) result.set(word, vector);
    }
    for (const [word, vector] of fresh) if (cache.size < MAX_CACHED_WORDS) cache.set(word, vector);
    return result;
  }
}
