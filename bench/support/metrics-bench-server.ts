// Child process for bench/metrics-sinks.ts: one twin app per metrics sink, all in this process, so
// every sink is measured under the same conditions. In-memory store and an instant model make the
// metrics' share of each request as large as it can be: the worst case for the sinks.
import { createWriteStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchMetricsSink } from '../../src/adapters/cloudwatch/cloudwatch-metrics-sink.js';
import { EmfMetricsSink } from '../../src/adapters/cloudwatch/emf-metrics-sink.js';
import { NoopMetricsSink } from '../../src/adapters/memory/metrics.js';
import { silentLogger } from '../../src/adapters/memory/recording-logger.js';
import { ScriptedChatModel } from '../../src/adapters/memory/scripted-chat-model.js';
import { PrometheusMetricsSink } from '../../src/adapters/prometheus/prometheus-metrics-sink.js';
import { FanOutMetricsSink } from '../../src/adapters/system/fan-out-metrics-sink.js';
import { loadConfig } from '../../src/app/config.js';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import type { MetricsSink } from '../../src/ports/metrics-sink.js';

function listening(server: Server): Promise<number> {
  return new Promise((resolve) => server.once('listening', () => resolve((server.address() as AddressInfo).port)));
}

// Stands in for CloudWatch: accepts every PutMetricData, so the sink's batching and HTTP calls are real.
let putCalls = 0;
const fakeCloudWatch = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    putCalls += 1;
    res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.0' }).end('{}');
  });
}).listen(0, '127.0.0.1');
const cloudWatchPort = await listening(fakeCloudWatch);

const dimensions = { Service: 'digital-twin', FunctionName: 'bench' };
const devNull = createWriteStream('/dev/null');
const emf = () => new EmfMetricsSink({ dimensions, write: (line) => devNull.write(`${line}\n`) });
const cloudwatch = () =>
  new CloudWatchMetricsSink({
    client: new CloudWatchClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${cloudWatchPort}`,
      credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    }),
    dimensions,
    flushIntervalMs: 1000,
  });
const prometheus = () => new PrometheusMetricsSink();

const sinks: Record<string, () => MetricsSink> = {
  none: () => new NoopMetricsSink(),
  emf,
  cloudwatch,
  prometheus,
  'emf+cloudwatch+prometheus': () => new FanOutMetricsSink([emf(), cloudwatch(), prometheus()]),
};

const config = loadConfig({
  TWIN_STORE: 'memory',
  TWIN_MODEL: 'offline',
  TWIN_ADMIN_TOKEN: 'bench',
  LOG_LEVEL: 'silent',
  TWIN_METRICS: 'none',
});
const ports: Record<string, number> = {};
for (const [name, make] of Object.entries(sinks)) {
  const app = createApp(
    buildContainer(config, {
      model: new ScriptedChatModel('An instant answer from the bench model.', { name: 'gpt-4o-mini' }),
      metrics: make(),
      logger: silentLogger,
    }),
  );
  ports[name] = await listening(app.listen(0, '127.0.0.1'));
}
process.stdout.write(`${JSON.stringify(ports)}\n`);
process.on('SIGTERM', () => {
  process.stderr.write(`fake CloudWatch received ${putCalls} PutMetricData calls\n`);
  process.exit(0);
});
