import type { Context, Next } from 'koa';
import type { MetricsSink } from '../../ports/metrics-sink.js';
import { deliveredStatus } from './http-server.js';

export interface RequestMetricsOptions {
  /** Least time between two ProcessMemory points; memory changes slowly and reading it is not free. */
  readonly memoryEveryMs?: number;
}

function errorCodeOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Per-request metrics: count, latency and status per route (the pattern, never the raw path, so
 * session ids stay out of metric dimensions), errors by code, throttles, the process' cold start and
 * its memory. Sits outside the error middleware so it sees the final status. Recording can never
 * fail a request: any error from a sink is swallowed here.
 */
export function requestMetrics(metrics: MetricsSink, options: RequestMetricsOptions = {}) {
  const memoryEveryMs = options.memoryEveryMs ?? 10_000;
  let cold = true;
  let lastMemoryAt = Number.NEGATIVE_INFINITY;
  return async (ctx: Context, next: Next): Promise<void> => {
    const started = performance.now();
    try {
      await next();
    } finally {
      try {
        const finished = performance.now();
        const route = (ctx as Context & { _matchedRoute?: string })._matchedRoute ?? 'unmatched';
        // The client got the server's 408 when the request timed out mid-body, whatever the app set.
        const delivered = deliveredStatus(ctx);
        const status = delivered.status;
        metrics.record({
          name: 'Requests',
          value: 1,
          unit: 'Count',
          dimensions: { Route: route, Status: String(status) },
        });
        metrics.record({
          name: 'RequestLatency',
          value: finished - started,
          unit: 'Milliseconds',
          dimensions: { Route: route },
        });
        const code =
          status >= 400
            ? (delivered.code ?? errorCodeOf(ctx.body) ?? (status >= 500 ? 'internal' : 'unknown'))
            : undefined;
        if (code) metrics.record({ name: 'Errors', value: 1, unit: 'Count', dimensions: { Code: code } });
        if (status >= 500) metrics.record({ name: 'ServerErrors', value: 1, unit: 'Count' });
        if (status === 429) metrics.record({ name: 'Throttles', value: 1, unit: 'Count' });
        if (cold) {
          cold = false;
          metrics.record({ name: 'ColdStart', value: 1, unit: 'Count' });
        }
        if (finished - lastMemoryAt >= memoryEveryMs) {
          lastMemoryAt = finished;
          metrics.record({ name: 'ProcessMemory', value: process.memoryUsage.rss(), unit: 'Bytes' });
        }
      } catch {
        // A metrics failure must never become the visitor's failure.
      }
    }
  };
}
