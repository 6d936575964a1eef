import { type CloudWatchClient, type Dimension, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { Logger } from '../../ports/logger.js';
import type { MetricPoint, MetricsSink } from '../../ports/metrics-sink.js';
import { dimensionKey } from '../system/dimension-key.js';
import { SystemClock } from '../system/system-clock.js';
import { MetricAggregate } from './metric-aggregate.js';
import { toBatches } from './metric-batches.js';

export interface CloudWatchMetricsSinkOptions {
  /** Injected so tests and embedders choose region, endpoint and credentials. */
  readonly client: CloudWatchClient;
  readonly namespace?: string;
  /** Dimensions on every point; every metric is also published under these alone, as a total. */
  readonly dimensions?: Readonly<Record<string, string>>;
  /** How often the buffer is sent; 0 sends only on flush(). Default 10 s. */
  readonly flushIntervalMs?: number;
  readonly logger?: Logger;
  readonly now?: () => Date;
}

/**
 * PutMetricData, batched: points are aggregated in memory and sent every interval and on flush,
 * at most 1000 values per call. A failed call is logged and counted, never thrown, so the
 * chat path never waits on or fails because of CloudWatch.
 */
export class CloudWatchMetricsSink implements MetricsSink {
  private readonly client: CloudWatchClient;
  private readonly namespace: string;
  private readonly base: Dimension[];
  private readonly baseValues: Readonly<Record<string, string>>;
  private readonly logger: Logger | undefined;
  private readonly now: () => Date;
  private readonly timer: NodeJS.Timeout | undefined;
  private buffer = new Map<string, MetricAggregate>();
  private sending: Promise<void> = Promise.resolve();
  private failedCalls = 0;
  private sentCalls = 0;

  constructor(options: CloudWatchMetricsSinkOptions) {
    this.client = options.client;
    this.namespace = options.namespace ?? 'DigitalTwin';
    this.baseValues = { ...options.dimensions };
    this.base = Object.entries(this.baseValues).map(([Name, Value]) => ({ Name, Value }));
    this.logger = options.logger;
    const clock = new SystemClock();
    this.now = options.now ?? (() => clock.now());
    const interval = options.flushIntervalMs ?? 10_000;
    if (interval > 0) {
      this.timer = setInterval(() => void this.flush(), interval);
      this.timer.unref(); // a pending flush must not keep a finished process alive
    }
  }

  /** PutMetricData calls that failed; their values are dropped. */
  get failures(): number {
    return this.failedCalls;
  }

  get calls(): number {
    return this.sentCalls;
  }

  record(point: MetricPoint): void {
    if (!Number.isFinite(point.value)) return;
    const own = dimensionKey(point.dimensions, this.baseValues);
    this.add(point, own);
    if (own !== '') this.add(point, '');
  }

  /** Sends what is buffered; resolves when sent or failed, never rejects. */
  flush(): Promise<void> {
    const pending = this.buffer;
    this.buffer = new Map();
    this.sending = this.sending.then(() => this.send(pending));
    return this.sending;
  }

  /** Stops the timer and sends what is left. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  private add(point: MetricPoint, own: string): void {
    const key = `${point.name}\u0000${point.unit}\u0000${own}`;
    let aggregate = this.buffer.get(key);
    if (!aggregate) {
      const dimensions = own === '' ? this.base : [...this.base, ...this.ownDimensions(point)];
      aggregate = new MetricAggregate(point.name, point.unit, dimensions);
      this.buffer.set(key, aggregate);
    }
    aggregate.add(point.value);
  }

  private ownDimensions(point: MetricPoint): Dimension[] {
    return Object.entries(point.dimensions ?? {})
      .filter(([name, value]) => value !== '' && !Object.hasOwn(this.baseValues, name))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([Name, Value]) => ({ Name, Value }));
  }

  private async send(pending: Map<string, MetricAggregate>): Promise<void> {
    if (pending.size === 0) return;
    const timestamp = this.now();
    const data = [...pending.values()].flatMap((aggregate) => aggregate.toData(timestamp));
    for (const batch of toBatches(data)) {
      try {
        await this.client.send(new PutMetricDataCommand({ Namespace: this.namespace, MetricData: batch }));
        this.sentCalls += 1;
      } catch (error) {
        this.failedCalls += 1;
        this.logger?.warn(
          { err: error, metrics: batch.length },
          'PutMetricData failed; these metric values are dropped',
        );
      }
    }
  }
}
