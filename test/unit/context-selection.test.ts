import { describe, expect, it } from 'vitest';
import { HashingEmbedder } from '../../src/adapters/memory/hashing-embedder.js';
import { countTokens } from '../../src/adapters/openai/token-counter.js';
import { selectContext, selectContextFor } from '../../src/domain/chat/context-selection.js';
import type { ScoredPassage } from '../../src/domain/grounding/grounding.js';
import type { Passage } from '../../src/domain/grounding/passages.js';
import { PersonaIndex } from '../../src/domain/grounding/persona-index.js';
import { fuseRankings, type SemanticHit } from '../../src/domain/grounding/semantic-ranking.js';
import { testPersona } from '../support/personas.js';

const now = new Date('2026-03-04T05:06:07.000Z');
const filler = Array.from(
  { length: 300 },
  (_, i) =>
    `## Note ${i}\n\nThe archive shelf ${i} holds ledgers about tide tables and harbour dues of year ${1700 + i}.`,
).join('\n\n');
const big = testPersona({
  documents: [
    ...testPersona().documents,
    {
      source: 'talks.md',
      kind: 'knowledge',
      text: '# Talks\n\n## Keynotes\n- "Quiet Rooms" - Acoustics Summit, Lyon, 2024.',
    },
    { source: 'archive.md', kind: 'knowledge', text: filler },
  ],
  version: 'big-v1',
});

function passage(id: string): Passage {
  return { id, source: 'x.md', text: id, hints: '', context: '', block: id, index: 0 };
}

describe('reciprocal-rank fusion', () => {
  it('ranks a passage both rankings found above one found by either alone', () => {
    const lexical = ['a', 'b', 'c'].map(
      (id, rank): ScoredPassage => ({
        passage: passage(id),
        score: 10 - rank,
        matched: [],
        matchedTerms: [],
        hintMatched: false,
      }),
    );
    const semantic = ['d', 'c', 'a'].map(
      (id, rank): SemanticHit => ({ passage: passage(id), cosine: 0.9 - rank / 10 }),
    );
    const fused = fuseRankings(lexical, semantic, new Map([['b', 0.1]]));
    expect(fused.map((c) => c.passage.id)).toEqual(['a', 'c', 'd', 'b']);
    expect(fused.find((c) => c.passage.id === 'b')).toMatchObject({
      lexicalRank: 1,
      semanticRank: undefined,
      cosine: 0.1,
    });
  });
});

describe('context selection for a persona larger than the budget', () => {
  it('sends a small persona whole, without retrieval', async () => {
    const context = await selectContextFor(
      testPersona(),
      new PersonaIndex(),
      now,
      { question: 'hi' },
      4000,
      countTokens,
    );
    expect(context.whole).toBe(true);
  });

  it('puts the block answering the question in the prompt, whole and under its heading, within the budget', async () => {
    const embedder = new HashingEmbedder();
    const index = new PersonaIndex();
    const question = { question: 'Which keynotes have you given?' };
    const hybrid = await selectContextFor(big, index, now, question, 1500, countTokens, { embedder });
    const lexical = selectContext(big, index, now, question, 1500, countTokens);
    for (const context of [hybrid, lexical]) {
      expect(context.whole).toBe(false);
      expect(context.system).toContain('Keynotes\n- "Quiet Rooms" - Acoustics Summit, Lyon, 2024.');
      expect(countTokens(context.system)).toBeLessThanOrEqual(1500);
    }
    // Passages are embedded once per persona version, not once per question.
    const embeddedOnce = embedder.embedded;
    await selectContextFor(big, index, now, { question: 'Tell me about EchoMap' }, 1500, countTokens, { embedder });
    expect(embedder.embedded - embeddedOnce).toBeLessThanOrEqual(2); // the question (and its focus) only
  });
});
