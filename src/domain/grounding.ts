import MiniSearch from 'minisearch';
import type { Passage } from './passages.js';
import { contentWords, foldPlural } from './text.js';

export interface ScoredPassage {
  readonly passage: Passage;
  readonly score: number;
}

export interface Retriever {
  /** Passages sharing meaning-bearing words with the query, best first; [] when none do. */
  search(query: string, limit?: number): ScoredPassage[];
}

function terms(text: string): string[] {
  return contentWords(text).map(foldPlural);
}

/**
 * A BM25 index over the passages (MiniSearch), with unicode word segmentation and
 * stop words removed on both sides so "what is your ..." never matches on its own.
 */
export function createRetriever(passages: readonly Passage[]): Retriever {
  const byId = new Map(passages.map((p) => [p.id, p]));
  const index = new MiniSearch<Passage>({
    fields: ['text', 'hints'],
    idField: 'id',
    tokenize: terms,
    processTerm: (term) => term,
    searchOptions: {
      tokenize: terms,
      processTerm: (term) => term,
      boost: { text: 1, hints: 0.8 },
      // Prefix matching finds "engineer" from "engineering" only for words long enough to be specific.
      prefix: (term) => term.length >= 5,
      combineWith: 'OR',
    },
  });
  index.addAll(passages);
  return {
    search(query, limit = 3) {
      if (terms(query).length === 0) return [];
      return index
        .search(query)
        .slice(0, limit)
        .flatMap((hit) => {
          const passage = byId.get(String(hit.id));
          return passage ? [{ passage, score: hit.score }] : [];
        });
    },
  };
}

/**
 * Keeps the hits that are close to the best one: a weak third match adds noise,
 * not support.
 */
export function strongHits(hits: readonly ScoredPassage[], ratio = 0.5): ScoredPassage[] {
  const best = hits[0]?.score ?? 0;
  return hits.filter((hit) => hit.score >= best * ratio);
}
