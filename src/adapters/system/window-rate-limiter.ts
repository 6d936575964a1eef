import type { Clock } from '../../ports/clock.js';
import type { RateDecision, RateLimiter } from '../../ports/rate-limiter.js';
import type { UsageCounters } from '../../ports/usage-counters.js';
import { SystemClock } from './system-clock.js';

export interface WindowRateLimiterOptions {
  readonly counters: UsageCounters;
  readonly perMinute: number;
  readonly clock?: Clock;
}

const WINDOW_MS = 60_000;

/**
 * A fixed one-minute window over shared UsageCounters: with DynamoUsageCounters every
 * instance behind a load balancer counts against the same limit. Coarser than the
 * in-process token bucket (a burst can straddle two windows), but needs one atomic ADD.
 */
export class WindowRateLimiter implements RateLimiter {
  private readonly clock: Clock;

  constructor(private readonly options: WindowRateLimiterOptions) {
    this.clock = options.clock ?? new SystemClock();
  }

  async take(key: string): Promise<RateDecision> {
    const now = this.clock.now().getTime();
    const windowStart = now - (now % WINDOW_MS);
    const windowEnd = windowStart + WINDOW_MS;
    const count = await this.options.counters.add(`rate:${key}:${windowStart}`, 1, new Date(windowEnd));
    if (count <= this.options.perMinute) return { allowed: true, retryAfterSeconds: 0 };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now) / 1000)) };
  }
}
