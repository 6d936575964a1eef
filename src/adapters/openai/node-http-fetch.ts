import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Readable } from 'node:stream';

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

/**
 * `fetch` for the OpenAI SDK's JSON and server-sent-event calls, over node:http(s) with
 * kept-alive connections. Node's built-in fetch costs several hundred microseconds of CPU per
 * call on top of the exchange itself (WHATWG request and stream objects, a WebAssembly HTTP
 * parser); node:http's native parser does the same exchange for a fraction of it (docs/benchmarks.md).
 * What the SDK needs is honoured: method, headers, a string or byte body, the abort signal (its
 * timeouts and the caller's), status and headers, a streamed body for `stream: true`. Anything
 * else (a Request object, form data, a stream body) goes to the built-in fetch unchanged.
 * Connection failures reject with a TypeError, as fetch's do, so the SDK retries them.
 */
export const nodeHttpFetch: typeof fetch = (input, init) => {
  const body = init?.body;
  const url = typeof input === 'string' ? new URL(input) : input instanceof URL ? input : undefined;
  const simpleBody = body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array;
  const sender = url ? senders[url.protocol] : undefined;
  if (!url || !simpleBody || !sender) return fetch(input, init);
  const signal = init?.signal ?? undefined;
  return sender().then(
    (send) =>
      new Promise<Response>((resolve, reject) => {
        if (signal?.aborted) return reject(abortError(signal));
        const outgoing = send(
          url,
          { method: init?.method ?? 'GET', headers: plainHeaders(init?.headers, body), signal },
          (incoming) => {
            if (isEventStream(incoming)) resolve(eventStreamResponse(incoming));
            else collect(incoming, signal).then((bytes) => resolve(toResponse(incoming, bytes)), reject);
          },
        );
        outgoing.once('error', (error) => reject(signal?.aborted ? abortError(signal) : fetchFailed(error)));
        outgoing.end(body ?? undefined);
      }),
  );
};

function plainHeaders(headers: RequestInit['headers'], body: unknown): Record<string, string> {
  const plain: Record<string, string> = {};
  if (headers instanceof Headers) {
    for (const [name, value] of headers) plain[name] = value;
  } else if (Array.isArray(headers)) {
    for (const [name, value] of headers) plain[String(name).toLowerCase()] = String(value);
  } else if (headers) {
    for (const [name, value] of Object.entries(headers)) plain[name.toLowerCase()] = String(value);
  }
  if (typeof body === 'string') plain['content-length'] = String(Buffer.byteLength(body));
  else if (body instanceof Uint8Array) plain['content-length'] = String(body.byteLength);
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

function toResponse(incoming: IncomingMessage, body: ReadableStream | Buffer | null): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const each of value) headers.append(name, each);
  }
  const status = incoming.statusCode ?? 502;
  // A 204 or 304 may not carry a body in a Response.
  const empty = status === 204 || status === 304;
  return new Response(empty ? null : body, { status, statusText: incoming.statusMessage, headers });
}

/**
 * A successful event stream keeps node:http's own stream as its body: the SDK reads any body that
 * is async-iterable as it is (its ReadableStreamToAsyncIterable and CancelReadableStream), which
 * saves a WHATWG stream and a promise per chunk before the first token. Anything else (an error
 * status, whose body the SDK reads with text()) gets a standard Response.
 */
function eventStreamResponse(incoming: IncomingMessage): Response {
  const status = incoming.statusCode ?? 502;
  if (status < 200 || status > 299) return toResponse(incoming, Readable.toWeb(incoming) as ReadableStream);
  const response = toResponse(incoming, null);
  Object.defineProperty(response, 'body', { value: incoming, enumerable: true });
  return response;
}

function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
