import { createServer, type Server } from 'node:http';
import type { Logger } from '../ports/logger.js';
import { errorBody } from './http/errors.js';
import type { PrometheusExposition } from './metrics-sinks.js';

/**
 * A second listener that serves only GET /metrics, without the admin token: for a scraper on a
 * private network (TWIN_METRICS_PORT). Keep this port off the public internet.
 */
export function createMetricsServer(prometheus: PrometheusExposition, logger: Logger): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      // The same error shape as the API's, so one client handles both ports.
      res
        .writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' })
        .end(JSON.stringify(errorBody('not_found', 'This port serves only GET /metrics')));
      return;
    }
    prometheus.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': prometheus.contentType }).end(text),
      (error: unknown) => {
        logger.error({ err: error }, 'metrics exposition failed');
        res
          .writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' })
          .end(JSON.stringify(errorBody('internal', 'Metrics unavailable')));
      },
    );
  });
}
