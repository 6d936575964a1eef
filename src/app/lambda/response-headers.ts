import type { IncomingHttpHeaders } from 'node:http';

/** Response headers as Lambda wants them: one string per name, Set-Cookie apart as a list. */
export interface LambdaHeaders {
  readonly headers: Record<string, string>;
  readonly cookies: string[];
}

export function toLambdaHeaders(incoming: IncomingHttpHeaders): LambdaHeaders {
  const headers: Record<string, string> = {};
  let cookies: string[] = [];
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    // Connection framing is for the loopback socket; API Gateway sets its own.
    if (name === 'connection' || name === 'keep-alive' || name === 'transfer-encoding') continue;
    if (name === 'set-cookie') cookies = Array.isArray(value) ? value : [value];
    else headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { headers, cookies };
}
