import cors from '@koa/cors';
import type { Context } from 'koa';
import type { CorsOrigins } from '../cors-origins.js';

/**
 * Request headers a browser may send cross-origin. Beyond our own: what the official `openai`
 * SDKs send on every call (the x-stainless-* family, Node and Python; LangChain's ChatOpenAI
 * uses the same SDK), the OpenAI account headers, and the `user-agent` suffix of the Vercel
 * AI SDK (browsers other than Chromium send it, so it reaches the preflight). A preflight
 * that leaves any of these out blocks the whole call.
 */
export const CORS_ALLOWED_HEADERS = [
  'Content-Type',
  'Authorization',
  'X-Request-Id',
  'X-Session-Id',
  'Last-Event-ID',
  'User-Agent',
  'OpenAI-Organization',
  'OpenAI-Project',
  'OpenAI-Beta',
  'Idempotency-Key',
  'X-Stainless-OS',
  'X-Stainless-Lang',
  'X-Stainless-Arch',
  'X-Stainless-Runtime',
  'X-Stainless-Runtime-Version',
  'X-Stainless-Package-Version',
  'X-Stainless-Retry-Count',
  'X-Stainless-Timeout',
  'X-Stainless-Read-Timeout',
  'X-Stainless-Async',
  'X-Stainless-Helper',
  'X-Stainless-Helper-Method',
  'X-Stainless-Custom-Event-Handler',
  'X-Stainless-Poll-Helper',
  'X-Stainless-Custom-Poll-Interval',
  'X-Stainless-Raw-Response',
  'X-Stainless-Stream-Helper',
] as const;

/** Response headers a page's script may read: ids to quote in a bug report, when to retry. */
export const CORS_EXPOSED_HEADERS = ['X-Request-Id', 'X-Session-Id', 'Retry-After'] as const;

/** Whether a browser's `Origin` header (already in normal form: browsers send it so) may call the API. */
export function corsAllows(origins: CorsOrigins): (origin: string) => boolean {
  if (origins === '*') return () => true;
  const allowed = new Set(origins);
  return (origin) => allowed.has(origin);
}

/**
 * CORS for the API. `'*'` answers `Access-Control-Allow-Origin: *`, which is safe because the
 * API uses no cookies: credentials are never allowed, and the admin token travels in
 * `Authorization`, which a page can only send if it already knows it. Otherwise only the
 * listed (normalised) origins get the header; a stranger's preflight gets none, so its
 * browser refuses the call.
 */
export function corsFor(origins: CorsOrigins) {
  const allows = corsAllows(origins);
  return cors({
    // @koa/cors answers "*" unless origin is a function: decide per request.
    origin: (ctx: Context) => {
      const origin = ctx.get('Origin');
      if (!origin || !allows(origin)) return '';
      return origins === '*' ? '*' : origin;
    },
    allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowHeaders: [...CORS_ALLOWED_HEADERS],
    exposeHeaders: [...CORS_EXPOSED_HEADERS],
    maxAge: 600,
  });
}
