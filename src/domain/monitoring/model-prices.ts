import type { TokenUsage } from '../../ports/chat-model.js';

/** US dollars per million tokens. */
export interface ModelPrice {
  readonly input: number;
  readonly output: number;
}

export type ModelPriceTable = Readonly<Record<string, ModelPrice>>;

/** Public list prices at the time of writing; override or extend them with TWIN_MODEL_PRICES. */
export const DEFAULT_MODEL_PRICES: ModelPriceTable = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  offline: { input: 0, output: 0 },
};

/**
 * Estimated cost of one call in US dollars, or undefined when the model has no price:
 * an unknown price is not a zero price, so nothing is charted rather than a wrong figure.
 * Dated snapshots ("gpt-4o-mini-2024-07-18") fall back to their family's price.
 */
export function estimateCost(prices: ModelPriceTable, model: string, usage: TokenUsage): number | undefined {
  const price = prices[model] ?? prices[model.replace(/-\d{4}-\d{2}-\d{2}$/, '')];
  if (!price) return undefined;
  return (usage.input_tokens * price.input + usage.output_tokens * price.output) / 1_000_000;
}
