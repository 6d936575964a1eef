import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { InMemoryAnalyticsStore } from '../../src/adapters/memory/in-memory-analytics-store.js';
import { RecordingLogger, silentLogger } from '../../src/adapters/memory/recording-logger.js';
import { BatchedAnalyticsStore } from '../../src/adapters/system/batched-analytics-store.js';
import { type AnalyticsDelta, messageDelta, negateDelta } from '../../src/domain/analytics/analytics-counters.js';
import type { AnalyticsStore } from '../../src/ports/analytics-store.js';

const ORIGIN = Date.UTC(2026, 0, 1);

/** The in-memory store, counting the writes that reach it; `fail` makes the next ones throw. */
class CountingStore extends InMemoryAnalyticsStore {
  writes = 0;
  fail = false;
  override async add(delta: AnalyticsDelta): Promise<void> {
    this.writes += 1;
    if (this.fail) throw new Error('store down');
    await super.add(delta);
  }
}

function delta(i: number, role: 'user' | 'assistant' = 'user', content = 'Where are you based?'): AnalyticsDelta {
  const at = new Date(ORIGIN + i * 600_000).toISOString();
  return messageDelta(
    {
      role,
      content,
      timestamp: at,
      ...(role === 'assistant'
        ? {
            answer: {
              grounded: true,
              source: 'model' as const,
              model: 'm',
              persona_version: 'v1',
              latency_ms: 120 + i,
              input_tokens: 900,
              output_tokens: 12,
            },
          }
        : {}),
    },
    i === 0
      ? { sessionStartedAt: undefined, previousLastAt: undefined }
      : { sessionStartedAt: 'x', previousLastAt: at },
  );
}

/** `inner` behind a gate: every add waits until `release()` is called. */
function gated(inner: CountingStore): { store: AnalyticsStore; release: () => void } {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const store: AnalyticsStore = {
    add: async (d) => {
      await gate;
      await inner.add(d);
    },
    buckets: (r) => inner.buckets(r),
    topics: () => inner.topics(),
    qualityDays: (r) => inner.qualityDays(r),
    replace: (t) => inner.replace(t),
  };
  return { store, release };
}

async function snapshot(store: AnalyticsStore) {
  return { hours: await store.buckets(), topics: await store.topics(), quality: await store.qualityDays() };
}

describe('BatchedAnalyticsStore', () => {
  it('resolves add only once its delta is in the store; deltas that arrive during a write share the next one', async () => {
    const inner = new CountingStore();
    const { store: slow, release } = gated(inner);
    const batched = new BatchedAnalyticsStore({ store: slow, logger: silentLogger });
    const stored: number[] = [];
    const add = (i: number) => batched.add(delta(i, i % 2 === 0 ? 'user' : 'assistant')).then(() => stored.push(i));
    // Not awaited: the first write starts and waits at the gate; the other 19 gather meanwhile.
    const adds = [add(0)];
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 1; i < 20; i++) adds.push(add(i));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stored).toEqual([]);
    expect(inner.writes).toBe(0);
    release();
    await Promise.all(adds);
    expect(stored).toHaveLength(20);
    expect(inner.writes).toBe(2);
    const direct = new InMemoryAnalyticsStore();
    for (let i = 0; i < 20; i++) await direct.add(delta(i, i % 2 === 0 ? 'user' : 'assistant'));
    expect(await snapshot(inner)).toEqual(await snapshot(direct));
  });

  it('lets no reader see a count missing: every read writes the pending batch first', async () => {
    const inner = new CountingStore();
    const batched = new BatchedAnalyticsStore({ store: inner, logger: silentLogger });
    await batched.add(delta(0));
    expect((await batched.buckets())[0]?.counters.messages).toBe(1);
    await batched.add(delta(1, 'assistant'));
    expect(await batched.qualityDays()).toHaveLength(1);
    await batched.add(delta(2, 'user', 'Tell me about your cloud migration work'));
    expect((await batched.topics()).size).toBeGreaterThan(0);
  });

  it('flush waits for a write already in flight and for what was added during it', async () => {
    const inner = new CountingStore();
    const { store: slow, release } = gated(inner);
    const batched = new BatchedAnalyticsStore({ store: slow, logger: silentLogger });
    void batched.add(delta(0)); // its write now waits at the gate
    await new Promise((resolve) => setImmediate(resolve));
    void batched.add(delta(1));
    const flushed = batched.flush(); // must wait for that write, then write delta 1
    release();
    await flushed;
    expect((await inner.buckets())[0]?.counters.user_messages).toBe(2);
  });

  it('writes what is pending before the store compacts (a purge leaves no trace of taken-back counts)', async () => {
    const order: string[] = [];
    const inner = new CountingStore();
    const compacting: AnalyticsStore = {
      add: async (d) => {
        order.push('add');
        await inner.add(d);
      },
      buckets: (r) => inner.buckets(r),
      topics: () => inner.topics(),
      qualityDays: (r) => inner.qualityDays(r),
      replace: (t) => inner.replace(t),
      compact: async () => {
        order.push('compact');
      },
    };
    const batched = new BatchedAnalyticsStore({ store: compacting, logger: silentLogger });
    await batched.add(negateDelta(delta(0)));
    await batched.compact();
    expect(order).toEqual(['add', 'compact']);
  });

  it('logs a failed write and never throws into the chat that added the delta', async () => {
    const inner = new CountingStore();
    inner.fail = true;
    const logger = new RecordingLogger();
    const batched = new BatchedAnalyticsStore({ store: inner, logger });
    await expect(batched.add(delta(0))).resolves.toBeUndefined();
    expect(logger.entries.filter((e) => e.level === 'warn')).toHaveLength(1);
    inner.fail = false;
    await batched.add(delta(1));
    expect((await batched.buckets())[0]?.counters.user_messages).toBe(1);
  });

  test.prop(
    [
      fc.array(
        fc.record({
          at: fc.integer({ min: 0, max: 500 }),
          role: fc.constantFrom<'user' | 'assistant'>('user', 'assistant'),
          content: fc.string({ unit: 'grapheme', maxLength: 40 }),
          negate: fc.boolean(),
          flush: fc.boolean(),
        }),
        { maxLength: 30 },
      ),
    ],
    { numRuns: 50 },
  )('keeps exactly the counters of adding each delta directly, in any grouping', async (writes) => {
    const direct = new InMemoryAnalyticsStore();
    const batched = new BatchedAnalyticsStore({ store: new InMemoryAnalyticsStore(), logger: silentLogger });
    for (const w of writes) {
      const d = delta(w.at, w.role, w.content);
      const applied = w.negate ? negateDelta(d) : d;
      await direct.add(applied);
      await batched.add(applied);
      if (w.flush) await batched.flush();
    }
    expect(await snapshot(batched)).toEqual(await snapshot(direct));
  });
});
