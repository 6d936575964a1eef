import type { Context, Next } from 'koa';

export interface SecurityHeaderOptions {
  /** CSP frame-ancestors: who may embed the pages (e.g. the owner's site for a chat widget). */
  readonly frameAncestors: readonly string[];
}

/**
 * Headers on every response. The CSP allows only same-origin scripts, styles and
 * connections (no inline script), so injected markup cannot run even if it got through.
 */
export function securityHeaders(options: SecurityHeaderOptions) {
  const ancestors = options.frameAncestors.length > 0 ? options.frameAncestors.join(' ') : "'none'";
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
  return async (ctx: Context, next: Next): Promise<void> => {
    ctx.set({
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    });
    await next();
  };
}
