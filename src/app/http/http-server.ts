import { createServer, type RequestListener, type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { DomainErrorCode } from '../../domain/errors.js';
import type { Logger } from '../../ports/logger.js';
import type { MetricsSink } from '../../ports/metrics-sink.js';
import { errorBody } from './errors.js';
import { announcesTooLargeBody, BODY_TOO_LARGE_MESSAGE } from './json-body.js';

/**
 * Limits on what a client may make the server hold: 16 KB of headers (431 beyond), headers
 * within 20 s and a whole request within 60 s (408; slow-loris senders are cut off). Node
 * checks the two timeouts every `connectionsCheckingInterval`, so a request is cut between
 * 60 and 61 s. Streamed answers are not affected: the limits cover receiving the request.
 * docs/security.md states these numbers; test/unit/http-limits-doc.test.ts keeps them equal.
 */
export const HTTP_LIMITS = {
  maxHeaderSize: 16 * 1024,
  headersTimeout: 20_000,
  requestTimeout: 60_000,
  connectionsCheckingInterval: 1_000,
} as const;

export type HttpLimits = { readonly [K in keyof typeof HTTP_LIMITS]: number };

/** A node:http server for the app with HTTP_LIMITS, whose own parser errors are JSON too. */
export function createHttpServer(
  listener: RequestListener,
  limits: HttpLimits = HTTP_LIMITS,
  logger?: Logger,
  metrics?: MetricsSink,
): Server {
  // Node's own 400 for a missing Host has an empty body: the app answers it (errors.ts).
  const server = createServer({ ...limits, requireHostHeader: false }, listener);
  answerClientErrors(server, logger, metrics);
  // An Expect other than 100-continue: RFC 9110 (10.1.1) lets a server answer 417 or carry on;
  // Node's 417 has an empty body, so the request is served like any other.
  server.on('checkExpectation', listener);
  // Expect: 100-continue asks whether to send the body: a body over the limit is refused before it
  // is invited (Node would answer 100 Continue, then json-body.ts a 413 once the bytes came).
  server.on('checkContinue', (request, response) => {
    if (announcesTooLargeBody(request.headers)) {
      const body = JSON.stringify(errorBody('payload_too_large', BODY_TOO_LARGE_MESSAGE));
      response.writeHead(413, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
        'Cache-Control': 'no-store',
        Connection: 'close',
      });
      response.end(body);
      return;
    }
    response.writeContinue();
    listener(request, response);
  });
  // CONNECT asks for a tunnel, which this server never opens; without a listener Node drops the
  // connection with no answer at all.
  server.on('connect', (_request, socket: Duplex) => {
    logger?.debug({ status: 405 }, 'CONNECT refused');
    endWithError(socket, 405, 'method_not_allowed', 'This server opens no tunnels (CONNECT)');
  });
  return server;
}

/** Writes an error in the API's shape straight to a connection and closes it. */
function endWithError(socket: Duplex, status: number, code: DomainErrorCode, message: string): void {
  const body = JSON.stringify(errorBody(code, message));
  socket.end(
    [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Cache-Control: no-store',
      'X-Content-Type-Options: nosniff',
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}

interface ClientErrorAnswer {
  readonly status: number;
  readonly code: DomainErrorCode;
  readonly message: string;
}

function answerFor(code: string | undefined): ClientErrorAnswer {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, code: 'headers_too_large', message: 'The request headers are too large (16 KB at most)' };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { status: 408, code: 'request_timeout', message: 'The request was not received in time' };
  }
  return { status: 400, code: 'invalid_input', message: 'The request is not valid HTTP' };
}

/** Set on a response the parser's error answered (408) while the app was still reading its request. */
const REJECTED = Symbol('twin.rejected');

/**
 * The status and error code the client really got: the server's own answer (408
 * `request_timeout`) when the request timed out mid-body, whatever the app set afterwards
 * (its reading of the cut body fails with a 400).
 */
export function deliveredStatus(ctx: { status: number; res: object }): { status: number; code?: string } {
  const rejected = (ctx.res as { [REJECTED]?: ClientErrorAnswer })[REJECTED];
  return rejected === undefined ? { status: ctx.status } : { status: rejected.status, code: rejected.code };
}

/**
 * Node answers requests its parser rejects (a bad request line, oversized headers, a
 * timeout) itself, with an empty body. This answers them in the API's error shape instead,
 * as Node would otherwise: only when no response is under way on that connection.
 */
export function answerClientErrors(server: Server, logger?: Logger, metrics?: MetricsSink): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const pending = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || pending?.headersSent) {
      socket.destroy();
      return;
    }
    const answer = answerFor(error.code);
    logger?.debug({ code: error.code, status: answer.status }, 'request rejected by the HTTP parser');
    endWithError(socket, answer.status, answer.code, answer.message);
    // A request already in the app (a body trickled past the timeout) is counted by the app's
    // request metrics, with the status the client really got; any other is counted here.
    if (pending) (pending as { [REJECTED]?: ClientErrorAnswer })[REJECTED] = answer;
    else countRejected(metrics, answer);
  });
}

/**
 * Requests the parser refused never reach the app's request metrics: counted here like any other
 * request (route `unparsed`, since no route was matched or even read), so a flood of malformed
 * requests or a client hitting the timeouts shows on the dashboard. A sink's failure is ignored.
 */
function countRejected(metrics: MetricsSink | undefined, answer: ClientErrorAnswer): void {
  try {
    metrics?.record({
      name: 'Requests',
      value: 1,
      unit: 'Count',
      dimensions: { Route: 'unparsed', Status: String(answer.status) },
    });
    metrics?.record({ name: 'Errors', value: 1, unit: 'Count', dimensions: { Code: answer.code } });
  } catch {
    // A metrics failure must never become the client's failure.
  }
}
