import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDashboard } from '../../src/adapters/cloudwatch/dashboard-template.js';
import { EmfMetricsSink } from '../../src/adapters/cloudwatch/emf-metrics-sink.js';
import { SERVICE_DIMENSION } from '../../src/app/metrics-sinks.js';
import { isMetricName, METRIC_CATALOGUE } from '../../src/domain/monitoring/metric-catalogue.js';
import { parseTerraformFile } from '../support/hcl.js';
import {
  dashboardReferences,
  describe as describeRef,
  emfPublished,
  type MetricReference,
  matches,
  terraformAlarmReferences,
} from '../support/metric-references.js';
import { runScriptedConversation } from '../support/scripted-conversation.js';

const NAMESPACE = 'DigitalTwin';
const FUNCTION = 'twin-consistency-fn';

describe('dashboard, alarms and code agree on every DigitalTwin metric', () => {
  let published: MetricReference[];
  let charted: MetricReference[];
  let alarmed: MetricReference[];

  beforeAll(async () => {
    const lines: string[] = [];
    const sink = new EmfMetricsSink({
      namespace: NAMESPACE,
      dimensions: { Service: SERVICE_DIMENSION, FunctionName: FUNCTION },
      write: (line) => lines.push(line),
    });
    await runScriptedConversation(sink);
    published = emfPublished(lines);
    const template = await readFile('infra/cloudwatch/dashboard.json', 'utf8');
    const body = renderDashboard(template, {
      function_name: FUNCTION,
      region: 'eu-west-1',
      namespace: NAMESPACE,
      log_group: `/aws/lambda/${FUNCTION}`,
    });
    charted = dashboardReferences(body);
    const monitoring = (await parseTerraformFile('infra/terraform/monitoring.tf')) as {
      locals: { metrics_dimensions: Record<string, string> }[];
    };
    const dims = monitoring.locals[0]!.metrics_dimensions;
    alarmed = await terraformAlarmReferences('infra/terraform/alarms.tf', {
      locals: {
        metrics_dimensions: {
          ...dims,
          FunctionName: dims.FunctionName!.replace(/\$\{var\.monitoring_function_name\}/, FUNCTION),
        },
      },
      vars: { metrics_namespace: NAMESPACE, monitoring_function_name: FUNCTION },
    });
  });

  it('publishes every metric of the catalogue during a scripted conversation', () => {
    const names = new Set(published.map((p) => p.name));
    expect([...names].sort()).toEqual(Object.keys(METRIC_CATALOGUE).sort());
  });

  it('publishes only catalogued names, with catalogued dimension keys, each also as a Service+FunctionName total', () => {
    for (const point of published) {
      expect(isMetricName(point.name), point.name).toBe(true);
      const name = point.name;
      if (!isMetricName(name)) continue;
      const allowed: readonly string[] = METRIC_CATALOGUE[name].dimensions;
      const own = Object.keys(point.dimensions).filter((k) => k !== 'Service' && k !== 'FunctionName');
      expect(
        own.every((k) => allowed.includes(k)),
        describeRef(point),
      ).toBe(true);
      expect(point.dimensions.Service).toBe(SERVICE_DIMENSION);
      expect(point.dimensions.FunctionName).toBe(FUNCTION);
    }
    for (const name of Object.keys(METRIC_CATALOGUE)) {
      expect(
        published.some((p) => p.name === name && Object.keys(p.dimensions).length === 2),
        name,
      ).toBe(true);
    }
  });

  it('charts nothing in the DigitalTwin namespace that the code does not publish', () => {
    const ours = charted.filter((ref) => ref.namespace === NAMESPACE);
    expect(ours.length).toBeGreaterThan(15);
    const missing = ours
      .filter((ref) => !published.some((p) => matches(ref, p)))
      .map((r) => `${r.where}: ${describeRef(r)}`);
    expect(missing).toEqual([]);
  });

  it('alarms on nothing the code does not publish', () => {
    expect(alarmed.map((r) => r.name).sort()).toEqual([
      'EstimatedCost',
      'ModelErrors',
      'RequestLatency',
      'Requests',
      'ServerErrors',
    ]);
    const missing = alarmed
      .filter((ref) => !published.some((p) => matches(ref, p)))
      .map((r) => `${r.where}: ${describeRef(r)}`);
    expect(missing).toEqual([]);
  });

  it('charts every metric the code publishes, so none is emitted under a misspelt or forgotten name', () => {
    const chartedNames = new Set(charted.filter((r) => r.namespace === NAMESPACE).map((r) => r.name));
    expect([...new Set(published.map((p) => p.name))].filter((name) => !chartedNames.has(name))).toEqual([]);
  });

  it('charts Lambda metrics of this function only, never the account-wide sum', () => {
    const lambda = charted.filter((ref) => ref.namespace === 'AWS/Lambda');
    expect(lambda.map((r) => r.name)).toEqual(
      expect.arrayContaining(['Invocations', 'Errors', 'Throttles', 'Duration', 'ConcurrentExecutions']),
    );
    for (const ref of lambda) expect(ref.dimensions).toEqual({ FunctionName: FUNCTION });
  });
});
