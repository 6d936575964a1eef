import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { publishDashboard } from '../../adapters/cloudwatch/dashboard-publisher.js';
import { dashboardConsoleUrl, renderDashboard } from '../../adapters/cloudwatch/dashboard-template.js';
import type { Config } from '../config.js';

/** The template shipped with the repository; from src/app/commands or dist/app/commands alike. */
export const DEFAULT_DASHBOARD_TEMPLATE = fileURLToPath(
  new URL('../../../infra/cloudwatch/dashboard.json', import.meta.url),
);

export interface DashboardDeployOptions {
  readonly name?: string;
  readonly functionName?: string;
  readonly logGroup?: string;
  readonly template?: string;
  /** Injected by tests; otherwise built from AWS_REGION, TWIN_CLOUDWATCH_ENDPOINT and the standard credential chain. */
  readonly client?: CloudWatchClient;
  readonly print?: (line: string) => void;
}

/** `twin dashboard deploy`: renders infra/cloudwatch/dashboard.json and PutDashboard, then prints the console URL. */
export async function dashboardDeployCommand(config: Config, options: DashboardDeployOptions = {}): Promise<string> {
  const name = options.name ?? 'DigitalTwinDashboard';
  const functionName = options.functionName ?? config.metrics.functionName;
  const region = config.metrics.region;
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const body = renderDashboard(await readFile(options.template ?? DEFAULT_DASHBOARD_TEMPLATE, 'utf8'), {
    function_name: functionName,
    region,
    namespace: config.metrics.namespace,
    log_group: options.logGroup ?? `/aws/lambda/${functionName}`,
  });
  const client = options.client ?? new CloudWatchClient({ region, endpoint: config.metrics.cloudwatchEndpoint });
  const published = await publishDashboard(client, name, body);
  for (const warning of published.warnings) print(`warning: ${warning}`);
  const url = dashboardConsoleUrl(region, name);
  print(`Dashboard ${name} deployed for function ${functionName} in ${region}: ${url}`);
  return url;
}
