import MiniSearch, { type Options } from 'minisearch';
import { contentWords, foldPlural } from '../text/text.js';
import type { Passage } from './passages.js';

export interface ScoredPassage {
  readonly passage: Passage;
  readonly score: number;
  /** The query's meaning-bearing terms this passage matched (exactly, by prefix or fuzzily). */
  readonly matched: readonly string[];
  /** The passage's terms that were matched, for judging how close a fuzzy match was. */
  readonly matchedTerms: readonly string[];
  /** Whether a query term matched the passage's hints (the topic of a fact, a heading, an answered question). */
  readonly hintMatched: boolean;
}

export interface Retriever {
  /** Passages sharing meaning-bearing words with the query, best first; [] when none do. */
  search(query: string, limit?: number): ScoredPassage[];
}

export interface RetrieverOptions {
  /**
   * Words that identify this persona (names, skills, employers): a query term among them
   * weighs more, so "Tidewater" outranks "library" in "tell me about the Tidewater library".
   */
  readonly boostTerms?: Iterable<string>;
}

/** The meaning-bearing, plural-folded terms of a text: what the index and queries are made of. */
export function terms(text: string): string[] {
  return contentWords(text).map(foldPlural);
}

const BOOST = 2;

/** A Retriever that can make a copy of itself with more passages. */
export interface ExtensibleRetriever extends Retriever {
  /**
   * A new retriever over these passages plus `more` (ids must be new); this one is left
   * unchanged. It copies the built index and adds only `more`, so it costs a fraction of
   * indexing everything again (docs/benchmarks.md).
   */
  extend(more: readonly Passage[]): Retriever;
}

function indexOptions(boosted: ReadonlySet<string>): Options<Passage> {
  return {
    fields: ['text', 'hints'],
    idField: 'id',
    tokenize: terms,
    processTerm: (term) => term,
    searchOptions: {
      tokenize: terms,
      processTerm: (term) => term,
      boost: { text: 1, hints: 0.8 },
      boostTerm: (term) => (boosted.has(term) ? BOOST : 1),
      prefix: (term) => term.length >= 5,
      // Typos: one edit in a four-letter word, two in longer ones (a swapped pair of letters is two).
      fuzzy: (term) => (term.length >= 5 ? 0.4 : term.length === 4 ? 0.25 : false),
      maxFuzzy: 2,
      combineWith: 'OR',
    },
  };
}

function searchOver(index: MiniSearch<Passage>, byId: ReadonlyMap<string, Passage>): Retriever['search'] {
  return (query, limit = 3) => {
    if (terms(query).length === 0) return [];
    return index
      .search(query)
      .slice(0, limit)
      .flatMap((hit) => {
        const passage = byId.get(String(hit.id));
        const hintMatched = Object.values(hit.match).some((fields) => fields.includes('hints'));
        return passage
          ? [{ passage, score: hit.score, matched: hit.queryTerms, matchedTerms: hit.terms, hintMatched }]
          : [];
      });
  };
}

/**
 * A BM25 index over the passages (MiniSearch), with unicode word segmentation and
 * stop words of several languages removed on both sides, so "what is your ..." never
 * matches on its own. Long words also match by prefix ("engineer" finds "engineering")
 * and fuzzily (a typo of about one letter in five), at a lower weight than exact matches.
 */
export function createRetriever(passages: readonly Passage[], options: RetrieverOptions = {}): ExtensibleRetriever {
  const byId = new Map(passages.map((p) => [p.id, p]));
  const settings = indexOptions(new Set([...(options.boostTerms ?? [])].flatMap((text) => terms(text))));
  const index = new MiniSearch<Passage>(settings);
  index.addAll(passages);
  return {
    search: searchOver(index, byId),
    extend(more) {
      if (more.length === 0) return { search: searchOver(index, byId) };
      // loadJS keeps the serialised averages array as its own: copy it, or adding to the
      // copy would change this index's scores too.
      const plain = index.toJSON();
      const copy = MiniSearch.loadJS<Passage>(
        { ...plain, averageFieldLength: [...plain.averageFieldLength] },
        settings,
      );
      copy.addAll(more);
      return { search: searchOver(copy, new Map([...byId, ...more.map((p) => [p.id, p] as const)])) };
    },
  };
}
