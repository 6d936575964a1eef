export interface RateDecision {
  readonly allowed: boolean;
  /** Whole seconds until the next request would be allowed; 0 when allowed. */
  readonly retryAfterSeconds: number;
}

/** Admits or refuses one request for a key (a client IP, a session). */
export interface RateLimiter {
  take(key: string): Promise<RateDecision>;
}
