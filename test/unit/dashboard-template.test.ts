import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { dashboardConsoleUrl, renderDashboard } from '../../src/adapters/cloudwatch/dashboard-template.js';

const VARS = {
  function_name: 'my-twin',
  region: 'eu-central-1',
  namespace: 'DigitalTwin',
  log_group: '/aws/lambda/my-twin',
};

type Row = (string | { id?: string; expression?: string })[];
interface Widget {
  type: string;
  properties: { title?: string; region: string; metrics?: Row[]; query?: string };
}

async function dashboard(vars = VARS): Promise<Widget[]> {
  return JSON.parse(renderDashboard(await readFile('infra/cloudwatch/dashboard.json', 'utf8'), vars)).widgets;
}

/**
 * Evaluates a CloudWatch metric-math expression made of numbers, ids, + - * / ( ) and FILL(id, n),
 * for one period: an id without data is undefined, as CloudWatch treats a missing point.
 */
function evaluate(expression: string, values: Record<string, number | undefined>): number {
  const js = expression
    .replace(/\b[a-z_]\w*\b/g, (id) => `v.${id}`)
    .replace(/FILL\((v\.\w+),\s*([\d.]+)\)/g, '($1 ?? $2)');
  if (!/^[\d\s+\-*/().?v\w]*$/.test(js)) throw new Error(`unsupported expression: ${expression}`);
  const result = new Function('v', `return ${js};`)(values) as number | undefined;
  return result === undefined ? Number.NaN : result;
}

describe('the dashboard template', () => {
  it('fills every placeholder and leaves none behind, for any names', async () => {
    const body = renderDashboard(await readFile('infra/cloudwatch/dashboard.json', 'utf8'), {
      ...VARS,
      function_name: 'fn "quoted" \\ back',
    });
    expect(body).not.toMatch(/\$\{/);
    expect(JSON.parse(body).widgets.length).toBeGreaterThan(10);
    expect(body).toContain('fn \\"quoted\\" \\\\ back');
  });

  it('rejects an unknown placeholder instead of shipping it', () => {
    const template = `{"a": "$\{nope}"}`;
    expect(() => renderDashboard(template, VARS)).toThrow(/unknown placeholder \$\{nope\}/);
  });

  it('sets the region of every widget from the parameter', async () => {
    for (const widget of await dashboard()) {
      if (widget.type !== 'text') expect(widget.properties.region).toBe('eu-central-1');
    }
  });

  it('queries the last 20 errors of this function log group', async () => {
    const log = (await dashboard()).find((w) => w.type === 'log');
    expect(log?.properties.query).toMatch(/^SOURCE '\/aws\/lambda\/my-twin'/);
    expect(log?.properties.query).toMatch(/sort @timestamp desc \| limit 20$/);
  });

  it('computes the success rate as 100 * (1 - errors / invocations), filled for zero traffic', async () => {
    const widget = (await dashboard()).find((w) => w.properties.title?.startsWith('Success rate'));
    const expression = widget?.properties.metrics?.flat().find((c) => typeof c === 'object' && c.expression) as
      | { expression: string }
      | undefined;
    expect(expression).toBeDefined();
    const rate = (values: Record<string, number | undefined>) => evaluate(expression!.expression, values);
    expect(rate({ invocations: 120, errors: 0 })).toBe(100);
    expect(rate({ invocations: 120, errors: undefined })).toBe(100);
    expect(rate({ invocations: 120, errors: 120 })).toBe(0);
    expect(rate({ invocations: 200, errors: 50 })).toBe(75);
    expect(rate({ invocations: undefined, errors: undefined })).toBe(100);
  });

  it('draws errors in red and throttles in orange', async () => {
    const widget = (await dashboard()).find((w) => w.properties.title?.startsWith('Invocations'));
    const colour = (name: string) =>
      (widget?.properties.metrics?.find((row) => row[1] === name)?.at(-1) as { color?: string } | undefined)?.color;
    expect(colour('Errors')).toBe('#d62728');
    expect(colour('Throttles')).toBe('#ff7f0e');
  });

  it('links to the dashboard in the console of its region', () => {
    expect(dashboardConsoleUrl('eu-west-1', 'My Dash')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=My%20Dash',
    );
  });
});
