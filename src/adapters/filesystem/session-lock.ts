/**
 * One queue per key: tasks for the same key run one at a time in arrival order, tasks
 * for different keys run freely. Enough for a single process that owns its data dir;
 * it does not coordinate processes.
 */
export class KeyedMutex {
  // Each entry is the promise the next task for that key waits on. Entries are removed
  // when their queue drains, so the map holds only keys with work in flight.
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    // `previous` only ever resolves (tasks' failures are not chained), so a failing
    // task never jams the queue behind it.
    const tail = previous.then(() => done);
    this.tails.set(key, tail);
    try {
      await previous;
      return await task();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
