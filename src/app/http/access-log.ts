import type { Context, Next } from 'koa';
import type { Logger } from '../../ports/logger.js';
import { deliveredStatus } from './http-server.js';

/**
 * One line per request. The route pattern is logged, not the raw path, so session
 * ids (capabilities) and visitor text stay out of the log.
 */
export function accessLog(logger: Logger) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const started = performance.now();
    try {
      await next();
    } finally {
      logger.info(
        {
          request_id: ctx.state.requestId,
          method: ctx.method,
          route: (ctx as Context & { _matchedRoute?: string })._matchedRoute ?? 'unmatched',
          status: deliveredStatus(ctx).status,
          duration_ms: Math.round((performance.now() - started) * 10) / 10,
        },
        'request',
      );
    }
  };
}
