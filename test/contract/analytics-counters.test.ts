import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAnalyticsStore } from '../../src/adapters/dynamodb/dynamo-analytics-store.js';
import { FsAnalyticsStore } from '../../src/adapters/filesystem/fs-analytics-store.js';
import { FsConversationStore } from '../../src/adapters/filesystem/fs-conversation-store.js';
import { InMemoryAnalyticsStore } from '../../src/adapters/memory/in-memory-analytics-store.js';
import { InMemoryConversationStore } from '../../src/adapters/memory/in-memory-conversation-store.js';
import { addDelta, bucketsOf, conversationDelta, emptyTally } from '../../src/domain/analytics/analytics-counters.js';
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
}

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
  return { hours: bucketsOf(tally), topics: tally.topics };
}

function counterContract(name: string, make: () => Promise<Backend>, cleanup: () => Promise<void> = async () => {}) {
  describe(`${name} analytics counters`, () => {
    afterAll(cleanup);

    it('counters kept at write time equal a full recompute over the same conversations', async () => {
      const backend = await make();
      await converse(backend);
      const expected = await recompute(backend.conversations);
      expect(expected.hours.reduce((n, b) => n + b.counters.sessions, 0)).toBe(4);
      expect(await backend.analytics.hours()).toEqual(expected.hours);
      expect(await backend.analytics.topics()).toEqual(expected.topics);
      const reopened = backend.reopen();
      expect(await reopened.hours()).toEqual(expected.hours);
      expect(await reopened.topics()).toEqual(expected.topics);
    });

    it('rebuild replaces drifted counters with the recompute', async () => {
      const backend = await make();
      await converse(backend);
      const expected = await recompute(backend.conversations);
      await backend.analytics.add({ hours: new Map([[1, { messages: 99 }]]), topics: new Map([['drift', 5]]) });
      const service = new AnalyticsService({
        conversations: backend.conversations,
        counters: backend.analytics,
        persona: fakeAdapters().persona,
        clock: fakeAdapters().clock,
      });
      const done = await service.rebuild();
      expect(done.conversations).toBe(4);
      expect(await backend.analytics.hours()).toEqual(expected.hours);
      expect(await backend.analytics.topics()).toEqual(expected.topics);
    });

    it('hours() honours its range', async () => {
      const backend = await make();
      await converse(backend);
      const all = await backend.analytics.hours();
      const middle = all[Math.floor(all.length / 2)]?.hour as number;
      const after = await backend.analytics.hours({ from: middle });
      const before = await backend.analytics.hours({ to: middle });
      expect([...before, ...after]).toEqual(all);
      expect(after[0]?.hour).toBe(middle);
    });
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
    };
  },
  async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
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
  counterContract('dynamodb on dynalite', async () => {
    const table = await dynalite.createTable();
    const make = () => new DynamoAnalyticsStore({ client: dynalite.client, table });
    return { conversations: new InMemoryConversationStore(), analytics: make(), reopen: make };
  });
});
