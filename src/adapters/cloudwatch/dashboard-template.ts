/** The values the dashboard template's placeholders take. */
export interface DashboardVariables {
  readonly function_name: string;
  readonly region: string;
  readonly namespace: string;
  readonly log_group: string;
}

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Fills `${name}` placeholders the way Terraform's templatefile does, escaping each value for
 * the JSON string it lands in. An unknown placeholder is an error, never left in the output.
 */
export function renderDashboard(template: string, variables: DashboardVariables): string {
  const values: Readonly<Record<string, string>> = { ...variables };
  const body = template.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`The dashboard template uses an unknown placeholder \${${name}}`);
    return JSON.stringify(value).slice(1, -1);
  });
  JSON.parse(body); // a template edit that breaks the JSON fails here, not in PutDashboard
  return body;
}

/** The dashboard's page in the CloudWatch console. */
export function dashboardConsoleUrl(region: string, name: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${encodeURIComponent(region)}#dashboards:name=${encodeURIComponent(name)}`;
}
