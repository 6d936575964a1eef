import { describe, expect, it } from 'vitest';
import { HashingEmbedder } from '../../src/adapters/memory/hashing-embedder.js';
import { composeAnswer } from '../../src/domain/grounding/answer-composition.js';
import { FITTED_ANSWER_MODEL } from '../../src/domain/grounding/answer-model.fitted.js';
import { type AnswerModel, linear, logistic } from '../../src/domain/grounding/answer-model.js';
import { ANSWERABILITY_SIGNALS, CANDIDATE_SIGNALS } from '../../src/domain/grounding/answer-signals.js';
import { DEFAULT_CALIBRATION, judge } from '../../src/domain/grounding/answerability.js';
import { retrieve } from '../../src/domain/grounding/hybrid-retrieval.js';
import { PersonaIndex } from '../../src/domain/grounding/persona-index.js';
import type { Persona } from '../../src/domain/persona/persona.js';
import { notEnglish, words } from '../../src/domain/text/text.js';
import { fitLogistic, fitSoftmaxRanker, quantile } from '../eval/fitting.js';

const persona: Persona = {
  facts: { name: 'Lena', full_name: 'Lena Park', current_role: 'Head Baker at Crumb & Co', location: 'Bergen, Norway' },
  summary: '',
  style: '',
  documents: [
    {
      source: 'summary.txt',
      kind: 'summary',
      text: 'I bake rye bread every morning. I bake cardamom knots on Fridays. My husband Tor and I live above the shop.',
    },
    {
      source: 'about.md',
      kind: 'knowledge',
      text: '# About\n\n## Languages\n- Norwegian (native)\n- English (fluent)',
    },
  ],
  version: 'lena-v1',
};

const zero = (width: number) => ({ mean: [], scale: [], weights: new Array<number>(width).fill(0), bias: 0 });
/** A model that weighs only the fused rank and answers at any probability at least `threshold`. */
function model(threshold: number, secondRatio: number): AnswerModel {
  const fused = CANDIDATE_SIGNALS.indexOf('fused');
  return {
    selector: { ...zero(CANDIDATE_SIGNALS.length), weights: CANDIDATE_SIGNALS.map((_, i) => (i === fused ? 1 : 0)) },
    answerability: zero(ANSWERABILITY_SIGNALS.length),
    threshold,
    secondRatio,
  };
}

async function judged(question: string, answerModel: AnswerModel) {
  const index = new PersonaIndex();
  const retrieval = await retrieve(persona, index, question, new HashingEmbedder(), { termSimilarities: true });
  const indexed = index.for(persona);
  const judgement = judge(
    retrieval.analysis,
    retrieval.candidates,
    indexed,
    retrieval,
    DEFAULT_CALIBRATION,
    answerModel,
  );
  return { judgement, retrieval, indexed };
}

describe('the answer model (docs/adr/0402)', () => {
  it('is a linear function of standardised signals, turned into a probability by the logistic function', () => {
    expect(linear({ mean: [1, 0], scale: [2, 1], weights: [4, -1], bias: 0.5 }, [3, 2])).toBeCloseTo(0.5 + 4 - 2);
    expect(logistic(0)).toBe(0.5);
    expect(logistic(4)).toBeGreaterThan(0.98);
  });

  it('ships a fitted model with one weight per signal and a threshold that is a probability', () => {
    const { selector, answerability, threshold, secondRatio } = FITTED_ANSWER_MODEL;
    for (const [fitted, names] of [
      [selector, CANDIDATE_SIGNALS],
      [answerability, ANSWERABILITY_SIGNALS],
    ] as const) {
      expect(fitted.weights).toHaveLength(names.length);
      expect(fitted.mean).toHaveLength(names.length);
      expect(fitted.scale.every((s) => s > 0)).toBe(true);
    }
    expect(threshold).toBeGreaterThan(0);
    expect(threshold).toBeLessThan(1);
    expect(secondRatio).toBeGreaterThan(0);
  });

  it('answers only when the probability of being answerable reaches the threshold', async () => {
    // An all-zero answerability model says 0.5 for every question.
    expect((await judged('What bread do you bake?', model(0.5, 2))).judgement?.supported).toBe(true);
    expect((await judged('What bread do you bake?', model(0.51, 2))).judgement?.supported).toBe(false);
  });

  it('quotes the runner-up too when it is nearly as likely, after the chosen passage', async () => {
    const alone = await judged('What do you bake?', model(0.5, 2));
    expect(alone.judgement?.runnerUp).toBeUndefined();
    const { judgement, retrieval, indexed } = await judged('What do you bake?', model(0.5, 0));
    expect(judgement?.runnerUp).toBeDefined();
    if (!judgement?.runnerUp) return;
    const block = indexed.blocks.get(judgement.candidate.passage.block);
    const second = indexed.blocks.get(judgement.runnerUp.candidate.passage.block);
    if (!block || !second) throw new Error('blocks missing');
    const one = composeAnswer(judgement, block, retrieval.analysis, retrieval.candidates);
    const two = composeAnswer(judgement, block, retrieval.analysis, retrieval.candidates, {
      judged: judgement.runnerUp,
      block: second,
    });
    expect(two.startsWith(one)).toBe(true);
    expect(two.length).toBeGreaterThan(one.length);
    expect(two).not.toMatch(/\.\.|\s{2}/u);
  });

  it('never quotes the same text twice, and keeps a list on its own lines', async () => {
    const { judgement, retrieval, indexed } = await judged('Which languages do you speak?', model(0.5, 0));
    if (!judgement) throw new Error('no judgement');
    const block = indexed.blocks.get(judgement.candidate.passage.block);
    if (!block) throw new Error('block missing');
    const same = composeAnswer(judgement, block, retrieval.analysis, retrieval.candidates, {
      judged: judgement,
      block,
    });
    expect(same).toBe(composeAnswer(judgement, block, retrieval.analysis, retrieval.candidates));
    const list = indexed.blocks.get('about.md#2') ?? [...indexed.blocks.values()].find((b) => b.shape === 'list');
    const fact = [...indexed.blocks.values()].find((b) => b.shape === 'fact');
    if (!list || !fact) throw new Error('blocks missing');
    const listJudged = {
      ...judgement,
      candidate: { ...judgement.candidate, passage: { ...judgement.candidate.passage, block: list.id, index: 0 } },
    };
    const factJudged = {
      ...judgement,
      candidate: { ...judgement.candidate, passage: { ...judgement.candidate.passage, block: fact.id, index: 0 } },
    };
    const joined = composeAnswer(factJudged, fact, retrieval.analysis, retrieval.candidates, {
      judged: listJudged,
      block: list,
    });
    expect(joined).toMatch(/\.\n\n.*:\n- Norwegian \(native\)\n- English \(fluent\)$/u);
  });
});

describe('word-level similarity', () => {
  it('embeds each word once per persona version, whatever is asked', async () => {
    const embedder = new HashingEmbedder();
    const index = new PersonaIndex();
    await index.vectorsFor(persona, embedder);
    await retrieve(persona, index, 'What bread do you bake?', embedder, { termSimilarities: true });
    const afterFirst = embedder.embedded;
    await retrieve(persona, index, 'What bread do you bake?', embedder, { termSimilarities: true });
    expect(embedder.embedded - afterFirst).toBeLessThanOrEqual(2); // the question (and its focus) only
  });

  it('is 1 for a passage holding every term of the question', async () => {
    const retrieval = await retrieve(persona, new PersonaIndex(), 'rye bread?', new HashingEmbedder(), {
      termSimilarities: true,
    });
    const rye = retrieval.candidates.find((c) => c.passage.text.includes('rye'));
    const ones = new Map([
      ['rye', 1],
      ['bread', 1],
    ]);
    expect(rye && retrieval.termSimilarities?.get(rye.passage.id)).toEqual({
      mean: 1,
      weakest: 1,
      byTerm: ones,
      commonByTerm: ones,
    });
  });
});

describe('other languages', () => {
  it('tells a question in Spanish, German, French or Portuguese from one in English, chat spellings included', () => {
    for (const question of [
      'Wo haben Sie vor Ihrer Zeit in der Kanzlei gearbeitet?',
      '¿Cuántos años de experiencia tienes como cocinero?',
      'Depuis quand représentez-vous des clients ?',
      'Quantos anos de experiência você tem?',
    ])
      expect(notEnglish(words(question))).toBe(true);
    for (const question of ['So what is your job?', 'Where do you live?', 'Do you have a dog? What is its name?'])
      expect(notEnglish(words(question))).toBe(false);
  });
});

describe('fitting the answer model', () => {
  it('finds weights that rank the relevant candidate first and separate the two classes', () => {
    const groups = Array.from({ length: 20 }, (_, i) => ({
      signals: [
        [1 + (i % 3) * 0.1, 0.5],
        [0.2, 0.5 + (i % 2) * 0.1],
        [0.1, 0.4],
      ],
      relevant: [true, false, false],
    }));
    const ranker = fitSoftmaxRanker(groups, 0.01, 300);
    for (const g of groups) {
      const scores = g.signals.map((x) => linear(ranker, x));
      expect(scores[0]).toBeGreaterThan(Math.max(scores[1] ?? 0, scores[2] ?? 0));
    }
    const rows = Array.from({ length: 40 }, (_, i) => [i < 20 ? 1 + i * 0.01 : -1 - i * 0.01, 0]);
    const classifier = fitLogistic(
      rows,
      rows.map((_, i) => i < 20),
      0.01,
      500,
    );
    expect(rows.every((x, i) => logistic(linear(classifier, x)) > 0.5 === i < 20)).toBe(true);
    expect(quantile([3, 1, 2, 4], 0.5)).toBe(2.5);
  });
});
