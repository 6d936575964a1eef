import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchMetricsSink } from '../adapters/cloudwatch/cloudwatch-metrics-sink.js';
import { EmfMetricsSink } from '../adapters/cloudwatch/emf-metrics-sink.js';
import { NoopMetricsSink } from '../adapters/memory/metrics.js';
import { PrometheusMetricsSink } from '../adapters/prometheus/prometheus-metrics-sink.js';
import { FanOutMetricsSink } from '../adapters/system/fan-out-metrics-sink.js';
import type { Logger } from '../ports/logger.js';
import type { MetricsSink } from '../ports/metrics-sink.js';
import type { Config } from './config.js';

/** The value of the Service dimension on every CloudWatch metric; the dashboard and alarms use it. */
export const SERVICE_DIMENSION = 'digital-twin';

export interface ConfiguredMetrics {
  readonly sink: MetricsSink;
  /** Present when TWIN_METRICS includes prometheus: what GET /metrics exposes. */
  readonly prometheus: PrometheusMetricsSink | null;
}

/** Builds the sinks TWIN_METRICS names, behind one fan-out so none can throw into a request. */
export function metricsFor(config: Config, logger: Logger): ConfiguredMetrics {
  const { metrics } = config;
  const dimensions = { Service: SERVICE_DIMENSION, FunctionName: metrics.functionName };
  const sinks: MetricsSink[] = [];
  let prometheus: PrometheusMetricsSink | null = null;
  for (const name of metrics.sinks) {
    if (name === 'emf') sinks.push(new EmfMetricsSink({ namespace: metrics.namespace, dimensions }));
    if (name === 'cloudwatch') {
      // Region and endpoint are always explicit; credentials come from the standard AWS chain.
      const client = new CloudWatchClient({ region: metrics.region, endpoint: metrics.cloudwatchEndpoint });
      sinks.push(
        new CloudWatchMetricsSink({
          client,
          namespace: metrics.namespace,
          dimensions,
          flushIntervalMs: metrics.flushSeconds * 1000,
          logger,
        }),
      );
    }
    if (name === 'prometheus') {
      prometheus = new PrometheusMetricsSink();
      sinks.push(prometheus);
    }
  }
  return { sink: sinks.length === 0 ? new NoopMetricsSink() : new FanOutMetricsSink(sinks), prometheus };
}
