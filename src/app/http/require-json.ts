import type { Context, Next } from 'koa';
import { DomainError, InvalidInput } from '../../domain/errors.js';
import { EMPTY_BODY } from './json-body.js';

/**
 * Bodies must be JSON: anything else is a 415. No body at all (Koa's `ctx.is` answers null
 * then, whatever Content-Type says), `Content-Length: 0`, or a JSON body of only whitespace or
 * a byte-order mark (also chunked with no data) is a 400 that says so.
 */
export async function requireJson(ctx: Context, next: Next): Promise<void> {
  const json = ctx.is('application/json');
  if (json === null || ctx.request.length === 0 || ctx.request.body === EMPTY_BODY)
    throw new InvalidInput('The request has no body: send a JSON object');
  if (!json) throw new DomainError('unsupported_media_type', 'Send the body as application/json');
  await next();
}
