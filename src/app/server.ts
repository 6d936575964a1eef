import type { Server } from 'node:http';
import type { Config } from './config.js';
import { type Adapters, buildContainer } from './container.js';
import { createApp } from './http/create-app.js';
import { TOKENS } from './tokens.js';

export interface RunningServer {
  readonly server: Server;
  readonly url: string;
  readonly adminToken: string;
  close(): Promise<void>;
}

/** Listens on config.port and stops cleanly: in-flight requests finish, metrics are flushed. */
export async function startServer(config: Config, overrides: Partial<Adapters> = {}): Promise<RunningServer> {
  const container = buildContainer(config, overrides);
  const logger = container.get(TOKENS.Logger);
  // Fail at start, with the file named, rather than on the first visitor's message.
  await container.get(TOKENS.Persona).load();
  const app = createApp(container);
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  logger.info({ url, storage: config.store, model: container.get(TOKENS.Model).name }, 'digital twin listening');
  return {
    server,
    url,
    adminToken: container.get(TOKENS.AdminToken),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await container.get(TOKENS.Store).close?.();
      await container.get(TOKENS.Metrics).flush();
    },
  };
}
