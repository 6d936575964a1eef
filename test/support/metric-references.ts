import { parseTerraformFile } from './hcl.js';

/** One metric a chart, an alarm or a sink names: `*` as a dimension value matches any value. */
export interface MetricReference {
  readonly where: string;
  readonly namespace: string;
  readonly name: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

export function describe(ref: MetricReference): string {
  const dims = Object.entries(ref.dimensions)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return `${ref.namespace}/${ref.name}{${dims}}`;
}

const SEARCH = /SEARCH\('\{([^}]*)\}\s*([^']*)',/g;

/** Every metric the dashboard body charts: rows of [namespace, name, key, value, ...] and SEARCH expressions. */
export function dashboardReferences(body: string): MetricReference[] {
  const refs: MetricReference[] = [];
  const dashboard = JSON.parse(body) as {
    widgets: { type: string; properties: { title?: string; metrics?: unknown[][] } }[];
  };
  for (const widget of dashboard.widgets) {
    const where = `dashboard widget "${widget.properties.title}"`;
    for (const row of widget.properties.metrics ?? []) {
      if (typeof row[0] === 'string') {
        const strings = row.filter((cell): cell is string => typeof cell === 'string');
        const [namespace, name, ...pairs] = strings;
        const dimensions: Record<string, string> = {};
        for (let i = 0; i + 1 < pairs.length; i += 2) dimensions[pairs[i]!] = pairs[i + 1]!;
        refs.push({ where, namespace: namespace!, name: name!, dimensions });
        continue;
      }
      const expression = (row[0] as { expression?: string }).expression ?? '';
      for (const match of expression.matchAll(SEARCH)) {
        const [namespace, ...keys] = match[1]!.split(',').map((s) => s.trim());
        const terms = Object.fromEntries([...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
        const dimensions = Object.fromEntries(keys.map((k) => [k, terms[k] ?? '*']));
        refs.push({ where, namespace: namespace!, name: terms.MetricName!, dimensions });
      }
    }
  }
  return refs;
}

interface TfMetric {
  namespace?: string;
  metric_name?: string;
  dimensions?: string | Record<string, string>;
}

/** Every metric the alarms in a .tf file watch, with locals and variables resolved from `values`. */
export async function terraformAlarmReferences(
  file: string,
  values: { locals: Record<string, Record<string, string>>; vars: Record<string, string> },
): Promise<MetricReference[]> {
  const json = (await parseTerraformFile(file)) as {
    resource?: {
      aws_cloudwatch_metric_alarm?: Record<string, (TfMetric & { metric_query?: { metric?: TfMetric[] }[] })[]>;
    };
  };
  const resolveText = (text: string) =>
    text.replace(/\$\{var\.(\w+)\}/g, (_, v: string) => values.vars[v] ?? `<var.${v}>`);
  const resolveDims = (dims: TfMetric['dimensions']): Record<string, string> => {
    if (dims === undefined) return {};
    if (typeof dims !== 'string') return Object.fromEntries(Object.entries(dims).map(([k, v]) => [k, resolveText(v)]));
    const local = /local\.(\w+)/.exec(dims)?.[1];
    const extra = Object.fromEntries([...dims.matchAll(/(\w+)\s*=\s*"([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    return { ...(local ? values.locals[local] : {}), ...extra };
  };
  const refs: MetricReference[] = [];
  for (const [id, [alarm]] of Object.entries(json.resource?.aws_cloudwatch_metric_alarm ?? {})) {
    const metrics = alarm!.metric_name ? [alarm!] : (alarm!.metric_query ?? []).flatMap((q) => q.metric ?? []);
    for (const metric of metrics) {
      refs.push({
        where: `alarm ${id}`,
        namespace: resolveText(metric.namespace ?? ''),
        name: metric.metric_name ?? '',
        dimensions: resolveDims(metric.dimensions),
      });
    }
  }
  return refs;
}

/** The metrics (name and dimension set with values) that EMF lines publish: one per metric per dimension set. */
export function emfPublished(lines: readonly string[]): MetricReference[] {
  const published: MetricReference[] = [];
  for (const line of lines) {
    const doc = JSON.parse(line) as Record<string, unknown> & {
      _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
    };
    for (const directive of doc._aws.CloudWatchMetrics) {
      for (const set of directive.Dimensions) {
        const dimensions = Object.fromEntries(set.map((k) => [k, String(doc[k])]));
        for (const metric of directive.Metrics) {
          published.push({ where: 'emf', namespace: directive.Namespace, name: metric.Name, dimensions });
        }
      }
    }
  }
  return published;
}

/** True when `published` satisfies `ref`: same namespace, name and dimension keys, and matching values. */
export function matches(ref: MetricReference, published: MetricReference): boolean {
  if (ref.namespace !== published.namespace || ref.name !== published.name) return false;
  const keys = Object.keys(ref.dimensions).sort();
  const have = Object.keys(published.dimensions).sort();
  if (keys.join() !== have.join()) return false;
  return keys.every((k) => ref.dimensions[k] === '*' || ref.dimensions[k] === published.dimensions[k]);
}
