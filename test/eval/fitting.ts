/**
 * Fitting of the offline twin's answer model (docs/adr/0402): plain batch gradient descent,
 * deterministic (zero start, fixed steps), on standardised signals. Small data (hundreds of
 * questions), so no library is needed and every step is visible.
 */
import type { LinearModel } from '../../src/domain/grounding/answer-model.js';

function standardiser(rows: readonly (readonly number[])[]): { mean: number[]; scale: number[] } {
  const width = rows[0]?.length ?? 0;
  const mean = Array.from(
    { length: width },
    (_, j) => rows.reduce((sum, r) => sum + (r[j] as number), 0) / rows.length,
  );
  const scale = mean.map((m, j) => {
    const variance = rows.reduce((sum, r) => sum + ((r[j] as number) - m) ** 2, 0) / rows.length;
    return Math.sqrt(variance) || 1;
  });
  return { mean, scale };
}

function standardised(rows: readonly (readonly number[])[], mean: number[], scale: number[]): number[][] {
  return rows.map((r) => r.map((x, j) => (x - (mean[j] as number)) / (scale[j] as number)));
}

const dot = (w: readonly number[], x: readonly number[]) => w.reduce((sum, wj, j) => sum + wj * (x[j] as number), 0);

/** One question's candidates: their signals and which of them hold the answer. */
export interface RankingGroup {
  readonly signals: readonly (readonly number[])[];
  readonly relevant: readonly boolean[];
}

/**
 * A listwise ranker: maximises, over questions with at least one relevant candidate, the
 * softmax probability mass of the relevant candidates, with an L2 penalty.
 */
export function fitSoftmaxRanker(groups: readonly RankingGroup[], l2 = 0.1, steps = 1500, rate = 0.5): LinearModel {
  const useful = groups.filter((g) => g.relevant.some(Boolean));
  const { mean, scale } = standardiser(useful.flatMap((g) => g.signals));
  const data = useful.map((g) => ({ x: standardised(g.signals, mean, scale), y: g.relevant }));
  const weights = mean.map(() => 0);
  for (let step = 0; step < steps; step++) {
    const gradient = weights.map((w) => l2 * w);
    for (const { x, y } of data) {
      const s = x.map((row) => dot(weights, row));
      const top = Math.max(...s);
      const e = s.map((v) => Math.exp(v - top));
      const total = e.reduce((a, b) => a + b, 0);
      const relevantTotal = e.reduce((a, v, i) => a + (y[i] ? v : 0), 0);
      x.forEach((row, i) => {
        const diff = (e[i] as number) / total - (y[i] ? (e[i] as number) / relevantTotal : 0);
        row.forEach((v, j) => {
          gradient[j] = (gradient[j] as number) + (diff * v) / data.length;
        });
      });
    }
    weights.forEach((w, j) => {
      weights[j] = w - rate * (gradient[j] as number);
    });
  }
  return { mean, scale, weights, bias: 0 };
}

/** Logistic regression (L2 on the weights, not the bias). */
export function fitLogistic(
  rows: readonly (readonly number[])[],
  labels: readonly boolean[],
  l2 = 0.1,
  steps = 3000,
  rate = 0.3,
): LinearModel {
  const { mean, scale } = standardiser(rows);
  const x = standardised(rows, mean, scale);
  const weights = mean.map(() => 0);
  let bias = 0;
  for (let step = 0; step < steps; step++) {
    const gradient = weights.map((w) => l2 * w);
    let biasGradient = 0;
    x.forEach((row, i) => {
      const p = 1 / (1 + Math.exp(-(bias + dot(weights, row))));
      const diff = (p - (labels[i] ? 1 : 0)) / x.length;
      biasGradient += diff;
      row.forEach((v, j) => {
        gradient[j] = (gradient[j] as number) + diff * v;
      });
    });
    weights.forEach((w, j) => {
      weights[j] = w - rate * (gradient[j] as number);
    });
    bias -= rate * biasGradient;
  }
  return { mean, scale, weights, bias };
}

/** The q-quantile of the values (linear interpolation, as numpy's default). */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const at = q * (sorted.length - 1);
  const low = Math.floor(at);
  const high = Math.min(low + 1, sorted.length - 1);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (at - low);
}
