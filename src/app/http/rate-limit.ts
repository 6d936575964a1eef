import type { Context, Middleware, Next } from 'koa';
import { clientSessionId } from '../../domain/conversation/conversation.js';
import { DomainError } from '../../domain/errors.js';
import type { RateLimiter } from '../../ports/rate-limiter.js';
import { clientOf } from './client-address.js';

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
 * limit sees the session id; the client is its canonical address, an IPv6 /64 (client-address.ts);
 * X-Forwarded-For is honoured only when the app trusts its proxy (TWIN_TRUST_PROXY).
 */
export function limitChat(limits: ChatRateLimits) {
  return async (ctx: Context, next: Next): Promise<void> => {
    if (limits.perIp && ctx.state[IP_COUNTED] !== true) await takeForIp(limits.perIp, ctx);
    // /chat names the session `session_id`; /v1 keeps it under the OpenAI field `user`.
    const body = ctx.request.body as { session_id?: unknown; user?: unknown } | undefined;
    const sessionId = body?.session_id ?? body?.user;
    // Only an id that names a session counts: a guessable one gets a fresh server-issued session,
    // and counting it would let anyone spend the limit of everyone who sends the same value.
    const session = limits.perSession && clientSessionId(sessionId);
    if (limits.perSession && session) {
      const decision = await limits.perSession.take(`session:${session}`);
      if (!decision.allowed) refuse(decision.retryAfterSeconds);
    }
    await next();
  };
}

const IP_COUNTED = 'twinIpCounted';

async function takeForIp(limiter: RateLimiter, ctx: Context): Promise<void> {
  ctx.state[IP_COUNTED] = true;
  const decision = await limiter.take(`ip:${clientOf(ctx)}`);
  if (!decision.allowed) refuse(decision.retryAfterSeconds);
}

/**
 * The per-IP part of `chat` (the middleware limitChat returned), taken before the body is read
 * on every route that uses it: a client over its limit is refused before its body (corrupt,
 * compressed or huge) costs anything. `chat` then does not count the request again.
 */
export function limitIpBeforeBody(
  limits: ChatRateLimits,
  router: { match(path: string, method: string): { pathAndMethod: readonly { stack: readonly unknown[] }[] } },
  chat: Middleware,
): Middleware {
  return async (ctx, next) => {
    const perIp = limits.perIp;
    if (perIp && router.match(ctx.path, ctx.method).pathAndMethod.some((layer) => layer.stack.includes(chat))) {
      await takeForIp(perIp, ctx);
    }
    await next();
  };
}
