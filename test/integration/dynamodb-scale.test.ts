import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DynamoConversationStore } from '../../src/adapters/dynamodb/dynamo-conversation-store.js';
import { FixedClock } from '../../src/adapters/memory/fixed-clock.js';
import type { MessageId, NewMessage, Role, SessionId } from '../../src/domain/conversation/conversation.js';
import { type LocalDynamo, startDynalite } from '../support/dynalite.js';
import { freshTable, localClients } from '../support/dynamo-tables.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

let counter = 0;

function message(content: string, at: Date, role: Role = 'user'): NewMessage {
  counter += 1;
  return { id: `m-${counter}` as MessageId, role, content, timestamp: at.toISOString() };
}

function sessionId(label: string): SessionId {
  counter += 1;
  return `${label}-${counter}-${process.pid}` as SessionId;
}

describe('DynamoConversationStore at scale, on dynalite', () => {
  let server: LocalDynamo;
  let raw: DynamoDBClient;
  let doc: DynamoDBDocumentClient;
  let tableName: string;
  let clock: FixedClock;

  beforeAll(async () => {
    server = await startDynalite();
    ({ raw, doc } = localClients(server.endpoint));
  });
  afterAll(async () => {
    raw.destroy();
    doc.destroy();
    await server.stop();
  });
  beforeEach(async () => {
    tableName = (await freshTable(raw, 'store')).name;
    clock = new FixedClock('2026-03-01T12:00:00.000Z');
  });

  function storeWith(options: { ttlDays?: number; client?: DynamoDBDocumentClient } = {}) {
    return new DynamoConversationStore({ client: options.client ?? doc, tableName, clock, ttlDays: options.ttlDays });
  }

  async function allItems(): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  it('gives 500 concurrent appends from separate clients unique, gap-free seqs', async () => {
    const id = sessionId('crowd');
    const clients = Array.from({ length: 10 }, () => localClients(server.endpoint).doc);
    const stores = clients.map((client) => storeWith({ client }));
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        (stores[i % stores.length] as DynamoConversationStore).append(id, [message(`c${i}`, clock.now())]),
      ),
    );
    for (const client of clients) client.destroy();

    const seqs = results.flat().map((m) => m.seq);
    expect(new Set(seqs).size).toBe(500);
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    const loaded = await storeWith().load(id);
    expect(loaded?.messages.map((m) => m.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(loaded?.session.message_count).toBe(500);
  });

  it('stores and loads a 2,000-turn conversation of 2 KB messages, past 1 MB query pages, in small items', async () => {
    const id = sessionId('long');
    const store = storeWith();
    const text = (n: number) => `${n} `.padEnd(2048, 'é文🌍x'.repeat(8)).slice(0, 2048);
    const turns = 2000;
    const perAppend = 40; // 20 turns per append keeps the test quick; each message is still its own item
    for (let first = 0; first < turns * 2; first += perAppend * 4) {
      await Promise.all(
        [0, 1, 2, 3].map((k) => {
          const start = first + k * perAppend;
          if (start >= turns * 2) return Promise.resolve([]);
          return store.append(
            id,
            Array.from({ length: perAppend }, (_, i) =>
              message(text(start + i), clock.now(), i % 2 === 0 ? 'user' : 'assistant'),
            ),
          );
        }),
      );
    }
    const loaded = await store.load(id);
    expect(loaded?.messages).toHaveLength(turns * 2);
    expect(loaded?.session.message_count).toBe(turns * 2);
    expect(new Set(loaded?.messages.map((m) => m.content)).size).toBe(turns * 2);
    expect(loaded?.messages.every((m) => m.content.length === 2048)).toBe(true);
    expect((await store.load(id, { limit: 3 }))?.messages.map((m) => m.seq)).toEqual([3998, 3999, 4000]);

    const largest = Math.max(...(await allItems()).map((item) => Buffer.byteLength(JSON.stringify(item))));
    expect(largest).toBeLessThan(8 * 1024); // the reference's one item per session dies at 400 KB
  });
});
