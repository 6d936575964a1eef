import type { MetricPoint, MetricsSink } from '../../ports/metrics-sink.js';

/** The default sink until a real one is configured. */
export class NoopMetricsSink implements MetricsSink {
  record(): void {}
  async flush(): Promise<void> {}
}

/** Keeps every point, for tests. */
export class InMemoryMetricsSink implements MetricsSink {
  readonly points: MetricPoint[] = [];

  record(point: MetricPoint): void {
    this.points.push(point);
  }

  async flush(): Promise<void> {}

  named(name: string): MetricPoint[] {
    return this.points.filter((p) => p.name === name);
  }
}
