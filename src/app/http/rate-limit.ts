import type { Context, Next } from 'koa';
import { DomainError } from '../../domain/errors.js';
import type { RateLimiter } from '../../ports/rate-limiter.js';

export interface ChatRateLimits {
  /** Per client IP; undefined disables. */
  readonly perIp?: RateLimiter;
  /** Per session id given in the body; undefined disables. */
  readonly perSession?: RateLimiter;
}

function refuse(retryAfterSeconds: number): never {
  throw new DomainError('rate_limited', 'Too many messages; please wait a moment and try again.', {
    retryAfterSeconds,
  });
}

/**
 * Limits the routes that spend model tokens. Runs after body parsing, so the session
 * limit sees the session id; the IP comes from ctx.ip, which honours X-Forwarded-For
 * only when the app trusts its proxy (TWIN_TRUST_PROXY).
 */
export function limitChat(limits: ChatRateLimits) {
  return async (ctx: Context, next: Next): Promise<void> => {
    if (limits.perIp) {
      const decision = await limits.perIp.take(`ip:${ctx.ip}`);
      if (!decision.allowed) refuse(decision.retryAfterSeconds);
    }
    // /chat names the session `session_id`; /v1 keeps it under the OpenAI field `user`.
    const body = ctx.request.body as { session_id?: unknown; user?: unknown } | undefined;
    const sessionId = body?.session_id ?? body?.user;
    if (limits.perSession && typeof sessionId === 'string' && sessionId !== '') {
      const decision = await limits.perSession.take(`session:${sessionId}`);
      if (!decision.allowed) refuse(decision.retryAfterSeconds);
    }
    await next();
  };
}
