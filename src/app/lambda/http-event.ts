/**
 * The parts of an API Gateway HTTP API (payload format 2.0) or Lambda Function URL event
 * the twin reads. Both services send this same shape.
 */
export interface HttpEventV2 {
  readonly version?: string;
  readonly rawPath: string;
  readonly rawQueryString?: string;
  readonly cookies?: readonly string[];
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly requestContext: {
    readonly requestId?: string;
    readonly http: { readonly method: string; readonly sourceIp?: string };
  };
}

/** The buffered answer API Gateway turns back into an HTTP response (payload format 2.0). */
export interface HttpResultV2 {
  statusCode: number;
  headers: Record<string, string>;
  cookies?: string[];
  body: string;
  isBase64Encoded: boolean;
}

/** A request as it is sent on to the app. */
export interface ForwardedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

// Hop-by-hop and framing headers describe the client's connection, not this request.
const DROPPED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade', 'expect']);

/** The HTTP request an event stands for, with the caller's address as the only X-Forwarded-For. */
export function toForwardedRequest(event: HttpEventV2): ForwardedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    const key = name.toLowerCase();
    if (value !== undefined && !DROPPED.has(key)) headers[key] = value;
  }
  // Payload 2.0 moves cookies out of the headers; the app expects them back in one header.
  if (event.cookies?.length) headers.cookie = event.cookies.join('; ');
  // The app trusts X-Forwarded-For (TWIN_TRUST_PROXY): it must carry the address API Gateway
  // saw, never a value the client wrote, or per-IP rate limits could be dodged.
  const sourceIp = event.requestContext.http.sourceIp;
  if (sourceIp) headers['x-forwarded-for'] = sourceIp;
  else delete headers['x-forwarded-for'];
  headers['x-forwarded-proto'] = 'https';
  // Log lines then carry the same id as API Gateway's access logs, unless the caller chose one.
  if (!headers['x-request-id'] && event.requestContext.requestId) {
    headers['x-request-id'] = event.requestContext.requestId;
  }
  const body = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  headers['content-length'] = String(body.length);
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  return {
    method: event.requestContext.http.method.toUpperCase(),
    path: `${event.rawPath || '/'}${query}`,
    headers,
    body,
  };
}
