import type { Server } from 'node:http';
import type { Logger } from '../ports/logger.js';
import type { Config } from './config.js';
import { type Adapters, buildContainer } from './container.js';
import { createApp } from './http/create-app.js';
import { createHttpServer, HTTP_LIMITS } from './http/http-server.js';
import { listenOn } from './listen.js';
import { createMetricsServer } from './metrics-server.js';
import type { PrometheusExposition } from './metrics-sinks.js';
import { releaseContainer } from './release-container.js';
import { TOKENS } from './tokens.js';

export interface RunningServer {
  readonly server: Server;
  readonly url: string;
  readonly adminToken: string;
  /** The separate metrics listener's URL, when TWIN_METRICS_PORT is set and prometheus is on. */
  readonly metricsUrl?: string;
  close(): Promise<void>;
}

/** Listens on config.port and stops cleanly: in-flight requests finish, metrics are flushed. */
export async function startServer(config: Config, overrides: Partial<Adapters> = {}): Promise<RunningServer> {
  const container = buildContainer(config, overrides);
  const logger = container.get(TOKENS.Logger);
  // Fail at start, with the file named, rather than on the first visitor's message.
  const persona = await container.get(TOKENS.Persona).load();
  // A local embedding model loads in seconds on the event loop: before listening, not under a visitor.
  await container.get(TOKENS.Model).prepare?.(persona);
  const app = createApp(container);
  const server = createHttpServer(app.callback(), HTTP_LIMITS, logger, container.get(TOKENS.Metrics));
  let url: string;
  let metricsServer: Awaited<ReturnType<typeof listenForMetrics>>;
  try {
    url = urlOf(config.host, await listenOn(server, config.port, config.host, 'PORT'));
    logger.info({ url, storage: config.store, model: container.get(TOKENS.Model).name }, 'digital twin listening');
    metricsServer = await listenForMetrics(config, container.get(TOKENS.ConfiguredMetrics).prometheus, logger);
  } catch (error) {
    // Nothing was served: release what the container opened, so the process can end at once.
    server.close();
    await releaseContainer(container);
    throw error;
  }
  return {
    server,
    url,
    adminToken: container.get(TOKENS.AdminToken),
    metricsUrl: metricsServer?.url,
    async close() {
      await metricsServer?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await releaseContainer(container);
      await container.get(TOKENS.Metrics).flush();
    },
  };
}

async function listenForMetrics(
  config: Config,
  prometheus: PrometheusExposition | null,
  logger: Logger,
): Promise<{ url: string; close(): Promise<void> } | undefined> {
  if (config.metrics.port === undefined) return undefined;
  if (!prometheus) {
    logger.warn({}, 'TWIN_METRICS_PORT is set but TWIN_METRICS does not include prometheus; no metrics port opened');
    return undefined;
  }
  const server = createMetricsServer(prometheus, logger);
  const url = `${urlOf(config.host, await listenOn(server, config.metrics.port, config.host, 'TWIN_METRICS_PORT'))}/metrics`;
  logger.info({ url }, 'metrics listening');
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function urlOf(host: string, port: number): string {
  return `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
}
