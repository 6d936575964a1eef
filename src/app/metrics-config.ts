import { z } from 'zod';
import type { ModelPriceTable } from '../domain/monitoring/model-prices.js';

export const METRICS_SINK_NAMES = ['auto', 'emf', 'cloudwatch', 'prometheus', 'none'] as const;
export type MetricsSinkName = (typeof METRICS_SINK_NAMES)[number];

/** "emf, cloudwatch" -> ['emf', 'cloudwatch']; an unknown name is a configuration error naming it. */
export function parseMetricsSinks(value: string, ctx: z.RefinementCtx): MetricsSinkName[] {
  const names = value
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
  const unknown = names.filter((n) => !(METRICS_SINK_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `unknown sink ${unknown.join(', ')}; use ${METRICS_SINK_NAMES.join(', ')}`,
    });
    return [];
  }
  return names.length === 0 ? ['none'] : (names as MetricsSinkName[]);
}

const PriceSchema = z.record(
  z.string().min(1),
  z.object({ input: z.number().nonnegative().finite(), output: z.number().nonnegative().finite() }).strict(),
);

/** TWIN_MODEL_PRICES: JSON {"model": {"input": usd_per_million, "output": usd_per_million}}. */
export function parseModelPrices(value: string | undefined, ctx: z.RefinementCtx): ModelPriceTable | undefined {
  if (value === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
    return undefined;
  }
  const parsed = PriceSchema.safeParse(json);
  if (!parsed.success) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected {"<model>": {"input": <usd per million tokens>, "output": <usd per million tokens>}}',
    });
    return undefined;
  }
  return parsed.data;
}
