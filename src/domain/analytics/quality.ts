import { bucketValue, DAY_MS, MAX_BUCKET, type QualityBucket, type QualityCounters } from './quality-counters.js';

export interface Percentiles {
  /** How many answers the figures describe. */
  readonly count: number;
  /** Milliseconds, to within ±4.5 % (histogram buckets); null when count is 0. */
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
}

export interface FeedbackFigures {
  readonly up: number;
  readonly down: number;
  /** up / (up + down), in [0, 1]; null before the first rating. */
  readonly satisfaction_rate: number | null;
}

/** Answer quality over a period, from the day counters. */
export interface QualityReport {
  readonly answers: {
    /** Answers the model gave. */
    readonly total: number;
    /** Share of them the persona supported, in [0, 1]; null without answers. */
    readonly grounded_rate: number | null;
    /** Resting answers given instead of the model's (a budget or the turn cap). */
    readonly limited: number;
  };
  readonly latency_ms: Percentiles;
  /** Streamed answers only. */
  readonly time_to_first_token_ms: Percentiles;
  readonly tokens: { readonly input: number; readonly output: number };
  /** Estimated from the model's price table; answers of unpriced models add nothing. */
  readonly cost_usd: number;
  readonly feedback: FeedbackFigures;
}

export interface PersonaVersionReport {
  readonly persona_version: string;
  /** First and last UTC day (YYYY-MM-DD) with an answer of this version. */
  readonly first_day: string | null;
  readonly last_day: string | null;
  readonly answers: number;
  readonly grounded_rate: number | null;
  readonly avg_latency_ms: number | null;
  readonly cost_usd: number;
  readonly feedback: FeedbackFigures;
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}

function usd(nano: number): number {
  return Math.round(nano / 1000) / 1e6;
}

function feedback(up: number, down: number): FeedbackFigures {
  return { up, down, satisfaction_rate: share(up, up + down) };
}

function sumOf(buckets: readonly QualityBucket[]): QualityCounters {
  const total: QualityCounters = {};
  for (const { counters } of buckets) {
    for (const [field, value] of Object.entries(counters)) total[field] = (total[field] ?? 0) + value;
  }
  return total;
}

/** p50, p95 and p99 of the histogram whose bucket counts are `<prefix>.<bucket>` in `total`. */
export function percentiles(total: Readonly<QualityCounters>, prefix: string): Percentiles {
  const counts: number[] = [];
  for (let bucket = 0; bucket <= MAX_BUCKET; bucket++) counts.push(Math.max(0, total[`${prefix}.${bucket}`] ?? 0));
  const count = counts.reduce((a, b) => a + b, 0);
  const at = (p: number): number | null => {
    if (count === 0) return null;
    const rank = Math.max(1, Math.ceil(p * count));
    let seen = 0;
    for (const [bucket, n] of counts.entries()) {
      seen += n;
      if (seen >= rank) return Math.round(bucketValue(bucket));
    }
    return Math.round(bucketValue(MAX_BUCKET));
  };
  return { count, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

export function qualityReport(buckets: readonly QualityBucket[]): QualityReport {
  const total = sumOf(buckets);
  const value = (field: string) => total[field] ?? 0;
  return {
    answers: {
      total: value('answers'),
      grounded_rate: share(value('grounded'), value('answers')),
      limited: value('limited'),
    },
    latency_ms: percentiles(total, 'latency'),
    time_to_first_token_ms: percentiles(total, 'ttft'),
    tokens: { input: value('input_tokens'), output: value('output_tokens') },
    cost_usd: usd(value('cost_nano_usd')),
    feedback: feedback(value('up'), value('down')),
  };
}

/** Every persona version that answered in the buckets, the most recent first. */
export function personaVersionReports(buckets: readonly QualityBucket[]): PersonaVersionReport[] {
  const versions = new Map<string, { counters: QualityCounters; first: number; last: number }>();
  for (const { day, counters } of buckets) {
    for (const [field, value] of Object.entries(counters)) {
      const match = /^v\.(.+)\.(answers|grounded|up|down|latency_ms|cost_nano_usd)$/.exec(field);
      if (!match) continue;
      const [, version, name] = match as unknown as [string, string, string];
      const entry = versions.get(version) ?? { counters: {}, first: day, last: day };
      entry.counters[name] = (entry.counters[name] ?? 0) + value;
      if (name === 'answers' && value > 0) {
        entry.first = Math.min(entry.first, day);
        entry.last = Math.max(entry.last, day);
      }
      versions.set(version, entry);
    }
  }
  const date = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
  return [...versions]
    .map(([version, { counters, first, last }]) => {
      const answers = counters.answers ?? 0;
      return {
        persona_version: version,
        first_day: answers > 0 ? date(first) : null,
        last_day: answers > 0 ? date(last) : null,
        answers,
        grounded_rate: share(counters.grounded ?? 0, answers),
        avg_latency_ms: answers === 0 ? null : Math.round((counters.latency_ms ?? 0) / answers),
        cost_usd: usd(counters.cost_nano_usd ?? 0),
        feedback: feedback(counters.up ?? 0, counters.down ?? 0),
      };
    })
    .filter((report) => report.answers > 0 || report.feedback.up + report.feedback.down > 0)
    .sort(
      (a, b) =>
        (b.last_day ?? '').localeCompare(a.last_day ?? '') ||
        (b.first_day ?? '').localeCompare(a.first_day ?? '') ||
        a.persona_version.localeCompare(b.persona_version),
    );
}
