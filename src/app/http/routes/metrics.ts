import type { Router } from '@koa/router';
import type { Middleware } from 'koa';
import type { PrometheusMetricsSink } from '../../../adapters/prometheus/prometheus-metrics-sink.js';

/** GET /metrics: the Prometheus exposition, for the owner's scraper only (admin token). */
export function metricsRoutes(router: Router, prometheus: PrometheusMetricsSink, admin: Middleware): void {
  router.get('/metrics', admin, async (ctx) => {
    ctx.body = await prometheus.metrics();
    ctx.type = prometheus.contentType;
  });
}
