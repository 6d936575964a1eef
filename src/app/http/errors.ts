import type { Context, Next } from 'koa';
import { DomainError, type DomainErrorCode } from '../../domain/errors.js';
import type { Logger } from '../../ports/logger.js';

/** The one table from domain error codes to HTTP statuses. */
const STATUS: Record<DomainErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  request_timeout: 408,
  headers_too_large: 431,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  persona_invalid: 500,
  model_unavailable: 503,
  store_unavailable: 503,
};

const GENERIC_MESSAGE = 'Something went wrong on our side. Please try again.';

// Errors raised by Koa's own middleware (body parser, http-errors) carry a status; map the ones clients can cause.
function fromHttpError(error: unknown): DomainError | undefined {
  if (!(error instanceof Error) || !('status' in error) || typeof error.status !== 'number') return undefined;
  switch (error.status) {
    case 400:
      return new DomainError('invalid_input', 'The request body is not valid JSON');
    case 413:
      return new DomainError('payload_too_large', 'The request body is too large');
    case 415:
      return new DomainError('unsupported_media_type', 'Send the body as application/json');
    default:
      return undefined;
  }
}

export function errorBody(code: DomainErrorCode, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

/** Turns any error into the public shape; exception text never reaches a client unless it was written for one. */
export function toPublicError(error: unknown): {
  status: number;
  code: DomainErrorCode;
  message: string;
  retryAfter?: number;
} {
  const domain = error instanceof DomainError ? error : fromHttpError(error);
  if (!domain) return { status: 500, code: 'internal', message: GENERIC_MESSAGE };
  const status = STATUS[domain.code];
  const safe =
    domain.expose && (status < 500 || domain.code === 'model_unavailable' || domain.code === 'store_unavailable');
  return {
    status,
    code: domain.code,
    message: safe ? domain.message : GENERIC_MESSAGE,
    retryAfter: domain.retryAfterSeconds,
  };
}

export function errorMiddleware(logger: Logger) {
  return async (ctx: Context, next: Next): Promise<void> => {
    try {
      // RFC 9112, 3.2: an HTTP/1.1 request without Host is a 400 (Node's own has an empty body).
      if (ctx.req.httpVersion === '1.1' && ctx.req.headers.host === undefined) {
        throw new DomainError('invalid_input', 'An HTTP/1.1 request needs a Host header');
      }
      await next();
      // Koa and the router answer these with empty bodies; clients get the usual error shape.
      if (ctx.status === 404 && ctx.body === undefined) {
        ctx.status = 404;
        ctx.body = errorBody('not_found', 'No such route');
      } else if (ctx.status === 405 && ctx.body === undefined) {
        ctx.body = errorBody('method_not_allowed', `This route does not accept ${ctx.method}`);
      } else if (ctx.status === 501 && ctx.body === undefined) {
        // The router's answer to a method no route has (PROPFIND, TRACE...): the client's doing, a 405.
        ctx.status = 405;
        ctx.body = errorBody('method_not_allowed', `No route accepts ${ctx.method}`);
      }
    } catch (error) {
      const failure = toPublicError(error);
      const fields = { err: error, request_id: ctx.state.requestId, code: failure.code, status: failure.status };
      if (failure.status >= 500) logger.error(fields, 'request failed');
      else logger.debug(fields, 'request rejected');
      ctx.status = failure.status;
      if (failure.retryAfter !== undefined && failure.status >= 429) ctx.set('Retry-After', String(failure.retryAfter));
      ctx.body = errorBody(failure.code, failure.message);
      // Refused before its body was read: the rest of the body would be read as the next request,
      // or hold the connection until the request timeout answers a second time.
      if (!ctx.req.complete) ctx.set('Connection', 'close');
    }
  };
}
