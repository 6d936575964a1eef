import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoUsageCounters } from '../../src/adapters/dynamodb/dynamo-usage-counters.js';
import { FixedClock } from '../../src/adapters/memory/fixed-clock.js';
import { InMemoryUsageCounters } from '../../src/adapters/memory/in-memory-usage-counters.js';
import { WindowRateLimiter } from '../../src/adapters/system/window-rate-limiter.js';
import { type LocalDynamo, startDynalite } from '../support/dynalite.js';
import { freshTable, localClients } from '../support/dynamo-tables.js';

// Shared limits: two app instances (two clients) count against the same items in the table.
let dynamo: LocalDynamo;
let table: { name: string; drop(): Promise<void> };
let clients: [ReturnType<typeof localClients>, ReturnType<typeof localClients>];

beforeAll(async () => {
  dynamo = await startDynalite();
  clients = [localClients(dynamo.endpoint), localClients(dynamo.endpoint)];
  table = await freshTable(clients[0].raw, 'usage');
});

afterAll(async () => {
  await table.drop();
  await dynamo.stop();
});

describe('DynamoUsageCounters on dynalite', () => {
  it('adds atomically across instances, and never loses a concurrent increment', async () => {
    const clock = new FixedClock('2026-05-01T10:00:00.000Z');
    const [a, b] = clients.map((c) => new DynamoUsageCounters({ client: c.doc, table: table.name, clock }));
    const expires = new Date('2026-05-02T00:00:00.000Z');
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => ((i % 2 ? a : b) as DynamoUsageCounters).add('k1', 2, expires)),
    );
    expect(await a!.get('k1')).toBe(100);
    expect(await b!.get('k1')).toBe(100);
  });

  it('treats an expired counter as zero and starts it again', async () => {
    const clock = new FixedClock('2026-05-01T10:00:00.000Z');
    const counters = new DynamoUsageCounters({ client: clients[0].doc, table: table.name, clock });
    await counters.add('k2', 5, new Date('2026-05-01T10:01:00.000Z'));
    clock.set('2026-05-01T10:02:00.000Z');
    expect(await counters.get('k2')).toBe(0);
    expect(await counters.add('k2', 1, new Date('2026-05-01T10:03:00.000Z'))).toBe(1);
  });

  it("forgets one conversation's counters (budget and rate windows) and nothing else", async () => {
    const clock = new FixedClock('2026-05-01T10:00:00.000Z');
    const counters = new DynamoUsageCounters({ client: clients[0].doc, table: table.name, clock });
    const memory = new InMemoryUsageCounters(clock);
    const expires = new Date('2026-05-02T00:00:00.000Z');
    for (const store of [counters, memory]) {
      await store.add('tokens:session:purged-session-0123456789ab', 40, expires);
      await store.add('rate:session:purged-session-0123456789ab:1777629600000', 2, expires);
      await store.add('tokens:session:kept-session-0123456789abcd', 7, expires);
      await store.add('tokens:day:2026-05-01', 47, expires);
      await store.forgetSession('purged-session-0123456789ab');
      expect(await store.get('tokens:session:purged-session-0123456789ab')).toBe(0);
      expect(await store.get('rate:session:purged-session-0123456789ab:1777629600000')).toBe(0);
      expect(await store.get('tokens:session:kept-session-0123456789abcd')).toBe(7);
      expect(await store.get('tokens:day:2026-05-01')).toBe(47);
    }
  });

  it('shares a per-minute rate limit between two instances', async () => {
    const clock = new FixedClock('2026-05-01T10:00:10.000Z');
    const [one, two] = clients.map(
      (c) =>
        new WindowRateLimiter({
          counters: new DynamoUsageCounters({ client: c.doc, table: table.name, clock }),
          perMinute: 3,
          clock,
        }),
    );
    const decisions = [
      await one!.take('ip:1'),
      await two!.take('ip:1'),
      await one!.take('ip:1'),
      await two!.take('ip:1'),
    ];
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions[3]?.retryAfterSeconds).toBe(50);
    clock.advance(60_000);
    expect((await two!.take('ip:1')).allowed).toBe(true);
  });
});
