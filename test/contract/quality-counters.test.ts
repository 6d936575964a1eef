import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAnalyticsStore } from '../../src/adapters/dynamodb/dynamo-analytics-store.js';
import { FsAnalyticsStore } from '../../src/adapters/filesystem/fs-analytics-store.js';
import { FsConversationStore } from '../../src/adapters/filesystem/fs-conversation-store.js';
import { FixedClock } from '../../src/adapters/memory/fixed-clock.js';
import { InMemoryAnalyticsStore } from '../../src/adapters/memory/in-memory-analytics-store.js';
import { InMemoryConversationStore } from '../../src/adapters/memory/in-memory-conversation-store.js';
import { addDelta, conversationDelta, emptyTally } from '../../src/domain/analytics/analytics-counters.js';
import { AnalyticsService } from '../../src/domain/analytics/analytics-service.js';
import { qualityBucketsOf } from '../../src/domain/analytics/quality-counters.js';
import type { SessionId } from '../../src/domain/conversation/conversation.js';
import { FeedbackService } from '../../src/domain/feedback/feedback-service.js';
import type { AnalyticsStore } from '../../src/ports/analytics-store.js';
import type { ConversationStore } from '../../src/ports/conversation-store.js';
import type { FeedbackStore } from '../../src/ports/feedback-store.js';
import { type AnalyticsDynalite, startAnalyticsDynalite } from '../support/analytics-dynalite.js';
import { answerRecord, storeTurn } from '../support/rated-conversations.js';
import { fakeAdapters, serviceWith } from '../support/twin-fixture.js';

interface Backend {
  readonly conversations: ConversationStore & FeedbackStore;
  readonly analytics: AnalyticsStore;
  reopen(): AnalyticsStore;
}

const session = (n: number) => `quality-session-${String(n).padStart(4, '0')}` as SessionId;

// Answers over three days and two persona versions, streamed and not, priced and not, a
// resting answer, ratings (one replaced), then a soft delete and a purge through the real
// TwinService: what production leaves behind once the chat turn records answers.
async function converse(backend: Backend) {
  const clock = new FixedClock('2026-05-01T09:00:00.000Z');
  const adapters = { ...fakeAdapters({ store: backend.conversations }), analytics: backend.analytics, clock };
  const feedback = new FeedbackService({
    conversations: backend.conversations,
    feedback: backend.conversations,
    analytics: backend.analytics,
    clock,
    logger: adapters.logger,
  });
  for (let s = 1; s <= 5; s++) {
    for (let turn = 0; turn < 2; turn++) {
      const record = answerRecord({
        persona_version: s <= 2 ? 'persona-a' : 'persona-b',
        latency_ms: 200 * s + 37 * turn,
        grounded: (s + turn) % 3 !== 0,
        ...(turn === 0 ? { time_to_first_token_ms: 40 * s } : {}),
        ...(s === 4 ? { cost_usd: undefined } : {}),
        ...(s === 5 && turn === 1 ? { source: 'limit' as const, input_tokens: 0, output_tokens: 0 } : {}),
      });
      await storeTurn(
        backend.conversations,
        backend.analytics,
        clock,
        session(s),
        `Question ${s}.${turn}?`,
        `Answer ${s}.${turn}`,
        record,
      );
    }
    clock.advance(20 * 3_600_000);
  }
  await feedback.rate(session(1), { message_index: 1, rating: 'up' });
  await feedback.rate(session(1), { message_index: 3, rating: 'down', comment: 'Too vague' });
  await feedback.rate(session(3), { message_index: 1, rating: 'up' });
  await feedback.rate(session(3), { message_index: 1, rating: 'down' });
  await feedback.rate(session(4), { message_index: 1, rating: 'down' });
  await feedback.rate(session(5), { message_index: 3, rating: 'up' });
  await feedback.rate(session(2), { message_index: 1, rating: 'up' });
  const twin = serviceWith(adapters);
  await twin.deleteConversation(session(2));
  await twin.deleteConversation(session(4), { purge: true });
}

async function recompute(store: ConversationStore) {
  const tally = emptyTally();
  for await (const conversation of store.conversations?.() ?? []) addDelta(tally, conversationDelta(conversation));
  return qualityBucketsOf(tally.quality);
}

function contract(name: string, make: () => Promise<Backend>) {
  describe(`${name} quality counters`, () => {
    it('kept at write time, through ratings and deletes, equal a full recompute, after a restart too', async () => {
      const backend = await make();
      await converse(backend);
      const expected = await recompute(backend.conversations);
      const totals = expected.reduce(
        (sum, b) => ({
          answers: sum.answers + (b.counters.answers ?? 0),
          up: sum.up + (b.counters.up ?? 0),
          down: sum.down + (b.counters.down ?? 0),
        }),
        { answers: 0, up: 0, down: 0 },
      );
      // Sessions 2 and 4 are gone: 3 sessions, 5 model answers (one resting), ratings 2 up and 2 down.
      expect(totals).toEqual({ answers: 5, up: 2, down: 2 });
      expect(await backend.analytics.qualityDays()).toEqual(expected);
      expect(await backend.reopen().qualityDays()).toEqual(expected);
    });

    it('rebuild restores them exactly after drift', async () => {
      const backend = await make();
      await converse(backend);
      const expected = await recompute(backend.conversations);
      await backend.analytics.add({ quarters: new Map(), topics: new Map(), quality: new Map([[20_000, { up: 9 }]]) });
      const service = new AnalyticsService({
        conversations: backend.conversations,
        counters: backend.analytics,
        persona: fakeAdapters().persona,
        clock: new FixedClock('2026-05-06T00:00:00.000Z'),
      });
      await service.rebuild();
      expect(await backend.analytics.qualityDays()).toEqual(expected);
    });

    it('qualityDays() honours its range', async () => {
      const backend = await make();
      await converse(backend);
      const all = await backend.analytics.qualityDays();
      expect(all.length).toBeGreaterThan(1);
      const middle = (all[1] as { day: number }).day;
      expect([
        ...(await backend.analytics.qualityDays({ to: middle })),
        ...(await backend.analytics.qualityDays({ from: middle })),
      ]).toEqual(all);
    });
  });
}

contract('memory', async () => {
  const analytics = new InMemoryAnalyticsStore();
  return { conversations: new InMemoryConversationStore(), analytics, reopen: () => analytics };
});

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true, maxRetries: 5 })));
});
contract('filesystem', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'twin-quality-'));
  dirs.push(dataDir);
  return {
    conversations: new FsConversationStore({ dataDir }),
    analytics: new FsAnalyticsStore({ dataDir, compactEvery: 7 }),
    reopen: () => new FsAnalyticsStore({ dataDir }),
  };
});

let dynalite: AnalyticsDynalite;
describe('dynamodb (dynalite)', () => {
  beforeAll(async () => {
    dynalite = await startAnalyticsDynalite();
  });
  afterAll(async () => {
    await dynalite?.close();
  });
  contract('dynamodb on dynalite', async () => {
    const table = await dynalite.createTable();
    const make = () => new DynamoAnalyticsStore({ client: dynalite.client, table });
    return { conversations: new InMemoryConversationStore(), analytics: make(), reopen: make };
  });
});
