import { type CloudWatchClient, PutDashboardCommand } from '@aws-sdk/client-cloudwatch';

export interface PublishedDashboard {
  readonly name: string;
  /** Problems CloudWatch found in the body but accepted anyway (e.g. a metric it does not know). */
  readonly warnings: readonly string[];
}

/** PutDashboard: creates or replaces the named dashboard. */
export async function publishDashboard(
  client: CloudWatchClient,
  name: string,
  body: string,
): Promise<PublishedDashboard> {
  const result = await client.send(new PutDashboardCommand({ DashboardName: name, DashboardBody: body }));
  const warnings = (result.DashboardValidationMessages ?? []).map((m) =>
    m.DataPath ? `${m.DataPath}: ${m.Message ?? ''}` : (m.Message ?? ''),
  );
  return { name, warnings };
}
