type Method = (...args: never[]) => unknown;

/**
 * A stand-in for an adapter whose module (and SDK) is imported on its first call, so a process
 * that never uses it, or has not used it yet, neither parses nor runs that code: the AWS SDK alone
 * costs ~80 ms of CPU at every cold start otherwise (docs/benchmarks.md). The container stays
 * synchronous; only the first call waits for the import.
 *
 * `methods` lists what the real adapter implements, each returning a Promise; `iterables` those
 * returning an AsyncIterable. The stand-in has exactly those members, so an optional port method
 * (ConversationStore.stats, ...) is present or absent as on the real adapter; a test compares the
 * lists with the real classes. A failed import is retried by the next call.
 */
export function lazyAdapter<T extends object>(
  load: () => Promise<T>,
  methods: readonly string[],
  iterables: readonly string[] = [],
): T {
  let adapter: Promise<T> | undefined;
  const real = (): Promise<T> => {
    adapter ??= load().catch((error: unknown) => {
      adapter = undefined;
      throw error;
    });
    return adapter;
  };
  const member = (target: T, name: string): Method => (target as unknown as Record<string, Method>)[name] as Method;
  const stand: Record<string, unknown> = {};
  for (const name of methods) {
    stand[name] = async (...args: never[]) => {
      const target = await real();
      return member(target, name).apply(target, args);
    };
  }
  for (const name of iterables) {
    stand[name] = async function* (...args: never[]) {
      const target = await real();
      yield* member(target, name).apply(target, args) as AsyncIterable<unknown>;
    };
  }
  return stand as T;
}
