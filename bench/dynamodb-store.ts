// DynamoConversationStore against dynalite (in-process), figures printed as ratios measured
// in this run. Run: npx tsx bench/dynamodb-store.ts
import { BatchWriteCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoConversationStore } from '../src/adapters/dynamodb/dynamo-conversation-store.js';
import { bucketPartition, listingSortKey, messageKey, sessionKey } from '../src/adapters/dynamodb/items.js';
import type { MessageId, SessionId } from '../src/domain/conversation/conversation.js';
import { startDynalite } from '../test/support/dynalite.js';
import { freshTable, localClients } from '../test/support/dynamo-tables.js';

const SAMPLES = 60;
let counter = 0;

function newMessage(content: string) {
  counter += 1;
  return { id: `b-${counter}` as MessageId, role: 'user' as const, content, timestamp: new Date().toISOString() };
}

async function batchWrite(doc: DynamoDBDocumentClient, table: string, items: Record<string, unknown>[]): Promise<void> {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  for (let i = 0; i < chunks.length; i += 8) {
    await Promise.all(
      chunks
        .slice(i, i + 8)
        .map((chunk) =>
          doc.send(
            new BatchWriteCommand({ RequestItems: { [table]: chunk.map((Item) => ({ PutRequest: { Item } })) } }),
          ),
        ),
    );
  }
}

/** A session that already holds `count` messages, seeded in bulk rather than one append at a time. */
async function seedLongSession(
  store: DynamoConversationStore,
  doc: DynamoDBDocumentClient,
  table: string,
  id: SessionId,
  count: number,
) {
  await store.append(id, [newMessage('first')]);
  const { Item } = await doc.send(new GetCommand({ TableName: table, Key: sessionKey(id) }));
  const gen = Item?.gen as string;
  const items = Array.from({ length: count - 1 }, (_, i) => ({
    ...messageKey(id, i + 2),
    type: 'message',
    id: `seed-${i}`,
    seq: i + 2,
    role: i % 2 ? 'user' : 'assistant',
    content: 'x'.repeat(500),
    timestamp: new Date().toISOString(),
    gen,
  }));
  await batchWrite(doc, table, items);
  await doc.send(
    new UpdateCommand({
      TableName: table,
      Key: sessionKey(id),
      UpdateExpression: 'ADD last_seq :n, message_count :n',
      ExpressionAttributeValues: { ':n': count - 1 },
    }),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function appendLatency(store: DynamoConversationStore, id: SessionId): Promise<number> {
  const start = performance.now();
  await store.append(id, [newMessage('how long does this take?')]);
  return performance.now() - start;
}

/** Seeds `count` sessions over 30 day buckets, as the store indexes them. */
async function seedSessions(doc: DynamoDBDocumentClient, table: string, count: number): Promise<void> {
  const days = new Set<string>();
  const items = Array.from({ length: count }, (_, i) => {
    const lastUpdated = new Date(Date.UTC(2026, 0, 1 + (i % 30), 0, 0, i % 3600)).toISOString();
    const id = `bench-session-${String(i).padStart(6, '0')}`;
    days.add(lastUpdated.slice(0, 10));
    return {
      ...sessionKey(id as SessionId),
      type: 'session',
      session_id: id,
      gen: 'g',
      created_at: lastUpdated,
      last_updated: lastUpdated,
      last_seq: 2,
      message_count: 2,
      user_count: 1,
      assistant_count: 1,
      gsi1pk: bucketPartition(lastUpdated.slice(0, 10)),
      gsi1sk: listingSortKey(lastUpdated, id),
    };
  });
  await batchWrite(doc, table, items);
  await doc.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: 'SESSION_BUCKETS', sk: 'INDEX' },
      UpdateExpression: 'ADD #days :days',
      ExpressionAttributeNames: { '#days': 'days' },
      ExpressionAttributeValues: { ':days': days },
    }),
  );
}

/** Read capacity and requests of one listSessions call, from DynamoDB's own ConsumedCapacity. */
async function listingCost(doc: DynamoDBDocumentClient, store: DynamoConversationStore) {
  let capacity = 0;
  let requests = 0;
  doc.middlewareStack.add(
    (next) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: { CapacityUnits?: number } };
      capacity += output.ConsumedCapacity?.CapacityUnits ?? 0;
      requests += 1;
      return result;
    },
    { step: 'initialize', name: 'measureCapacity' },
  );
  try {
    const page = await store.listSessions({ limit: 100 });
    return { capacity, requests, items: page.items.length };
  } finally {
    doc.middlewareStack.remove('measureCapacity');
  }
}

async function main(): Promise<void> {
  const server = await startDynalite();
  const { raw, doc } = localClients(server.endpoint);
  try {
    const appendTable = (await freshTable(raw, 'bench')).name;
    const store = new DynamoConversationStore({ client: doc, tableName: appendTable });
    const short = 'bench-short-0001' as SessionId;
    const long = 'bench-long-00001' as SessionId;
    for (let i = 0; i < 9; i++) await store.append(short, [newMessage(`warm ${i}`)]);
    await seedLongSession(store, doc, appendTable, long, 4999);
    const atTen: number[] = [];
    const atFiveThousand: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      atTen.push(await appendLatency(store, short));
      atFiveThousand.push(await appendLatency(store, long));
    }
    const ten = median(atTen);
    const fiveThousand = median(atFiveThousand);
    console.log(
      `append, median of ${SAMPLES} (interleaved): at message ~10 ${ten.toFixed(2)} ms, at message ~5,000 ${fiveThousand.toFixed(2)} ms`,
    );
    console.log(`ratio 5,000 / 10: ${(fiveThousand / ten).toFixed(2)}x (aim <= 1.5x)`);

    for (const count of [2_000, 20_000]) {
      const table = (await freshTable(raw, `list${count}`)).name;
      await seedSessions(doc, table, count);
      const cost = await listingCost(doc, new DynamoConversationStore({ client: doc, tableName: table }));
      console.log(
        `list 100 most recent of ${count} sessions: ${cost.capacity} read capacity units, ${cost.requests} requests, ${cost.items} items`,
      );
    }
  } finally {
    raw.destroy();
    doc.destroy();
    await server.stop();
  }
}

await main();
