import type { Context, Next } from 'koa';
import { DomainError } from '../../domain/errors.js';

/** Bodies must be JSON: anything else is a 415, before the body is read. */
export async function requireJson(ctx: Context, next: Next): Promise<void> {
  if (!ctx.is('application/json')) {
    throw new DomainError('unsupported_media_type', 'Send the body as application/json');
  }
  await next();
}
