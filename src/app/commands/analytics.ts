import { silentLogger } from '../../adapters/memory/recording-logger.js';
import type { Config } from '../config.js';
import { buildContainer } from '../container.js';
import { TOKENS } from '../tokens.js';
import { renderOverview, renderSeries } from './terminal-report.js';

export interface AnalyticsOptions {
  readonly json?: boolean;
  readonly days?: string;
  readonly timezone?: string;
}

/** The owner's report: overview table and a daily bar chart (or both as JSON). */
export async function analyticsCommand(config: Config, options: AnalyticsOptions): Promise<void> {
  const analytics = buildContainer(config, { logger: silentLogger }).get(TOKENS.AnalyticsService);
  const days = options.days === undefined ? 14 : Number(options.days);
  const [overview, series] = await Promise.all([
    analytics.overview({ timeZone: options.timezone }),
    analytics.series({ days, granularity: 'day', timeZone: options.timezone }),
  ]);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ overview, series }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${renderOverview(overview)}\n${renderSeries(series)}`);
}
