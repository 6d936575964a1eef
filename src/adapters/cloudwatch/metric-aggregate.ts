import type { Dimension, MetricDatum, StandardUnit } from '@aws-sdk/client-cloudwatch';
import type { MetricUnit } from '../../ports/metrics-sink.js';
import { MAX_VALUES_PER_DATUM } from './metric-batches.js';

/**
 * What one metric (name + dimension values) collected during a flush interval. Latencies keep
 * their distribution as value/count pairs, rounded to 0.1 ms, so CloudWatch can still compute
 * p95/p99; everything else is a statistic set (count, sum, min, max), which is all a counter needs.
 */
export class MetricAggregate {
  private count = 0;
  private sum = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;
  private readonly histogram: Map<number, number> | undefined;

  constructor(
    readonly name: string,
    readonly unit: MetricUnit,
    readonly dimensions: readonly Dimension[],
  ) {
    this.histogram = unit === 'Milliseconds' ? new Map() : undefined;
  }

  add(value: number): void {
    this.count += 1;
    this.sum += value;
    this.min = Math.min(this.min, value);
    this.max = Math.max(this.max, value);
    if (this.histogram) {
      const bucket = Math.round(value * 10) / 10;
      this.histogram.set(bucket, (this.histogram.get(bucket) ?? 0) + 1);
    }
  }

  toData(timestamp: Date): MetricDatum[] {
    const common = {
      MetricName: this.name,
      Dimensions: [...this.dimensions],
      Unit: this.unit as StandardUnit,
      Timestamp: timestamp,
    };
    if (!this.histogram) {
      return [
        {
          ...common,
          StatisticValues: { SampleCount: this.count, Sum: this.sum, Minimum: this.min, Maximum: this.max },
        },
      ];
    }
    const pairs = [...this.histogram];
    const data: MetricDatum[] = [];
    for (let i = 0; i < pairs.length; i += MAX_VALUES_PER_DATUM) {
      const slice = pairs.slice(i, i + MAX_VALUES_PER_DATUM);
      data.push({ ...common, Values: slice.map(([v]) => v), Counts: slice.map(([, c]) => c) });
    }
    return data;
  }
}
