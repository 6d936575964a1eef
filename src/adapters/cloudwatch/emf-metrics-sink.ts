import type { MetricPoint, MetricsSink, MetricUnit } from '../../ports/metrics-sink.js';
import { dimensionKey } from '../system/dimension-key.js';
import { SystemClock } from '../system/system-clock.js';
import {
  EMF_MAX_DIMENSIONS,
  EMF_MAX_METRICS_PER_LINE,
  EMF_MAX_VALUES_PER_METRIC,
  formatEmfLine,
} from './emf-format.js';

export interface EmfMetricsSinkOptions {
  /** CloudWatch namespace; default DigitalTwin. */
  readonly namespace?: string;
  /** Dimensions on every point, e.g. { Service, FunctionName }; every metric is also published under these alone. */
  readonly dimensions?: Readonly<Record<string, string>>;
  /** Receives one EMF JSON document per call; default: a line on stdout, which Lambda ships to CloudWatch Logs. */
  readonly write?: (line: string) => void;
  readonly now?: () => number;
}

interface Group {
  readonly dimensions: Readonly<Record<string, string>>;
  readonly metrics: Map<string, { unit: MetricUnit; values: number[] }>;
}

/**
 * CloudWatch Embedded Metric Format on stdout: metrics with no API call, the cheap way on Lambda.
 * Points recorded in the same tick are written together, one line per distinct set of dimension
 * values, so a request costs a few lines rather than one per point. Nothing here detects an
 * environment or contacts a metadata service.
 */
export class EmfMetricsSink implements MetricsSink {
  private readonly namespace: string;
  private readonly base: Readonly<Record<string, string>>;
  private readonly write: (line: string) => void;
  private readonly now: () => number;
  private groups = new Map<string, Group>();
  private scheduled = false;
  private failures = 0;

  constructor(options: EmfMetricsSinkOptions = {}) {
    this.namespace = options.namespace ?? 'DigitalTwin';
    this.base = options.dimensions ?? {};
    this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    const clock = new SystemClock();
    this.now = options.now ?? (() => clock.now().getTime());
  }

  /** Lines the writer refused; they are dropped. */
  get failedWrites(): number {
    return this.failures;
  }

  record(point: MetricPoint): void {
    if (!Number.isFinite(point.value)) return;
    const key = dimensionKey(point.dimensions, this.base);
    let group = this.groups.get(key);
    if (!group) {
      group = { dimensions: Object.fromEntries(ownDimensions(point.dimensions, this.base)), metrics: new Map() };
      this.groups.set(key, group);
    }
    const metric = group.metrics.get(point.name);
    if (metric) metric.values.push(point.value);
    else group.metrics.set(point.name, { unit: point.unit, values: [point.value] });
    if (metric && metric.values.length >= EMF_MAX_VALUES_PER_METRIC) this.writeAll();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.writeAll());
    }
  }

  async flush(): Promise<void> {
    this.writeAll();
  }

  private writeAll(): void {
    this.scheduled = false;
    const groups = this.groups;
    this.groups = new Map();
    const timestamp = this.now();
    const baseKeys = Object.keys(this.base);
    for (const group of groups.values()) {
      const ownKeys = Object.keys(group.dimensions);
      const dimensionSets = ownKeys.length === 0 ? [baseKeys] : [[...baseKeys, ...ownKeys], baseKeys];
      const metrics = [...group.metrics].map(([name, m]) => ({ name, unit: m.unit, values: m.values }));
      for (let i = 0; i < metrics.length; i += EMF_MAX_METRICS_PER_LINE) {
        const line = formatEmfLine({
          namespace: this.namespace,
          timestamp,
          dimensionSets,
          dimensionValues: { ...this.base, ...group.dimensions },
          metrics: metrics.slice(i, i + EMF_MAX_METRICS_PER_LINE),
        });
        try {
          this.write(line);
        } catch {
          this.failures += 1;
        }
      }
    }
  }
}

/** The point's own dimensions, sorted, without the base keys, within the specification's 30-dimension limit. */
function ownDimensions(
  dimensions: Readonly<Record<string, string>> | undefined,
  base: Readonly<Record<string, string>>,
): [string, string][] {
  if (!dimensions) return [];
  const room = EMF_MAX_DIMENSIONS - Object.keys(base).length;
  return Object.entries(dimensions)
    .filter(([key, value]) => !Object.hasOwn(base, key) && typeof value === 'string' && value !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, Math.max(0, room));
}
