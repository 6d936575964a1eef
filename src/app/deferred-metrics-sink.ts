import type { Logger } from '../ports/logger.js';
import type { MetricPoint, MetricsSink } from '../ports/metrics-sink.js';

// Points kept while the sink's module loads (milliseconds): a bound, not a buffer to rely on.
const MAX_QUEUED = 10_000;

/**
 * A metrics sink whose module (prom-client, the CloudWatch SDK client) is imported after start,
 * so it is not parsed on every cold start when it is not configured, and not before the first
 * answer when it is. Points recorded meanwhile are queued and handed over once it has loaded;
 * `record` never throws, and a sink that fails to load is logged and leaves metrics off.
 */
export class DeferredMetricsSink<T extends MetricsSink = MetricsSink> implements MetricsSink {
  private sink: T | undefined;
  private queued: MetricPoint[] = [];
  private readonly ready: Promise<void>;

  constructor(load: () => Promise<T>, logger: Logger) {
    this.ready = load().then(
      (sink) => {
        this.sink = sink;
        for (const point of this.queued) sink.record(point);
        this.queued = [];
      },
      (error: unknown) => {
        this.queued = [];
        logger.error({ err: error }, 'metrics sink could not be loaded; its metrics are off');
      },
    );
  }

  record(point: MetricPoint): void {
    if (this.sink) this.sink.record(point);
    else if (this.queued.length < MAX_QUEUED) this.queued.push(point);
  }

  async flush(): Promise<void> {
    await this.ready;
    await this.sink?.flush();
  }

  /** The loaded sink (waiting for it), e.g. for the Prometheus exposition. */
  async loaded(): Promise<T | undefined> {
    await this.ready;
    return this.sink;
  }
}
