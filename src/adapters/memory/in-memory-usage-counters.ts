import { sessionOfCounterKey } from '../../domain/conversation/counter-keys.js';
import type { Clock } from '../../ports/clock.js';
import type { UsageCounters } from '../../ports/usage-counters.js';
import { SystemClock } from '../system/system-clock.js';

interface Entry {
  total: number;
  expiresAt: number;
}

/** UsageCounters in this process; expired keys are dropped as they are touched and on a periodic sweep. */
export class InMemoryUsageCounters implements UsageCounters {
  private readonly entries = new Map<string, Entry>();
  private adds = 0;

  constructor(private readonly clock: Clock = new SystemClock()) {}

  async add(key: string, amount: number, expiresAt: Date): Promise<number> {
    const now = this.clock.now().getTime();
    const entry = this.live(key, now) ?? { total: 0, expiresAt: expiresAt.getTime() };
    entry.total += amount;
    entry.expiresAt = Math.max(entry.expiresAt, expiresAt.getTime());
    this.entries.set(key, entry);
    // Sweep now and then so keys of old days and idle sessions do not pile up.
    if (++this.adds % 1000 === 0) for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
    return entry.total;
  }

  // Run-to-completion makes the check and the set one atomic step.
  async seed(key: string, value: number, expiresAt: Date): Promise<void> {
    if (this.live(key, this.clock.now().getTime())) return;
    this.entries.set(key, { total: value, expiresAt: expiresAt.getTime() });
  }

  async get(key: string): Promise<number> {
    return this.live(key, this.clock.now().getTime())?.total ?? 0;
  }

  async forgetSession(sessionId: string): Promise<void> {
    for (const key of this.entries.keys()) if (sessionOfCounterKey(key) === sessionId) this.entries.delete(key);
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
