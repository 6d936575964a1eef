import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Next } from 'koa';
import { DomainError } from '../../domain/errors.js';

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Bearer-token guard for owner-only routes. Compares digests in constant time. */
export function adminOnly(adminToken: string) {
  const expected = digest(adminToken);
  return async (ctx: Context, next: Next): Promise<void> => {
    const match = /^Bearer\s+(.+)$/i.exec(ctx.get('Authorization'));
    if (!match?.[1] || !timingSafeEqual(digest(match[1].trim()), expected)) {
      ctx.set('WWW-Authenticate', 'Bearer realm="digital-twin admin"');
      throw new DomainError('unauthorized', 'A valid admin token is required (Authorization: Bearer <token>)');
    }
    await next();
  };
}
