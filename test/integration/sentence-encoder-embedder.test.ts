import { describe, expect, it } from 'vitest';
import { SentenceEncoderEmbedder } from '../../src/adapters/offline/sentence-encoder-embedder.js';
import { cosine } from '../../src/domain/grounding/vectors.js';

describe('SentenceEncoderEmbedder (Universal Sentence Encoder lite, in-process)', () => {
  it('places a paraphrase nearer than an unrelated sentence, with unit vectors of 512 dimensions', async () => {
    const embedder = new SentenceEncoderEmbedder();
    const [question, paraphrase, unrelated, blank] = await embedder.embed([
      'What do you do in your free time?',
      'At weekends I restore old sailboats.',
      'The invoice is payable within thirty days.',
      '',
    ]);
    expect(question).toHaveLength(512);
    expect(cosine(question!, question!)).toBeCloseTo(1, 4);
    expect(cosine(question!, paraphrase!)).toBeGreaterThan(cosine(question!, unrelated!));
    expect(Number.isFinite(blank![0])).toBe(true);
    // Deterministic: the same text gives the same vector.
    const [again] = await embedder.embed(['What do you do in your free time?']);
    expect(cosine(question!, again!)).toBeCloseTo(1, 6);
  });

  it('loads the model only on first use, once, and retries a failed load on the next call', async () => {
    let loads = 0;
    const embedder = new SentenceEncoderEmbedder({
      load: async () => {
        loads += 1;
        if (loads === 1) throw new Error('weights missing');
        return { embed: async (texts: string[]) => texts.map((t) => [t.length, 1]) };
      },
    });
    expect(loads).toBe(0);
    await expect(embedder.embed(['a'])).rejects.toMatchObject({ code: 'model_unavailable' });
    const [first, second] = await Promise.all([embedder.embed(['ab']), embedder.embed(['abc'])]);
    expect(loads).toBe(2);
    expect(Array.from(first![0]!)).toEqual([expect.closeTo(2 / Math.sqrt(5), 5), expect.closeTo(1 / Math.sqrt(5), 5)]);
    expect(second).toHaveLength(1);
  });

  it('stops between batches when the signal is aborted', async () => {
    const controller = new AbortController();
    let batches = 0;
    const embedder = new SentenceEncoderEmbedder({
      batchSize: 1,
      load: async () => ({
        embed: async (texts: string[]) => {
          batches += 1;
          controller.abort(new Error('visitor left'));
          return texts.map(() => [1, 0]);
        },
      }),
    });
    await expect(embedder.embed(['a', 'b', 'c'], { signal: controller.signal })).rejects.toThrow('visitor left');
    expect(batches).toBe(1);
  });
});
