import type { MetricDatum } from '@aws-sdk/client-cloudwatch';

/** PutMetricData limits: values per request (a statistic set counts as one) and distinct values per datum. */
export const MAX_VALUES_PER_CALL = 1000;
export const MAX_VALUES_PER_DATUM = 150;

/** The number of values a datum spends from a request's budget. */
export function valuesIn(datum: MetricDatum): number {
  return datum.Values?.length ?? 1;
}

/** Splits data into requests of at most MAX_VALUES_PER_CALL values, keeping order. */
export function toBatches(data: readonly MetricDatum[]): MetricDatum[][] {
  const batches: MetricDatum[][] = [];
  let current: MetricDatum[] = [];
  let used = 0;
  for (const datum of data) {
    const cost = valuesIn(datum);
    if (used + cost > MAX_VALUES_PER_CALL && current.length > 0) {
      batches.push(current);
      current = [];
      used = 0;
    }
    current.push(datum);
    used += cost;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
