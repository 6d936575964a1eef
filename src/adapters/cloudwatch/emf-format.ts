import type { MetricUnit } from '../../ports/metrics-sink.js';

/** Limits of the CloudWatch Embedded Metric Format specification. */
export const EMF_MAX_METRICS_PER_LINE = 100;
export const EMF_MAX_VALUES_PER_METRIC = 100;
export const EMF_MAX_DIMENSIONS = 30;

export interface EmfMetric {
  readonly name: string;
  readonly unit: MetricUnit;
  readonly values: readonly number[];
}

export interface EmfLine {
  readonly namespace: string;
  readonly timestamp: number;
  /** Each entry is one dimension set; every key must be present in `dimensionValues`. */
  readonly dimensionSets: readonly (readonly string[])[];
  readonly dimensionValues: Readonly<Record<string, string>>;
  readonly metrics: readonly EmfMetric[];
}

/**
 * One EMF log line. The caller keeps within the limits above; a metric with a single value
 * is written as a number and several as an array, as the specification allows.
 */
export function formatEmfLine(line: EmfLine): string {
  const body: Record<string, unknown> = {
    _aws: {
      Timestamp: line.timestamp,
      CloudWatchMetrics: [
        {
          Namespace: line.namespace,
          Dimensions: line.dimensionSets,
          Metrics: line.metrics.map((m) => ({ Name: m.name, Unit: m.unit })),
        },
      ],
    },
    ...line.dimensionValues,
  };
  for (const metric of line.metrics) body[metric.name] = metric.values.length === 1 ? metric.values[0] : metric.values;
  return JSON.stringify(body);
}
