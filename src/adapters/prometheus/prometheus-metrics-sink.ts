import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { isMetricName, METRIC_CATALOGUE } from '../../domain/monitoring/metric-catalogue.js';
import type { MetricPoint, MetricsSink } from '../../ports/metrics-sink.js';
import { prometheusName, snakeCase } from './prometheus-names.js';

export interface PrometheusMetricsSinkOptions {
  /** Prefix of every metric name; default "digital_twin_". */
  readonly prefix?: string;
  /** Also expose Node's process metrics (memory, CPU, event loop lag, GC); default true. */
  readonly processMetrics?: boolean;
  /** Latency histogram buckets, in seconds. */
  readonly buckets?: readonly number[];
  /** Labels on every series, e.g. { service: 'digital-twin' }. */
  readonly labels?: Readonly<Record<string, string>>;
}

// A sample line (not a # comment) whose value prom-client spelled "Nan".
const NAN_SAMPLE = /(?<=^[^#\n][^\n]*) Nan$/gm;

// Chat answers range from milliseconds (offline) to tens of seconds (a slow model).
const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60];

// `labelOf` maps a dimension key to its label name, computed once per series, not per point.
type Series = { labels: readonly string[]; labelOf: ReadonlyMap<string, string> } & (
  | { kind: 'counter'; metric: Counter<string> }
  | { kind: 'gauge'; metric: Gauge<string> }
  | { kind: 'histogram'; metric: Histogram<string> }
);

/**
 * Metrics for Prometheus, for hosts without CloudWatch. Latencies are histograms (in seconds),
 * so p50/p95/p99 come out of histogram_quantile; counts are counters; bytes are gauges.
 * Uses its own registry, so several twins in one process do not collide.
 */
export class PrometheusMetricsSink implements MetricsSink {
  /** The registry to expose; `registry.metrics()` is the text exposition. */
  readonly registry = new Registry();
  private readonly prefix: string;
  private readonly buckets: number[];
  private readonly series = new Map<string, Series>();

  constructor(options: PrometheusMetricsSinkOptions = {}) {
    this.prefix = options.prefix ?? 'digital_twin_';
    this.buckets = [...(options.buckets ?? DEFAULT_BUCKETS)];
    if (options.labels) this.registry.setDefaultLabels({ ...options.labels });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: this.prefix });
    for (const [name, definition] of Object.entries(METRIC_CATALOGUE)) {
      this.seriesFor({ name, unit: definition.unit, value: 0 });
    }
  }

  /** The exposition's Content-Type header. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition format. */
  async metrics(): Promise<string> {
    // prom-client writes a NaN sample as "Nan", which is not the format's "NaN" (strict parsers
    // reject the whole scrape). Node's event-loop lag mean is NaN whenever two scrapes fall
    // within one sampling interval (the histogram is reset by each scrape and holds no sample).
    return (await this.registry.metrics()).replace(NAN_SAMPLE, ' NaN');
  }

  record(point: MetricPoint): void {
    if (!Number.isFinite(point.value)) return;
    const series = this.seriesFor(point);
    // Labels are fixed when a series is created: missing ones are empty, unknown ones are dropped.
    const labels: Record<string, string> = {};
    for (const label of series.labels) labels[label] = '';
    const dimensions = point.dimensions;
    if (dimensions) {
      for (const key in dimensions) {
        const label = series.labelOf.get(key);
        if (label !== undefined) labels[label] = dimensions[key] ?? '';
      }
    }
    if (series.kind === 'histogram') series.metric.observe(labels, point.value / 1000);
    else if (series.kind === 'gauge') series.metric.set(labels, point.value);
    else if (point.value >= 0) series.metric.inc(labels, point.value);
  }

  async flush(): Promise<void> {}

  private seriesFor(point: MetricPoint): Series {
    const existing = this.series.get(point.name);
    if (existing) return existing;
    const known = isMetricName(point.name) ? METRIC_CATALOGUE[point.name] : undefined;
    const keys: readonly string[] = known?.dimensions ?? Object.keys(point.dimensions ?? {});
    const labels = keys.map(snakeCase);
    const labelOf = new Map(keys.map((key, i) => [key, labels[i]!]));
    const config = {
      name: prometheusName(this.prefix, point.name, point.unit),
      help: known?.help ?? point.name,
      labelNames: labels,
      registers: [this.registry],
    };
    const series: Series =
      point.unit === 'Milliseconds'
        ? { kind: 'histogram', metric: new Histogram({ ...config, buckets: this.buckets }), labels, labelOf }
        : point.unit === 'Bytes'
          ? { kind: 'gauge', metric: new Gauge(config), labels, labelOf }
          : { kind: 'counter', metric: new Counter(config), labels, labelOf };
    this.series.set(point.name, series);
    return series;
  }
}
