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
  // Amazon Nova on Bedrock, on-demand, US East (N. Virginia): https://aws.amazon.com/bedrock/pricing/
  // ($0.000035 / $0.00014, $0.00006 / $0.00024, $0.0008 / $0.0032 per 1,000 tokens). Other regions
  // differ by a few percent; geographic inference profiles bill at the calling region's price.
  'amazon.nova-micro-v1:0': { input: 0.035, output: 0.14 },
  'amazon.nova-lite-v1:0': { input: 0.06, output: 0.24 },
  'amazon.nova-pro-v1:0': { input: 0.8, output: 3.2 },
  offline: { input: 0, output: 0 },
};

/**
 * Estimated cost of one call in US dollars, or undefined when the model has no price:
 * an unknown price is not a zero price, so nothing is charted rather than a wrong figure.
 * Dated snapshots ("gpt-4o-mini-2024-07-18") fall back to their family's price, and Bedrock
 * inference profiles ("us.amazon.nova-lite-v1:0", or its ARN) to their model's.
 */
export function estimateCost(prices: ModelPriceTable, model: string, usage: TokenUsage): number | undefined {
  const price = prices[model] ?? prices[model.replace(/-\d{4}-\d{2}-\d{2}$/, '')] ?? prices[bedrockModelOf(model)];
  if (!price) return undefined;
  return (usage.input_tokens * price.input + usage.output_tokens * price.output) / 1_000_000;
}

// "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.amazon.nova-lite-v1:0" and
// "eu.amazon.nova-lite-v1:0" both name the model "amazon.nova-lite-v1:0".
function bedrockModelOf(model: string): string {
  return (model.split('/').at(-1) ?? model).replace(/^(us|us-gov|eu|apac|jp|au|ca|global)\./, '');
}
