/**
 * Coalesces repeated writes of the same key into one, at most `delayMs` later.
 * Used for data that can be rebuilt if a write is lost (the session meta file,
 * which the JSONL overrules), never for data that must be durable when acknowledged.
 */
export class DeferredWrites<K> {
  private readonly pending = new Map<K, NodeJS.Timeout>();

  constructor(
    private readonly delayMs: number,
    private readonly write: (key: K) => Promise<void>,
  ) {}

  schedule(key: K): void {
    if (this.pending.has(key)) return;
    const timer = setTimeout(() => {
      this.pending.delete(key);
      this.write(key).catch(() => {
        // Nothing to do: the next write of this key, or a rescan after a restart, repairs it.
      });
    }, this.delayMs);
    // A pending write must not keep a finished process alive; close() flushes on shutdown.
    timer.unref();
    this.pending.set(key, timer);
  }

  cancel(key: K): void {
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
  }

  /** Runs every pending write now. */
  async flush(): Promise<void> {
    const keys = [...this.pending.keys()];
    for (const key of keys) this.cancel(key);
    await Promise.allSettled(keys.map((key) => this.write(key)));
  }
}
