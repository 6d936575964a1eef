/** One HTTP request as nodeHttpFetch sends it: header names in lower case, a body that can be sent again. */
export interface OutgoingRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array | undefined;
  readonly signal: AbortSignal | undefined;
}

/** The statuses fetch follows when they carry a Location. */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** fetch's bound: the 21st redirect of one request is a network error. */
export const MAX_REDIRECTS = 20;

// Headers that describe a body, dropped with it when a redirect turns the request into a GET.
const BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type', 'content-length'];
// Credentials that must not follow a request to another origin.
const ORIGIN_BOUND_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'host'];

/**
 * The request to send next when `request` was answered `status` with `location`, by the fetch
 * standard's HTTP-redirect fetch as Node's built-in fetch applies it (`redirect: 'follow'`): a
 * 303 (and a 301 or 302 to a POST) becomes a GET without body, a 307 or 308 resends the same
 * method and body, credentials are dropped for another origin. `followed` is how many redirects
 * this request has already taken.
 * @throws TypeError ("fetch failed", as fetch's network errors) for an unparsable or non-HTTP(S)
 * Location or a 21st redirect; the SDK treats it as a connection error.
 */
export function redirectedRequest(
  request: OutgoingRequest,
  status: number,
  location: string,
  followed: number,
): OutgoingRequest {
  let url: URL;
  try {
    url = new URL(location, request.url);
  } catch (error) {
    throw networkError('invalid redirect Location', error);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw networkError('URL scheme must be a HTTP(S) scheme');
  if (followed >= MAX_REDIRECTS) throw networkError('redirect count exceeded');
  const headers = { ...request.headers };
  let { method, body } = request;
  if (
    ((status === 301 || status === 302) && method === 'POST') ||
    (status === 303 && method !== 'GET' && method !== 'HEAD')
  ) {
    method = 'GET';
    body = undefined;
    for (const name of BODY_HEADERS) delete headers[name];
  }
  if (url.origin !== request.url.origin) for (const name of ORIGIN_BOUND_HEADERS) delete headers[name];
  return { url, method, headers, body, signal: request.signal };
}

function networkError(message: string, cause?: unknown): TypeError {
  return new TypeError('fetch failed', { cause: cause ?? new Error(message) });
}
