import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';

// A caller's id is echoed only when it is short and plain, so it cannot inject into headers or logs.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Every response carries X-Request-Id; log lines for the request carry the same id. */
export async function requestId(ctx: Context, next: Next): Promise<void> {
  const given = ctx.get('X-Request-Id');
  const id = SAFE_REQUEST_ID.test(given) ? given : randomUUID();
  ctx.state.requestId = id;
  ctx.set('X-Request-Id', id);
  await next();
}
