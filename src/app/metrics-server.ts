import { createServer, type Server } from 'node:http';
import type { Logger } from '../ports/logger.js';
import type { PrometheusExposition } from './metrics-sinks.js';

/**
 * A second listener that serves only GET /metrics, without the admin token: for a scraper on a
 * private network (TWIN_METRICS_PORT). Keep this port off the public internet.
 */
export function createMetricsServer(prometheus: PrometheusExposition, logger: Logger): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    prometheus.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': prometheus.contentType }).end(text),
      (error: unknown) => {
        logger.error({ err: error }, 'metrics exposition failed');
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Metrics unavailable\n');
      },
    );
  });
}
