import {
  CloudWatchClient,
  GetDashboardCommand,
  GetMetricDataCommand,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudWatchMetricsSink } from '../../src/adapters/cloudwatch/cloudwatch-metrics-sink.js';
import { MAX_VALUES_PER_CALL, toBatches, valuesIn } from '../../src/adapters/cloudwatch/metric-batches.js';
import { RecordingLogger } from '../../src/adapters/memory/recording-logger.js';
import { dashboardDeployCommand } from '../../src/app/commands/dashboard-deploy.js';
import { SERVICE_DIMENSION } from '../../src/app/metrics-sinks.js';
import { testConfig } from '../support/http-fixture.js';
import { type MotoServer, startMotoServer } from '../support/moto-server.js';
import { runScriptedConversation } from '../support/scripted-conversation.js';

const FUNCTION = 'twin-on-moto';
const BASE = { Service: SERVICE_DIMENSION, FunctionName: FUNCTION };

let moto: MotoServer;
let client: CloudWatchClient;

beforeAll(async () => {
  moto = await startMotoServer();
  client = new CloudWatchClient({
    region: moto.region,
    endpoint: moto.endpoint,
    credentials: moto.credentials,
    // moto cannot read the gzip body the SDK sends for PutMetricData past 10 KB; AWS can.
    disableRequestCompression: true,
  });
});

afterAll(async () => {
  client?.destroy();
  await moto?.stop();
});

function query(id: string, name: string, stat: string, dimensions: Record<string, string> = BASE): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: 'DigitalTwin',
        MetricName: name,
        Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: 60,
      Stat: stat,
    },
  };
}

async function read(queries: MetricDataQuery[]): Promise<Record<string, number>> {
  const now = Date.now();
  const result = await client.send(
    new GetMetricDataCommand({
      MetricDataQueries: queries,
      StartTime: new Date(now - 10 * 60_000),
      EndTime: new Date(now + 10 * 60_000),
    }),
  );
  return Object.fromEntries(
    (result.MetricDataResults ?? []).map((r) => [r.Id ?? '', (r.Values ?? []).reduce((a, b) => a + b, 0)]),
  );
}

describe('CloudWatchMetricsSink on moto', () => {
  it('publishes what a scripted conversation records, readable with GetMetricData', async () => {
    const logger = new RecordingLogger();
    const sink = new CloudWatchMetricsSink({ client, dimensions: BASE, flushIntervalMs: 0, logger });
    const requests = await runScriptedConversation(sink);
    await sink.close();
    expect(logger.entries.map((e) => String((e.fields as { err?: unknown }).err))).toEqual([]);
    expect(sink.failures).toBe(0);
    expect(sink.calls).toBeGreaterThan(0);
    const figures = await read([
      query('requests', 'Requests', 'Sum'),
      query('conversations', 'ConversationCount', 'Sum'),
      query('messages', 'MessageCount', 'Sum'),
      query('questions', 'QuestionCount', 'Sum'),
      query('sessions', 'SessionCount', 'Sum'),
      query('unavailable', 'ModelErrors', 'Sum', { ...BASE, Code: 'model_unavailable' }),
      query('throttles', 'Throttles', 'Sum'),
      query('visitor', 'MessageCount', 'Sum', { ...BASE, Role: 'user' }),
      query('latency_count', 'RequestLatency', 'SampleCount'),
      query('cost', 'EstimatedCost', 'Sum'),
    ]);
    expect(figures.requests).toBe(requests);
    expect(figures.latency_count).toBe(requests);
    expect(figures.conversations).toBe(1);
    // 7 visitor messages reached the store (the empty one was refused); 5 were answered, one of
    // them by the turn limit instead of the model.
    expect(figures.visitor).toBe(7);
    expect(figures.messages).toBe(12);
    expect(figures.questions).toBe(4);
    expect(figures.sessions).toBe(1);
    expect(figures.unavailable).toBe(1);
    expect(figures.throttles).toBe(1);
    expect(figures.cost).toBeGreaterThan(0);
  });

  it('keeps latency as a distribution, so the maximum and the count survive aggregation', async () => {
    const dims = { ...BASE, FunctionName: 'latency-fn' };
    const sink = new CloudWatchMetricsSink({ client, dimensions: dims, flushIntervalMs: 0 });
    for (const ms of [5, 5, 5, 80, 1200.04]) sink.record({ name: 'ModelLatency', value: ms, unit: 'Milliseconds' });
    await sink.flush();
    const figures = await read([
      query('max', 'ModelLatency', 'Maximum', dims),
      query('count', 'ModelLatency', 'SampleCount', dims),
      query('sum', 'ModelLatency', 'Sum', dims),
    ]);
    expect(figures.max).toBeCloseTo(1200, 5);
    expect(figures.count).toBe(5);
    expect(figures.sum).toBeCloseTo(1295, 5);
  });

  it('logs and counts a failed PutMetricData, and never rejects', async () => {
    const logger = new RecordingLogger();
    const dead = new CloudWatchClient({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      credentials: moto.credentials,
      maxAttempts: 1,
    });
    const sink = new CloudWatchMetricsSink({ client: dead, logger, flushIntervalMs: 0 });
    sink.record({ name: 'Requests', value: 1, unit: 'Count' });
    await expect(sink.flush()).resolves.toBeUndefined();
    expect(sink.failures).toBe(1);
    expect(logger.entries.some((e) => e.level === 'warn' && /PutMetricData failed/.test(e.message ?? ''))).toBe(true);
    dead.destroy();
  });
});

describe('batching', () => {
  it('never puts more than 1000 values in one call', () => {
    const data = Array.from({ length: 2500 }, (_, i) =>
      i % 10 === 0
        ? { MetricName: 'L', Values: Array.from({ length: 150 }, (_, v) => v), Counts: Array(150).fill(1) }
        : { MetricName: 'C', StatisticValues: { SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1 } },
    );
    const batches = toBatches(data);
    expect(batches.flat()).toHaveLength(2500);
    for (const batch of batches)
      expect(batch.reduce((n, d) => n + valuesIn(d), 0)).toBeLessThanOrEqual(MAX_VALUES_PER_CALL);
  });
});

describe('twin dashboard deploy on moto', () => {
  it('renders the template, publishes it and reads back the same body with GetDashboard', async () => {
    const printed: string[] = [];
    const config = testConfig({ TWIN_METRICS_FUNCTION_NAME: 'deployed-twin', AWS_REGION: 'us-east-1' });
    const url = await dashboardDeployCommand(config, { name: 'TwinTest', client, print: (l) => printed.push(l) });
    expect(url).toBe(
      'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards:name=TwinTest',
    );
    expect(printed.at(-1)).toContain(url);
    const stored = await client.send(new GetDashboardCommand({ DashboardName: 'TwinTest' }));
    const body = JSON.parse(stored.DashboardBody ?? '{}');
    expect(body.widgets.length).toBeGreaterThan(10);
    const text = stored.DashboardBody ?? '';
    const lambdaRows = (body.widgets as { properties: { metrics?: unknown[][] } }[])
      .flatMap((w) => w.properties.metrics ?? [])
      .filter((row) => row[0] === 'AWS/Lambda');
    expect(lambdaRows.length).toBeGreaterThan(5);
    for (const row of lambdaRows) expect(row.slice(2, 4)).toEqual(['FunctionName', 'deployed-twin']);
    expect(text).not.toMatch(/\$\{/);
    expect(text).toContain("SOURCE '/aws/lambda/deployed-twin'");
  });
});
