import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { pipeline, Readable } from 'node:stream';
import { contentCodings, decodeBytes, decodingStreams } from './content-decoding.js';
import { type OutgoingRequest, REDIRECT_STATUSES, redirectedRequest } from './http-redirect.js';

type Send = (
  url: URL,
  options: RequestOptions,
  answer: (incoming: IncomingMessage) => void,
) => ReturnType<typeof httpRequest>;

// One pool of kept-alive connections per scheme for the whole process, like fetch's own. TLS is
// loaded with the first https call only: a model on loopback or a private network never needs it.
const httpAgent = new HttpAgent({ keepAlive: true });
let https: Promise<Send> | undefined;
const senders: Record<string, () => Promise<Send>> = {
  'http:': async () => (url, options, answer) => httpRequest(url, { ...options, agent: httpAgent }, answer),
  'https:': () => {
    https ??= import('node:https').then(({ Agent, request }) => {
      const agent = new Agent({ keepAlive: true });
      return (url, options, answer) => request(url, { ...options, agent }, answer);
    });
    return https;
  },
};

// Statuses whose Response has no body (fetch's null body statuses that reach a client).
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * `fetch` for the OpenAI SDK's JSON and server-sent-event calls, over node:http(s) with
 * kept-alive connections. Node's built-in fetch costs several hundred microseconds of CPU per
 * call on top of the exchange itself (WHATWG request and stream objects, a WebAssembly HTTP
 * parser); node:http's native parser does the same exchange for a fraction of it (docs/benchmarks.md).
 * What the SDK needs is honoured: method, headers, a string or byte body, the abort signal (its
 * timeouts and the caller's), status and headers, a streamed body for `stream: true`. Anything
 * else (a Request object, form data, a stream body, a `redirect` other than 'follow') goes to the
 * built-in fetch unchanged.
 *
 * What fetch does on the way is done too (docs/adr/1200-per-turn-work-and-cold-start.md):
 * - redirects (301, 302, 303, 307, 308 with a Location) are followed as `redirect: 'follow'`
 *   does: 303, and 301/302 to a POST, become a GET without body; credentials are dropped for
 *   another origin; the 21st redirect is a network error.
 * - a body sent with Content-Encoding gzip, x-gzip, deflate or br is decoded (an event stream
 *   chunk by chunk as it arrives); a corrupt one fails the body read or the stream, a JSON body
 *   decoding to more than 64 MiB too. Unlike fetch it asks for `Accept-Encoding: identity`:
 *   decoding a compressed event stream costs several times the CPU of the whole call.
 * Connection failures and network errors reject with a TypeError, as fetch's do, so the SDK
 * retries them.
 */
export const nodeHttpFetch: typeof fetch = (input, init) => {
  const body = init?.body;
  const url = typeof input === 'string' ? new URL(input) : input instanceof URL ? input : undefined;
  const simpleBody = body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array;
  const follows = init?.redirect === undefined || init.redirect === 'follow';
  if (!url || !simpleBody || !follows || !senders[url.protocol]) return fetch(input, init);
  const request: OutgoingRequest = {
    url,
    method: normalizedMethod(init?.method),
    // Compression costs more CPU than it saves for answers of a few kilobytes (ADR 1200); a
    // caller's own Accept-Encoding wins.
    headers: { 'accept-encoding': 'identity', ...plainHeaders(init?.headers) },
    body: body ?? undefined,
    signal: init?.signal ?? undefined,
  };
  return exchange(request, 0);
};

/** Sends `request`; follows a redirect, or answers with the response. */
async function exchange(request: OutgoingRequest, redirects: number): Promise<Response> {
  const incoming = await send(request);
  const status = incoming.statusCode ?? 502;
  const location = REDIRECT_STATUSES.has(status) ? incoming.headers.location : undefined;
  if (location === undefined) return answer(request, incoming);
  // The redirect's own body is not read: its connection is closed rather than drained.
  incoming.destroy();
  return exchange(redirectedRequest(request, status, location, redirects), redirects + 1);
}

/** One exchange until the response's head has arrived. */
async function send(request: OutgoingRequest): Promise<IncomingMessage> {
  const { url, method, body, signal } = request;
  const sender = await (senders[url.protocol] as () => Promise<Send>)();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const headers = { ...request.headers };
    if (typeof body === 'string') headers['content-length'] = String(Buffer.byteLength(body));
    else if (body) headers['content-length'] = String(body.byteLength);
    const outgoing = sender(url, { method, headers, signal }, resolve);
    outgoing.once('error', (error) => reject(signal?.aborted ? abortError(signal) : fetchFailed(error)));
    outgoing.end(body);
  });
}

/** The fetch Response for a final answer: an event stream streams, anything else is read first. */
async function answer(request: OutgoingRequest, incoming: IncomingMessage): Promise<Response> {
  const status = incoming.statusCode ?? 502;
  const init = { status, statusText: incoming.statusMessage, headers: responseHeaders(incoming) };
  if (NULL_BODY_STATUSES.has(status) || request.method === 'HEAD') {
    incoming.resume();
    return response(null, init, incoming);
  }
  let codings: ReturnType<typeof contentCodings>;
  try {
    codings = contentCodings(incoming.headers['content-encoding']);
  } catch (error) {
    incoming.destroy();
    throw fetchFailed(error);
  }
  if (isEventStream(incoming)) {
    if (codings.length === 0 && status >= 200 && status <= 299) return eventStreamResponse(init, incoming);
    // zlib may still be loading: an abort meanwhile must not be an unhandled 'error' event;
    // pipeline finds the response already failed and fails the body with it.
    if (codings.length > 0) incoming.once('error', () => {});
    const decoders = codings.length > 0 ? await decodingStreams(codings) : [];
    // pipeline passes an abort or a corrupt chunk on to the last stream, which fails the body.
    const body = decoders.length > 0 ? pipeline([incoming, ...decoders], () => {}) : incoming;
    return response(Readable.toWeb(body as Readable) as ReadableStream, init, incoming);
  }
  const bytes = await collect(incoming, request.signal);
  if (codings.length === 0) return response(bytes, init, incoming);
  // As with fetch, a body that cannot be decoded fails when it is read, not the exchange.
  const body = await decodeBytes(bytes, codings).catch((error: unknown) => failedBody(error));
  return response(body, init, incoming);
}

// fetch upper-cases these methods whatever their case; others are sent as given.
const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

function normalizedMethod(method: string | undefined): string {
  const upper = (method ?? 'GET').toUpperCase();
  return NORMALIZED_METHODS.has(upper) ? upper : (method as string);
}

function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
  const plain: Record<string, string> = {};
  if (headers instanceof Headers) {
    for (const [name, value] of headers) plain[name] = value;
  } else if (Array.isArray(headers)) {
    for (const [name, value] of headers) plain[String(name).toLowerCase()] = String(value);
  } else if (headers) {
    for (const [name, value] of Object.entries(headers)) plain[name.toLowerCase()] = String(value);
  }
  // The length is the body's own, set when sending (a redirect may drop the body).
  delete plain['content-length'];
  return plain;
}

function isEventStream(incoming: IncomingMessage): boolean {
  return (incoming.headers['content-type'] ?? '').toLowerCase().startsWith('text/event-stream');
}

function collect(incoming: IncomingMessage, signal: AbortSignal | undefined): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    incoming.on('data', (part: Buffer) => parts.push(part));
    incoming.once('end', () => resolve(Buffer.concat(parts)));
    incoming.once('error', (error) => reject(signal?.aborted ? abortError(signal) : fetchFailed(error)));
  });
}

function responseHeaders(incoming: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const each of value) headers.append(name, each);
  }
  return headers;
}

/**
 * A Response, or a network error's TypeError for a status a Response cannot carry (outside
 * 200-599; fetch passes such a status on, but only its internals can build that Response).
 */
function response(
  body: ConstructorParameters<typeof Response>[0],
  init: ResponseInit,
  incoming: IncomingMessage,
): Response {
  try {
    return new Response(body, init);
  } catch (error) {
    incoming.destroy();
    throw fetchFailed(error);
  }
}

/** A body whose read rejects, as fetch's does when its decoding fails ("terminated"). */
function failedBody(cause: unknown): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.error(new TypeError('terminated', { cause })) });
}

/**
 * A successful, unencoded event stream keeps node:http's own stream as its body: the SDK reads
 * any body that is async-iterable as it is (its ReadableStreamToAsyncIterable and
 * CancelReadableStream), which saves a WHATWG stream and a promise per chunk before the first
 * token (ADR 1200). An error status, whose body the SDK reads with text(), and a decoded stream
 * get a standard Response.
 */
function eventStreamResponse(init: ResponseInit, incoming: IncomingMessage): Response {
  const streamed = response(null, init, incoming);
  Object.defineProperty(streamed, 'body', { value: incoming, enumerable: true });
  return streamed;
}

function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
