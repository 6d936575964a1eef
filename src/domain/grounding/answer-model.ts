/**
 * A linear model over standardised signals: `bias + sum(weights[i] * (x[i] - mean[i]) / scale[i])`.
 * Fitted offline (test/eval/fit-answer-model.ts) and shipped as constants: no training at run time.
 */
export interface LinearModel {
  readonly mean: readonly number[];
  readonly scale: readonly number[];
  readonly weights: readonly number[];
  readonly bias: number;
}

/**
 * How the offline twin chooses and decides (docs/adr/0402): `selector` scores each candidate
 * passage (a softmax over the candidates of one question gives the chance each holds the
 * answer); `answerability` gives the log-odds that the question is answerable at all from the
 * chosen passage's signals.
 */
export interface AnswerModel {
  readonly selector: LinearModel;
  readonly answerability: LinearModel;
  /** Least probability of being answerable at which the twin answers (below: "I don't know", a gap). */
  readonly threshold: number;
  /** The runner-up passage is quoted too when its softmax share is at least this fraction of the chosen one's. */
  readonly secondRatio: number;
}

/** The model's value for one signal vector (shorter vectors are an error of the caller). */
export function linear(model: LinearModel, signals: readonly number[]): number {
  let sum = model.bias;
  for (let i = 0; i < model.weights.length; i++) {
    const scale = model.scale[i] || 1;
    sum += (model.weights[i] as number) * (((signals[i] ?? 0) - (model.mean[i] ?? 0)) / scale);
  }
  return sum;
}

export function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
