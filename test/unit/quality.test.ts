import { describe, expect, it } from 'vitest';
import { personaVersionReports, qualityReport } from '../../src/domain/analytics/quality.js';
import {
  addQuality,
  answerQuality,
  type QualityCounters,
  qualityBucketsOf,
  ratingQuality,
} from '../../src/domain/analytics/quality-counters.js';
import type { AnswerRecord, RatingValue } from '../../src/domain/conversation/conversation.js';

function answered(day: string, overrides: Partial<AnswerRecord>, ratings: RatingValue[] = []) {
  const answer: AnswerRecord = {
    grounded: true,
    source: 'model',
    model: 'gpt-4o-mini',
    persona_version: 'v1',
    latency_ms: 1000,
    input_tokens: 100,
    output_tokens: 10,
    ...overrides,
  };
  const message = { role: 'assistant' as const, timestamp: `${day}T10:00:00.000Z`, answer };
  const delta = answerQuality(message);
  for (const rating of ratings) addQuality(delta, ratingQuality(message, { rating }));
  return delta;
}

describe('quality report', () => {
  it('sums tokens and cost, separates resting answers, and rates satisfaction', () => {
    const tally = new Map<number, QualityCounters>();
    for (const delta of [
      answered('2026-04-01', { cost_usd: 0.0015, time_to_first_token_ms: 300 }, ['up']),
      answered('2026-04-01', { grounded: false, cost_usd: 0.0005 }, ['down']),
      answered('2026-04-02', { latency_ms: 3000 }, ['up']),
      answered('2026-04-02', { source: 'limit', latency_ms: 0, input_tokens: 0, output_tokens: 0 }),
    ]) {
      addQuality(tally, delta);
    }
    const report = qualityReport(qualityBucketsOf(tally));
    expect(report.answers).toEqual({ total: 3, grounded_rate: 0.667, limited: 1 });
    expect(report.tokens).toEqual({ input: 300, output: 30 });
    expect(report.cost_usd).toBe(0.002);
    expect(report.feedback).toEqual({ up: 2, down: 1, satisfaction_rate: 0.667 });
    expect(report.time_to_first_token_ms.count).toBe(1);
    expect(report.time_to_first_token_ms.p50).toBeGreaterThan(285);
    expect(report.time_to_first_token_ms.p50).toBeLessThan(315);
    expect(report.latency_ms.p99).toBeGreaterThan(2860);
  });

  it('gives nulls, not zeros, where nothing was measured', () => {
    const report = qualityReport([]);
    expect(report.latency_ms).toEqual({ count: 0, p50: null, p95: null, p99: null });
    expect(report.answers.grounded_rate).toBeNull();
    expect(report.feedback.satisfaction_rate).toBeNull();
  });

  it('compares persona versions side by side, the most recent first', () => {
    const tally = new Map<number, QualityCounters>();
    addQuality(tally, answered('2026-04-01', { persona_version: 'old', latency_ms: 2000, cost_usd: 0.001 }, ['down']));
    addQuality(tally, answered('2026-04-03', { persona_version: 'old', grounded: false }));
    addQuality(tally, answered('2026-04-05', { persona_version: 'new', latency_ms: 500 }, ['up']));
    expect(personaVersionReports(qualityBucketsOf(tally))).toEqual([
      {
        persona_version: 'new',
        first_day: '2026-04-05',
        last_day: '2026-04-05',
        answers: 1,
        grounded_rate: 1,
        avg_latency_ms: 500,
        cost_usd: 0,
        feedback: { up: 1, down: 0, satisfaction_rate: 1 },
      },
      {
        persona_version: 'old',
        first_day: '2026-04-01',
        last_day: '2026-04-03',
        answers: 2,
        grounded_rate: 0.5,
        avg_latency_ms: 1500,
        cost_usd: 0.001,
        feedback: { up: 0, down: 1, satisfaction_rate: 0 },
      },
    ]);
  });
});
