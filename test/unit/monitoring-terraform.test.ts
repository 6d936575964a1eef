import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseTerraformFile } from '../support/hcl.js';

interface Variable {
  description?: string;
  type?: string;
}

describe('monitoring terraform', () => {
  it('documents every variable it declares', async () => {
    const json = (await parseTerraformFile('infra/terraform/monitoring_variables.tf')) as {
      variable: Record<string, Variable[]>;
    };
    const variables = Object.entries(json.variable);
    expect(variables.length).toBeGreaterThanOrEqual(8);
    for (const [name, [variable]] of variables) {
      expect(variable?.description, name).toMatch(/\w{3,}.*\./);
      expect(variable?.type, name).toBeDefined();
    }
    expect(Object.keys(json.variable)).toContain('alarm_sns_topic_arn');
  });

  it('renders the one dashboard template with exactly the placeholders it uses', async () => {
    const json = (await parseTerraformFile('infra/terraform/monitoring.tf')) as {
      resource: { aws_cloudwatch_dashboard: Record<string, { dashboard_body: string }[]> };
    };
    const body = Object.values(json.resource.aws_cloudwatch_dashboard)[0]![0]!.dashboard_body;
    expect(body).toContain(`templatefile("$\{path.module}/../cloudwatch/dashboard.json"`);
    const passed = [...body.matchAll(/(\w+)\s*=/g)].map((m) => m[1]).sort();
    const template = await readFile('infra/cloudwatch/dashboard.json', 'utf8');
    const used = [...new Set([...template.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]))].sort();
    expect(used).toEqual(['function_name', 'log_group', 'namespace', 'region']);
    expect(passed).toEqual(used);
    expect(template).not.toContain('%{'); // templatefile would read it as a directive
  });

  it('notifies the SNS topic variable from every alarm and treats no traffic as healthy', async () => {
    const json = (await parseTerraformFile('infra/terraform/alarms.tf')) as {
      resource: { aws_cloudwatch_metric_alarm: Record<string, Record<string, unknown>[]> };
    };
    const alarms = Object.entries(json.resource.aws_cloudwatch_metric_alarm);
    expect(alarms.map(([name]) => name).sort()).toEqual([
      'daily_cost',
      'error_rate',
      'model_unavailable',
      'p99_latency',
    ]);
    for (const [name, [alarm]] of alarms) {
      expect(alarm?.alarm_actions, name).toBe(`$\{local.alarm_actions}`);
      expect(alarm?.treat_missing_data, name).toBe('notBreaching');
    }
    const monitoring = await readFile('infra/terraform/monitoring.tf', 'utf8');
    expect(monitoring).toMatch(
      /alarm_actions\s*=\s*var\.alarm_sns_topic_arn != "" \? \[var\.alarm_sns_topic_arn\] : \[\]/,
    );
  });
});
