import { EmfMetricsSink } from '../adapters/cloudwatch/emf-metrics-sink.js';
import { NoopMetricsSink } from '../adapters/memory/metrics.js';
import type { PrometheusMetricsSink } from '../adapters/prometheus/prometheus-metrics-sink.js';
import { FanOutMetricsSink } from '../adapters/system/fan-out-metrics-sink.js';
import type { Logger } from '../ports/logger.js';
import type { MetricsSink } from '../ports/metrics-sink.js';
import type { Config } from './config.js';
import { DeferredMetricsSink } from './deferred-metrics-sink.js';

/** The value of the Service dimension on every CloudWatch metric; the dashboard and alarms use it. */
export const SERVICE_DIMENSION = 'digital-twin';

/** What GET /metrics serves: the Prometheus text exposition and its Content-Type. */
export interface PrometheusExposition {
  metrics(): Promise<string>;
  readonly contentType: string;
}

export interface ConfiguredMetrics {
  readonly sink: MetricsSink;
  /** Present when TWIN_METRICS includes prometheus: what GET /metrics exposes. */
  readonly prometheus: PrometheusExposition | null;
}

// prom-client's exposition format, for a scrape answered before the sink has loaded.
const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

/** Builds the sinks TWIN_METRICS names, behind one fan-out so none can throw into a request. */
export function metricsFor(config: Config, logger: Logger): ConfiguredMetrics {
  const { metrics } = config;
  const dimensions = { Service: SERVICE_DIMENSION, FunctionName: metrics.functionName };
  const sinks: MetricsSink[] = [];
  let prometheus: PrometheusExposition | null = null;
  for (const name of metrics.sinks) {
    if (name === 'emf') sinks.push(new EmfMetricsSink({ namespace: metrics.namespace, dimensions }));
    // CloudWatch's SDK client and prom-client are imported after start (DeferredMetricsSink):
    // neither is parsed by a process that does not use it, and neither delays the first answer.
    if (name === 'cloudwatch') {
      sinks.push(
        new DeferredMetricsSink(async () => {
          const [{ CloudWatchClient }, { CloudWatchMetricsSink }] = await Promise.all([
            import('@aws-sdk/client-cloudwatch'),
            import('../adapters/cloudwatch/cloudwatch-metrics-sink.js'),
          ]);
          // Region and endpoint are always explicit; credentials come from the standard AWS chain.
          const client = new CloudWatchClient({ region: metrics.region, endpoint: metrics.cloudwatchEndpoint });
          return new CloudWatchMetricsSink({
            client,
            namespace: metrics.namespace,
            dimensions,
            flushIntervalMs: metrics.flushSeconds * 1000,
            logger,
          });
        }, logger),
      );
    }
    if (name === 'prometheus') {
      const deferred = new DeferredMetricsSink<PrometheusMetricsSink>(
        async () => new (await import('../adapters/prometheus/prometheus-metrics-sink.js')).PrometheusMetricsSink(),
        logger,
      );
      sinks.push(deferred);
      let loaded: PrometheusMetricsSink | undefined;
      prometheus = {
        async metrics() {
          loaded = await deferred.loaded();
          return loaded ? loaded.metrics() : '';
        },
        get contentType() {
          return loaded?.contentType ?? PROMETHEUS_TEXT;
        },
      };
    }
  }
  return { sink: sinks.length === 0 ? new NoopMetricsSink() : new FanOutMetricsSink(sinks), prometheus };
}
