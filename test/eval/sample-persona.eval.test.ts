import { beforeAll, describe, expect, it } from 'vitest';
import { FsPersonaSource } from '../../src/adapters/filesystem/fs-persona-source.js';
import type { Persona } from '../../src/domain/persona/persona.js';
import { samplePersonaDir } from '../support/sample-persona.js';
import { evaluatePersona } from './corpus-eval.js';
import { evalModel } from './eval-model.js';
import { evaluateAnswers, evaluateRecall, padded } from './run-eval.js';
import { YES_NO_ANSWERABLE, YES_NO_NEAR_MISSES } from './sample-persona-questions.js';

const SAMPLE = samplePersonaDir();
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

describe('evaluation on the sample persona', () => {
  let persona: Persona;
  beforeAll(async () => {
    persona = await new FsPersonaSource({ dir: SAMPLE }).load();
  });

  it('the offline twin states the expected fact for >= 90% of answerable questions and marks >= 90% of unanswerable ones ungrounded', async () => {
    const scores = await evaluateAnswers(persona);
    console.log(
      `[eval] offline answers: facts ${pct(scores.factRate)} of ${scores.answerable}; false gaps ${pct(scores.falseGapRate)}; ` +
        `unanswerable marked and recorded ${pct(scores.gapRate)} of ${scores.unanswerable}\n[eval] misses: ${scores.misses.join(' | ') || 'none'}`,
    );
    expect(scores.answerable).toBeGreaterThanOrEqual(40);
    expect(scores.unanswerable).toBeGreaterThanOrEqual(10);
    expect(scores.factRate).toBeGreaterThanOrEqual(0.9);
    expect(scores.gapRate).toBeGreaterThanOrEqual(0.9);
    expect(scores.falseGapRate).toBeLessThanOrEqual(0.1);
  });

  it('puts the passage holding the fact in the prompt for >= 95% of answerable questions, with 200 pages of padding', () => {
    const big = padded(persona, 200);
    const scores = evaluateRecall(big, 4000);
    console.log(
      `[eval] retrieval with 200 padded pages (whole prompt ${scores.wholePromptTokens} tokens, budget 4000): recall ${pct(scores.recall)} of ${scores.questions}; ` +
        `facts outside the identity core ${pct(scores.documentRecall)} of ${scores.documentQuestions}; mean prompt ${scores.meanPromptTokens} tokens\n[eval] misses: ${scores.misses.join(' | ') || 'none'}`,
    );
    expect(scores.wholePromptTokens).toBeGreaterThan(60_000);
    expect(scores.meanPromptTokens).toBeLessThanOrEqual(4000);
    expect(scores.recall).toBeGreaterThanOrEqual(0.95);
    expect(scores.documentQuestions).toBeGreaterThanOrEqual(10);
    expect(scores.documentRecall).toBeGreaterThanOrEqual(0.9);
  });

  it('sends a small persona whole', () => {
    const scores = evaluateRecall(persona, 4000);
    expect(scores.wholePromptTokens).toBeLessThan(4000);
    expect(scores.recall).toBe(1);
  });

  it('with local embeddings, says "I don\'t know" to yes/no questions about things the files never mention, and answers the ones they do', {
    timeout: 120_000,
  }, async () => {
    const outcomes = await evaluatePersona(
      {
        slug: 'sample',
        personaDir: SAMPLE,
        answerable: YES_NO_ANSWERABLE.map((q) => ({ ...q, kind: 'yes/no' })),
        unanswerable: YES_NO_NEAR_MISSES.map((question) => ({ question, kind: 'yes/no near-miss' })),
      },
      evalModel().model,
    );
    const wrong = outcomes.filter((o) => !o.correct).map((o) => `${o.question} -> ${o.response}`);
    expect(wrong).toEqual([]);
    for (const o of outcomes.filter((x) => !x.answerable)) expect(o.grounded).toBe(false);
  });
});
