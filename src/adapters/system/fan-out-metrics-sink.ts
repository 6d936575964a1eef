import type { MetricPoint, MetricsSink } from '../../ports/metrics-sink.js';

/**
 * Sends every point to several sinks. A sink that throws is skipped for that point, so one
 * broken sink can neither fail a chat request nor starve the others.
 */
export class FanOutMetricsSink implements MetricsSink {
  private failures = 0;

  constructor(private readonly sinks: readonly MetricsSink[]) {}

  /** Points a sink refused by throwing; they are dropped, never rethrown. */
  get failedRecords(): number {
    return this.failures;
  }

  record(point: MetricPoint): void {
    for (const sink of this.sinks) {
      try {
        sink.record(point);
      } catch {
        this.failures += 1;
      }
    }
  }

  async flush(): Promise<void> {
    await Promise.allSettled(this.sinks.map((sink) => sink.flush()));
  }
}
