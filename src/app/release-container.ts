import type { Container } from 'inversify';
import { TOKENS } from './tokens.js';

/**
 * What a host must do with a container before its data folder may be removed or its process
 * may end: counter deltas still batched are written (BatchedAnalyticsStore), then the store's
 * deferred writes are flushed and its open files closed. After this resolves the container
 * writes nothing more to disk. Metrics sinks are flushed separately by hosts that emit them.
 */
export async function releaseContainer(container: Container): Promise<void> {
  await container.get(TOKENS.Analytics).flush?.();
  await container.get(TOKENS.Store).close?.();
}
