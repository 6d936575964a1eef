import type { Config } from '../config.js';
import { startServer } from '../server.js';

export async function serveCommand(config: Config): Promise<void> {
  const running = await startServer(config);
  if (!config.adminToken) {
    // Printed once, to the terminal only: it is never written to the JSON log.
    process.stderr.write(
      `\nTWIN_ADMIN_TOKEN was not set; this run's admin token is:\n  ${running.adminToken}\n(set TWIN_ADMIN_TOKEN to keep one across restarts)\n\n`,
    );
  }
  process.stderr.write(`Digital twin ready at ${running.url}\n`);
  const stop = () => {
    running.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // The terminal that started it closed: stop the same way, writing what is pending.
  process.once('SIGHUP', stop);
}
