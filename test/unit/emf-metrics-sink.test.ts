import { describe, expect, it } from 'vitest';
import { EMF_MAX_DIMENSIONS, EMF_MAX_METRICS_PER_LINE } from '../../src/adapters/cloudwatch/emf-format.js';
import { EmfMetricsSink } from '../../src/adapters/cloudwatch/emf-metrics-sink.js';
import { InMemoryMetricsSink } from '../../src/adapters/memory/metrics.js';
import { runScriptedConversation } from '../support/scripted-conversation.js';

const UNITS = new Set([
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
]);

/** The structural rules of the Embedded Metric Format specification; returns every violation found. */
function emfViolations(line: string): string[] {
  const problems: string[] = [];
  const doc = JSON.parse(line) as Record<string, unknown>;
  const aws = doc._aws as { Timestamp?: unknown; CloudWatchMetrics?: unknown } | undefined;
  if (!aws || typeof aws !== 'object') return ['no _aws object'];
  if (!Number.isInteger(aws.Timestamp) || (aws.Timestamp as number) < 0) problems.push('Timestamp is not epoch ms');
  if (!Array.isArray(aws.CloudWatchMetrics) || aws.CloudWatchMetrics.length === 0)
    return [...problems, 'no directives'];
  for (const directive of aws.CloudWatchMetrics as Record<string, unknown>[]) {
    const ns = directive.Namespace;
    if (typeof ns !== 'string' || ns.length < 1 || ns.length > 255 || ns.startsWith('AWS/'))
      problems.push('bad Namespace');
    const sets = directive.Dimensions as unknown[];
    if (!Array.isArray(sets)) problems.push('Dimensions is not an array');
    for (const set of sets ?? []) {
      if (!Array.isArray(set)) problems.push('a dimension set is not an array');
      else if (set.length > EMF_MAX_DIMENSIONS) problems.push(`${set.length} dimensions in one set`);
      for (const key of (set as unknown[]) ?? []) {
        if (typeof key !== 'string' || typeof doc[key] !== 'string')
          problems.push(`dimension ${String(key)} has no string value`);
      }
    }
    const metrics = directive.Metrics as { Name?: unknown; Unit?: unknown }[];
    if (!Array.isArray(metrics) || metrics.length > EMF_MAX_METRICS_PER_LINE)
      problems.push('Metrics missing or over 100');
    for (const metric of metrics ?? []) {
      if (typeof metric.Name !== 'string' || metric.Name.length < 1 || metric.Name.length > 1024)
        problems.push('bad Name');
      if (metric.Unit !== undefined && !UNITS.has(metric.Unit as string))
        problems.push(`bad Unit ${String(metric.Unit)}`);
      const value = doc[metric.Name as string];
      const values = Array.isArray(value) ? value : [value];
      if (
        values.length === 0 ||
        values.length > 100 ||
        !values.every((v) => typeof v === 'number' && Number.isFinite(v))
      ) {
        problems.push(`metric ${String(metric.Name)} has no numeric value(s) at the root`);
      }
    }
  }
  return problems;
}

function capture(options: ConstructorParameters<typeof EmfMetricsSink>[0] = {}) {
  const lines: string[] = [];
  const sink = new EmfMetricsSink({ now: () => 1_700_000_000_000, write: (line) => lines.push(line), ...options });
  return { sink, lines };
}

describe('EmfMetricsSink', () => {
  it('writes lines that follow the EMF specification for a whole scripted conversation', async () => {
    const { sink, lines } = capture({
      namespace: 'DigitalTwin',
      dimensions: { Service: 'digital-twin', FunctionName: 'fn' },
    });
    await runScriptedConversation(sink);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(emfViolations(line), line).toEqual([]);
  });

  it('groups points of one tick by dimension values, with each detail line also rolled up to the base dimensions', async () => {
    const { sink, lines } = capture({ dimensions: { Service: 's', FunctionName: 'f' } });
    sink.record({ name: 'Requests', value: 1, unit: 'Count', dimensions: { Status: '200', Route: '/chat' } });
    sink.record({ name: 'Requests', value: 1, unit: 'Count', dimensions: { Route: '/chat', Status: '200' } });
    sink.record({ name: 'ColdStart', value: 1, unit: 'Count' });
    await sink.flush();
    expect(lines).toHaveLength(2);
    const [detail, base] = lines.map((l) => JSON.parse(l));
    expect(detail._aws.CloudWatchMetrics[0].Dimensions).toEqual([
      ['Service', 'FunctionName', 'Route', 'Status'],
      ['Service', 'FunctionName'],
    ]);
    expect(detail.Requests).toEqual([1, 1]);
    expect(detail.Route).toBe('/chat');
    expect(base._aws.CloudWatchMetrics[0].Dimensions).toEqual([['Service', 'FunctionName']]);
    expect(base.ColdStart).toBe(1);
    expect(base._aws.Timestamp).toBe(1_700_000_000_000);
  });

  it('writes by itself on the next tick, so a caller that never flushes still publishes', async () => {
    const { sink, lines } = capture();
    sink.record({ name: 'QuestionCount', value: 1, unit: 'Count' });
    expect(lines).toHaveLength(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
  });

  it('splits past 100 metrics per line and 100 values per metric, and keeps within 30 dimensions', async () => {
    const { sink, lines } = capture({ dimensions: { Service: 's' } });
    for (let i = 0; i < 250; i += 1) sink.record({ name: `M${i}`, value: i, unit: 'Count' });
    for (let i = 0; i < 150; i += 1) sink.record({ name: 'Busy', value: i, unit: 'Milliseconds' });
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`D${String(i).padStart(2, '0')}`, 'v']));
    sink.record({ name: 'Wide', value: 1, unit: 'Count', dimensions: many });
    await sink.flush();
    for (const line of lines) expect(emfViolations(line)).toEqual([]);
    const names = lines.flatMap((l) =>
      JSON.parse(l)._aws.CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => m.Name),
    );
    expect(names.filter((n) => n.startsWith('M'))).toHaveLength(250);
    const busy = lines.map((l) => JSON.parse(l).Busy).filter((v) => v !== undefined);
    expect(busy.flat()).toHaveLength(150);
  });

  it('drops non-finite values and never throws when the writer fails', async () => {
    const sink = new EmfMetricsSink({
      write: () => {
        throw new Error('stdout closed');
      },
    });
    sink.record({ name: 'Bad', value: Number.NaN, unit: 'Count' });
    sink.record({ name: 'Good', value: 1, unit: 'Count' });
    await expect(sink.flush()).resolves.toBeUndefined();
    expect(sink.failedWrites).toBe(1);
  });

  it('puts the same points in the lines as the service recorded', async () => {
    const memory = new InMemoryMetricsSink();
    await runScriptedConversation(memory);
    const { sink, lines } = capture();
    for (const point of memory.points) sink.record(point);
    await sink.flush();
    const values = lines.flatMap((line) => {
      const value = JSON.parse(line).MessageCount;
      return value === undefined ? [] : [value].flat();
    });
    expect(values.length).toBeGreaterThan(0);
    expect(values).toHaveLength(memory.named('MessageCount').length);
  });
});
