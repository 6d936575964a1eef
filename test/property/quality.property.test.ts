import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { qualityReport } from '../../src/domain/analytics/quality.js';
import {
  addQuality,
  answerQuality,
  negateQuality,
  type QualityCounters,
  qualityBucketsOf,
  ratingQuality,
  versionKey,
} from '../../src/domain/analytics/quality-counters.js';
import type { AnswerRecord } from '../../src/domain/conversation/conversation.js';

const record = (latency: number, ttft?: number): AnswerRecord => ({
  grounded: true,
  source: 'model',
  model: 'm',
  persona_version: 'v',
  latency_ms: latency,
  ...(ttft === undefined ? {} : { time_to_first_token_ms: ttft }),
  input_tokens: 1,
  output_tokens: 1,
});

function tallyOf(latencies: readonly number[]): Map<number, QualityCounters> {
  const tally = new Map<number, QualityCounters>();
  latencies.forEach((latency, i) => {
    addQuality(
      tally,
      answerQuality({
        role: 'assistant',
        timestamp: new Date(i * 3_600_000).toISOString(),
        answer: record(latency, latency / 2),
      }),
    );
  });
  return tally;
}

function nearestRank(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1] as number;
}

describe('quality counters', () => {
  test.prop([fc.array(fc.integer({ min: 0, max: 3_600_000 }), { minLength: 1, maxLength: 300 })])(
    'p50, p95 and p99 from the histogram are within 4.5 % (or 1 ms) of the exact percentiles',
    (latencies) => {
      const report = qualityReport(qualityBucketsOf(tallyOf(latencies)));
      expect(report.latency_ms.count).toBe(latencies.length);
      expect(report.time_to_first_token_ms.count).toBe(latencies.length);
      for (const [p, key] of [
        [0.5, 'p50'],
        [0.95, 'p95'],
        [0.99, 'p99'],
      ] as const) {
        const exact = nearestRank(latencies, p);
        const reported = report.latency_ms[key] as number;
        expect(Math.abs(reported - exact)).toBeLessThanOrEqual(Math.max(1, exact * 0.045));
      }
    },
  );

  test.prop([
    fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 50 }),
    fc.constantFrom('up' as const, 'down' as const),
  ])('any set of answers and a rating, added then taken back, leaves nothing', (latencies, rating) => {
    const tally = tallyOf(latencies);
    const message = { timestamp: new Date(0).toISOString(), answer: record(5) };
    addQuality(tally, ratingQuality(message, { rating }));
    addQuality(tally, ratingQuality(message, { rating }, -1));
    for (const bucket of qualityBucketsOf(tallyOf(latencies)))
      addQuality(tally, negateQuality(new Map([[bucket.day, bucket.counters]])));
    expect(tally.size).toBe(0);
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 200 })])(
    'a persona version always becomes a safe counter-name part',
    (version) => {
      expect(versionKey(version)).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    },
  );
});
