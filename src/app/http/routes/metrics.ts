import type { Router } from '@koa/router';
import type { Middleware } from 'koa';
import type { PrometheusExposition } from '../../metrics-sinks.js';

/** GET /metrics: the Prometheus exposition, for the owner's scraper only (admin token). */
export function metricsRoutes(router: Router, prometheus: PrometheusExposition, admin: Middleware): void {
  router.get('/metrics', admin, async (ctx) => {
    ctx.body = await prometheus.metrics();
    ctx.type = prometheus.contentType;
  });
}
