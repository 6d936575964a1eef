import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAnalyticsStore } from '../../src/adapters/dynamodb/dynamo-analytics-store.js';
import { FsAnalyticsStore } from '../../src/adapters/filesystem/fs-analytics-store.js';
import { FsConversationStore } from '../../src/adapters/filesystem/fs-conversation-store.js';
import { FixedClock } from '../../src/adapters/memory/fixed-clock.js';
import { InMemoryAnalyticsStore } from '../../src/adapters/memory/in-memory-analytics-store.js';
import { InMemoryConversationStore } from '../../src/adapters/memory/in-memory-conversation-store.js';
import {
  addDelta,
  type BucketCounters,
  bucketsOf,
  conversationDelta,
  emptyCounters,
  emptyTally,
} from '../../src/domain/analytics/analytics-counters.js';
import { AnalyticsService } from '../../src/domain/analytics/analytics-service.js';
import { topicVocabulary } from '../../src/domain/analytics/topics.js';
import type { AnalyticsStore } from '../../src/ports/analytics-store.js';
import type { ConversationStore } from '../../src/ports/conversation-store.js';
import { type AnalyticsDynalite, startAnalyticsDynalite } from '../support/analytics-dynalite.js';
import { testPersona } from '../support/personas.js';
import { fakeAdapters, serviceWith } from '../support/twin-fixture.js';

interface Backend {
  readonly conversations: ConversationStore;
  readonly analytics: AnalyticsStore;
  /** The same counters read through a new adapter instance (a restart), where that means anything. */
  reopen(): AnalyticsStore;
  /** Writes counters the way versions before ADR 0201 did: per UTC hour. Only stores that persist. */
  seedLegacyHours?(
    hours: readonly (readonly [number, Partial<BucketCounters>])[],
    topics: Map<string, number>,
  ): Promise<void>;
}

/** One turn (question and answer, stored at the same instant) at each time, through the real TwinService. */
async function chatAt(backend: Backend, times: readonly string[]): Promise<void> {
  const adapters = { ...fakeAdapters({ store: backend.conversations }), analytics: backend.analytics };
  const service = serviceWith(adapters);
  let sessionId: string | undefined;
  for (const time of times) {
    adapters.clock.set(time);
    sessionId = (await service.chat({ message: 'Where do you work?', session_id: sessionId })).session_id;
  }
}

function analyticsOver(backend: Backend): AnalyticsService {
  return new AnalyticsService({
    conversations: backend.conversations,
    counters: backend.analytics,
    persona: fakeAdapters().persona,
    clock: new FixedClock('2026-11-22T06:00:00.000Z'),
  });
}

const hoursOf = (report: { most_active_hours: readonly { hour: number; messages: number }[] }) =>
  Object.fromEntries(report.most_active_hours.filter((h) => h.messages > 0).map((h) => [h.hour, h.messages]));
const weekdaysOf = (report: { most_active_weekdays: readonly { weekday: string; messages: number }[] }) =>
  Object.fromEntries(report.most_active_weekdays.filter((d) => d.messages > 0).map((d) => [d.weekday, d.messages]));

const VISITOR_LINES = [
  'Hi! What are your specialties?',
  'How do you approach room acoustics in concert halls?',
  'That sounds terrible, honestly.',
  'I love the Aurora Hall retrofit, it is great work!',
  '你在哪里工作？',
  '¿Dónde trabajas?',
  'tell me about noise modelling',
  'ok',
];

// Several sessions over several days and hours, one soft-deleted and one purged, through the
// real TwinService, so the counters are exactly what production writes would leave behind.
async function converse(backend: Backend): Promise<void> {
  const adapters = { ...fakeAdapters({ store: backend.conversations }), analytics: backend.analytics };
  const service = serviceWith(adapters);
  const sessions: string[] = [];
  for (let s = 0; s < 6; s++) {
    let sessionId: string | undefined;
    for (let turn = 0; turn < 1 + (s % 3); turn++) {
      adapters.clock.advance(37 * 60_000 + s * 3_600_000);
      const reply = await service.chat({
        message: VISITOR_LINES[(s + turn) % VISITOR_LINES.length],
        session_id: sessionId,
      });
      sessionId = reply.session_id;
    }
    sessions.push(sessionId as string);
  }
  await service.deleteConversation(sessions[1]);
  await service.deleteConversation(sessions[2], { purge: true });
}

async function recompute(conversations: ConversationStore) {
  const vocabulary = topicVocabulary(testPersona().facts);
  const tally = emptyTally();
  for await (const conversation of conversations.conversations?.() ?? []) {
    addDelta(tally, conversationDelta(conversation, vocabulary));
  }
  return { buckets: bucketsOf(tally), topics: tally.topics };
}

function counterContract(
  name: string,
  make: () => Promise<Backend>,
  options: { cleanup?: () => Promise<void>; persistent?: boolean } = {},
) {
  describe(`${name} analytics counters`, () => {
    afterAll(options.cleanup ?? (async () => {}));

    it('counters kept at write time equal a full recompute over the same conversations', async () => {
      const backend = await make();
      await converse(backend);
      const expected = await recompute(backend.conversations);
      expect(expected.buckets.reduce((n, b) => n + b.counters.sessions, 0)).toBe(4);
      expect(await backend.analytics.buckets()).toEqual(expected.buckets);
      expect(await backend.analytics.topics()).toEqual(expected.topics);
      const reopened = backend.reopen();
      expect(await reopened.buckets()).toEqual(expected.buckets);
      expect(await reopened.topics()).toEqual(expected.topics);
    });

    it('rebuild replaces drifted counters with the recompute', async () => {
      const backend = await make();
      await converse(backend);
      const expected = await recompute(backend.conversations);
      await backend.analytics.add({ quarters: new Map([[1, { messages: 99 }]]), topics: new Map([['drift', 5]]) });
      const service = new AnalyticsService({
        conversations: backend.conversations,
        counters: backend.analytics,
        persona: fakeAdapters().persona,
        clock: fakeAdapters().clock,
      });
      const done = await service.rebuild();
      expect(done.conversations).toBe(4);
      expect(await backend.analytics.buckets()).toEqual(expected.buckets);
      expect(await backend.analytics.topics()).toEqual(expected.topics);
    });

    it('puts hours, weekdays and days in a +05:30 zone exactly (issue 13)', async () => {
      const backend = await make();
      await chatAt(backend, ['2026-11-20T10:10:00.000Z', '2026-11-20T10:50:00.000Z', '2026-11-20T18:45:00.000Z']);
      const analytics = analyticsOver(backend);
      const kolkata = await analytics.overview({ timeZone: 'Asia/Kolkata' });
      expect(hoursOf(kolkata)).toEqual({ 15: 2, 16: 2, 0: 2 });
      expect(weekdaysOf(kolkata)).toEqual({ Friday: 4, Saturday: 2 });
      const days = await analytics.series({ days: 3, granularity: 'day', timeZone: 'Asia/Kolkata' });
      expect(days.points.map((p) => [p.local_start.slice(0, 10), p.messages])).toEqual([
        ['2026-11-20', 4],
        ['2026-11-21', 2],
        ['2026-11-22', 0],
      ]);
      expect(hoursOf(await analytics.overview({ timeZone: 'UTC' }))).toEqual({ 10: 4, 18: 2 });
    });

    it('buckets() honours its range', async () => {
      const backend = await make();
      await converse(backend);
      const all = await backend.analytics.buckets();
      const middle = all[Math.floor(all.length / 2)]?.quarter as number;
      const after = await backend.analytics.buckets({ from: middle });
      const before = await backend.analytics.buckets({ to: middle });
      expect([...before, ...after]).toEqual(all);
      expect(after[0]?.quarter).toBe(middle);
    });

    if (options.persistent) legacyContract(make);
  });
}

/** Counters written per UTC hour by an earlier version are read, and `rebuild` replaces them. */
function legacyContract(make: () => Promise<Backend>) {
  it('reads hour counters of an earlier version, and rebuild rewrites them as quarter-hours', async () => {
    const backend = await make();
    if (!backend.seedLegacyHours) throw new Error('a persistent store must say how its earlier version wrote');
    const hour = Date.parse('2026-11-20T10:00:00.000Z') / 3_600_000;
    await backend.seedLegacyHours([[hour, { sessions: 1, messages: 4, user_messages: 2 }]], new Map([['old', 2]]));
    expect(await backend.analytics.buckets()).toEqual([
      { quarter: hour * 4, counters: { ...emptyCounters(), sessions: 1, messages: 4, user_messages: 2 } },
    ]);
    expect(await backend.analytics.topics()).toEqual(new Map([['old', 2]]));
    // New writes land beside the old counts without disturbing them.
    await chatAt(backend, ['2026-11-20T10:50:00.000Z']);
    const mixed = await backend.reopen().buckets();
    expect(mixed.map((b) => [b.quarter, b.counters.messages])).toEqual([
      [hour * 4, 4],
      [hour * 4 + 3, 2],
    ]);
    expect(hoursOf(await analyticsOver(backend).overview({ timeZone: 'Asia/Kolkata' }))).toEqual({ 15: 4, 16: 2 });
    await analyticsOver(backend).rebuild();
    const expected = await recompute(backend.conversations);
    expect(expected.buckets.map((b) => b.quarter)).toEqual([hour * 4 + 3]);
    expect(await backend.reopen().buckets()).toEqual(expected.buckets);
    expect(await backend.reopen().topics()).toEqual(expected.topics);
  });
}

counterContract('memory', async () => {
  const analytics = new InMemoryAnalyticsStore();
  return { conversations: new InMemoryConversationStore(), analytics, reopen: () => analytics };
});

const dirs: string[] = [];
counterContract(
  'filesystem',
  async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'twin-analytics-'));
    dirs.push(dataDir);
    return {
      conversations: new FsConversationStore({ dataDir }),
      // A tiny compaction threshold exercises snapshot + log replay within one test.
      analytics: new FsAnalyticsStore({ dataDir, compactEvery: 5 }),
      reopen: () => new FsAnalyticsStore({ dataDir }),
      // Before ADR 0201: a snapshot of hour buckets (`hours`) and log lines of hour deltas (`h`).
      async seedLegacyHours(hours, topics) {
        await mkdir(join(dataDir, 'analytics'), { recursive: true });
        const snapshot = { generation: 0, hours: hours.map(([h, c]) => [h, { ...emptyCounters(), ...c }]), topics: [] };
        await writeFile(join(dataDir, 'analytics', 'counters.json'), JSON.stringify(snapshot));
        await writeFile(
          join(dataDir, 'analytics', 'counters.0.log.jsonl'),
          `${JSON.stringify({ h: [], t: [...topics] })}\n`,
        );
      },
    };
  },
  {
    persistent: true,
    cleanup: async () => {
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true, maxRetries: 5 })));
    },
  },
);

let dynalite: AnalyticsDynalite;
describe('dynamodb (dynalite)', () => {
  beforeAll(async () => {
    dynalite = await startAnalyticsDynalite();
  });
  afterAll(async () => {
    await dynalite?.close();
  });
  counterContract(
    'dynamodb on dynalite',
    async () => {
      const table = await dynalite.createTable();
      const make = () => new DynamoAnalyticsStore({ client: dynalite.client, table });
      return {
        conversations: new InMemoryConversationStore(),
        analytics: make(),
        reopen: make,
        // Before ADR 0201: one item per UTC hour, sort key <yyyy-mm-ddThh>, in the same month partitions.
        async seedLegacyHours(hours, topics) {
          for (const [hour, counters] of hours) {
            const at = new Date(hour * 3_600_000).toISOString();
            const key = { pk: `ANALYTICS#HOURS#${at.slice(0, 7)}`, sk: at.slice(0, 13) };
            await dynalite.client.send(new PutCommand({ TableName: table, Item: { ...key, ...counters } }));
            await dynalite.client.send(
              new UpdateCommand({
                TableName: table,
                Key: { pk: 'ANALYTICS#MONTHS', sk: 'ALL' },
                UpdateExpression: 'ADD months :m',
                ExpressionAttributeValues: { ':m': new Set([at.slice(0, 7)]) },
              }),
            );
          }
          for (const [topic, count] of topics) {
            await dynalite.client.send(
              new PutCommand({ TableName: table, Item: { pk: 'ANALYTICS#TOPICS', sk: topic, count } }),
            );
          }
        },
      };
    },
    { persistent: true },
  );
});
