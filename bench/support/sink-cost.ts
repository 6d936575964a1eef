// In-process cost of the metrics of one /chat request, per sink: steadier than requests/s on a
// busy machine, and it says where the time goes.
import { createWriteStream } from 'node:fs';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchMetricsSink } from '../../src/adapters/cloudwatch/cloudwatch-metrics-sink.js';
import { EmfMetricsSink } from '../../src/adapters/cloudwatch/emf-metrics-sink.js';
import { NoopMetricsSink } from '../../src/adapters/memory/metrics.js';
import { PrometheusMetricsSink } from '../../src/adapters/prometheus/prometheus-metrics-sink.js';
import { FanOutMetricsSink } from '../../src/adapters/system/fan-out-metrics-sink.js';
import type { MetricPoint, MetricsSink } from '../../src/ports/metrics-sink.js';

// What one answered /chat on an existing session records (src/domain/chat/twin-service.ts, request-metrics.ts).
const ONE_CHAT: readonly MetricPoint[] = [
  { name: 'MessageCount', value: 1, unit: 'Count', dimensions: { Role: 'user' } },
  { name: 'QuestionCount', value: 1, unit: 'Count' },
  { name: 'ModelLatency', value: 812, unit: 'Milliseconds', dimensions: { Model: 'gpt-4o-mini' } },
  { name: 'InputTokens', value: 1450, unit: 'Count', dimensions: { Model: 'gpt-4o-mini' } },
  { name: 'OutputTokens', value: 120, unit: 'Count', dimensions: { Model: 'gpt-4o-mini' } },
  { name: 'MessageCount', value: 1, unit: 'Count', dimensions: { Role: 'assistant' } },
  { name: 'EstimatedCost', value: 0.0003, unit: 'None', dimensions: { Model: 'gpt-4o-mini' } },
  { name: 'Requests', value: 1, unit: 'Count', dimensions: { Route: '/chat', Status: '200' } },
  { name: 'RequestLatency', value: 815.3, unit: 'Milliseconds', dimensions: { Route: '/chat' } },
];

export function sinkFactories(): Record<string, () => MetricsSink> {
  const devNull = createWriteStream('/dev/null');
  const dimensions = { Service: 'digital-twin', FunctionName: 'bench' };
  const emf = () => new EmfMetricsSink({ dimensions, write: (line) => devNull.write(`${line}\n`) });
  // Never flushed during the measurement: this is the cost of recording, not of the network.
  const cloudwatch = () =>
    new CloudWatchMetricsSink({
      client: new CloudWatchClient({
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:9',
        credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
      }),
      dimensions,
      flushIntervalMs: 0,
    });
  const prometheus = () => new PrometheusMetricsSink();
  return {
    none: () => new NoopMetricsSink(),
    emf,
    cloudwatch,
    prometheus,
    'emf+cloudwatch+prometheus': () => new FanOutMetricsSink([emf(), cloudwatch(), prometheus()]),
  };
}

/** Median microseconds of recording one chat's points, yielding to the event loop as a server would. */
export async function microsecondsPerChat(make: () => MetricsSink, chats = 20_000, rounds = 5): Promise<number> {
  const sink = make();
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const started = performance.now();
    for (let i = 0; i < chats; i += 1) {
      for (const point of ONE_CHAT) sink.record(point);
      if (i % 16 === 15) await new Promise((resolve) => setImmediate(resolve));
    }
    samples.push(((performance.now() - started) * 1000) / chats);
  }
  await sink.flush();
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}
