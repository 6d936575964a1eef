/**
 * Counters that expire: tokens spent today, tokens spent by a session, requests in a
 * rate-limit window. Implementations: InMemoryUsageCounters (one process) and
 * DynamoUsageCounters (shared by every instance on the table).
 */
export interface UsageCounters {
  /** Adds `amount` to `key` atomically and returns the new total. The key may be forgotten after `expiresAt`. */
  add(key: string, amount: number, expiresAt: Date): Promise<number>;
  /**
   * Sets `key` to `value` only if it holds no live total, atomically. Counters that live only
   * in one process implement it, so totals the process has forgotten (a restart) can be seeded
   * from what the store knows; shared, persistent counters (DynamoDB) need not.
   */
  seed?(key: string, value: number, expiresAt: Date): Promise<void>;
  /** The current total; 0 for an unknown or expired key. */
  get(key: string): Promise<number>;
  /**
   * Deletes every counter of one conversation: the keys with a `session:<sessionId>` segment
   * (its token budget, its rate-limit windows), for a purge. Optional.
   */
  forgetSession?(sessionId: string): Promise<void>;
}
