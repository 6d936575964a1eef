import type { MetricUnit } from '../../ports/metrics-sink.js';

/** "TimeToFirstToken" -> "time_to_first_token"; anything outside Prometheus' charset becomes "_". */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]/g, '_')
    .toLowerCase();
}

/** The Prometheus name for a metric, following its conventions: base units (seconds, bytes) and _total on counters. */
export function prometheusName(prefix: string, name: string, unit: MetricUnit): string {
  const base = `${prefix}${snakeCase(name)}`;
  switch (unit) {
    case 'Milliseconds':
      return `${base}_seconds`;
    case 'Bytes':
      return `${base}_bytes`;
    default:
      return `${base}_total`;
  }
}
