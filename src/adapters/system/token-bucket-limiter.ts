import type { Clock } from '../../ports/clock.js';
import type { RateDecision, RateLimiter } from '../../ports/rate-limiter.js';
import { SystemClock } from './system-clock.js';

export interface TokenBucketOptions {
  /** Sustained rate. */
  readonly perMinute: number;
  /** Requests allowed at once after a quiet period. Default: perMinute (a minute's worth). */
  readonly burst?: number;
  /** Buckets kept; the least recently used are forgotten (they were full anyway or will refill). Default 10,000. */
  readonly maxKeys?: number;
  readonly clock?: Clock;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Token buckets in this process: each key refills at perMinute/60 tokens a second up to
 * `burst`. For one instance; instances behind a load balancer need a shared limiter.
 */
export class TokenBucketLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly ratePerMs: number;
  private readonly burst: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: TokenBucketOptions) {
    this.ratePerMs = options.perMinute / 60_000;
    this.burst = options.burst ?? options.perMinute;
    this.maxKeys = options.maxKeys ?? 10_000;
    const clock = options.clock ?? new SystemClock();
    this.now = () => clock.now().getTime();
  }

  async take(key: string): Promise<RateDecision> {
    const now = this.now();
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.ratePerMs / 1000)) };
  }

  private refilled(key: string, now: number): Bucket {
    const existing = this.buckets.get(key);
    // Re-inserting keeps the Map in least-recently-used order for eviction.
    if (existing) this.buckets.delete(key);
    const bucket = existing ?? { tokens: this.burst, updatedAt: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.updatedAt) * this.ratePerMs);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    return bucket;
  }
}
