import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DynamoConversationStore } from '../../src/adapters/dynamodb/dynamo-conversation-store.js';
import { FixedClock } from '../../src/adapters/memory/fixed-clock.js';
import type { MessageId, NewMessage, Role, SessionId } from '../../src/domain/conversation/conversation.js';
import { ConversationArchive } from '../../src/domain/conversation/conversation-archive.js';
import { type LocalDynamo, startDynalite } from '../support/dynalite.js';
import { freshTable, localClients } from '../support/dynamo-tables.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

const DAY_MS = 86_400_000;
let counter = 0;

function message(content: string, at: Date, role: Role = 'user'): NewMessage {
  counter += 1;
  return { id: `m-${counter}` as MessageId, role, content, timestamp: at.toISOString() };
}

function sessionId(label: string): SessionId {
  counter += 1;
  return `${label}-${counter}-${process.pid}` as SessionId;
}

describe('DynamoConversationStore on dynalite', () => {
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

  it('writes expires_at on every item, refreshes it on activity, and hides what has expired', async () => {
    const store = storeWith({ ttlDays: 2 });
    const archive = new ConversationArchive(store);
    const kept = sessionId('kept');
    const stale = sessionId('stale');
    await store.append(stale, [message('old', clock.now())]);
    await store.append(kept, [message('first', clock.now())]);
    clock.advance(DAY_MS * 1.5);
    await store.append(kept, [message('still here', clock.now())]);

    const items = await allItems();
    const sessionItems = items.filter((i) => String(i.pk).startsWith('SESSION#'));
    expect(sessionItems.every((i) => typeof i.expires_at === 'number')).toBe(true);
    const keptMeta = items.find((i) => i.pk === `SESSION#${kept}` && i.sk === 'META');
    expect(keptMeta?.expires_at).toBe(Math.floor(clock.now().getTime() / 1000) + 2 * 86_400);

    clock.advance(DAY_MS); // stale is past its two days; kept was refreshed
    expect(await store.load(stale)).toBeNull();
    expect(await archive.getSessionStats(stale)).toBeNull();
    expect(await store.softDelete(stale)).toBe(false);
    const listed = (await store.listSessions({ limit: 100 })).items.map((s) => s.session_id);
    expect(listed).toEqual([kept]);
    // The first message of kept is past its own expiry too: retention is per message.
    expect((await store.load(kept))?.messages.map((m) => m.content)).toEqual(['still here']);

    // An expired id starts afresh, even before DynamoDB's sweep removed its items.
    const [fresh] = await store.append(stale, [message('new life', clock.now())]);
    expect(fresh?.seq).toBe(1);
    expect((await store.load(stale))?.messages.map((m) => m.content)).toEqual(['new life']);
  });

  it('hides a soft-deleted session from load, list and stats, and purge leaves no item behind', async () => {
    const store = storeWith({ ttlDays: 30 });
    const archive = new ConversationArchive(store);
    const gone = sessionId('gone');
    const other = sessionId('other');
    await store.append(gone, [message('q', clock.now()), message('a', clock.now(), 'assistant')], {
      metadata: { k: 1 },
    });
    await store.append(other, [message('keep', clock.now())]);

    expect(await archive.deleteSession(gone)).toBe(true);
    expect(await archive.loadConversation(gone)).toBeNull();
    expect(await archive.getSessionStats(gone)).toBeNull();
    expect((await store.listSessions({ limit: 100 })).items.map((s) => s.session_id)).toEqual([other]);
    expect((await allItems()).some((i) => i.pk === `SESSION#${gone}`)).toBe(true); // soft: still stored

    expect(await archive.deleteSession(gone, { purge: true })).toBe(false);
    const left = await doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `SESSION#${gone}` },
      }),
    );
    expect(left.Items).toEqual([]);
    expect(await store.load(other)).not.toBeNull();
  });

  it('reports session stats from the session item: counts by role, first and last, duration, metadata', async () => {
    const store = storeWith();
    const archive = new ConversationArchive(store);
    const id = sessionId('stats');
    await archive.saveConversation(id, [message('hi', clock.now()), message('hello', clock.now(), 'assistant')], {
      channel: 'web',
    });
    clock.advance(90_500);
    await archive.saveConversation(id, [message('more?', clock.now())]);

    expect(await archive.getSessionStats(id)).toEqual({
      session_id: id,
      message_count: 3,
      messages_by_role: { user: 2, assistant: 1 },
      first_message_at: '2026-03-01T12:00:00.000Z',
      last_message_at: '2026-03-01T12:01:30.500Z',
      duration_seconds: 90,
      metadata: { channel: 'web' },
    });
  });

  it('lists sessions across many day buckets, newest first, each exactly once', async () => {
    const store = storeWith();
    const _archive = new ConversationArchive(store);
    const ids: SessionId[] = [];
    for (let day = 0; day < 30; day++) {
      const batch = Array.from({ length: 3 }, () => sessionId('days'));
      ids.push(...batch);
      await Promise.all(batch.map((id) => store.append(id, [message('x', new Date(Date.UTC(2025, 11, 1 + day * 3)))])));
    }
    const seen: SessionId[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listSessions(cursor === undefined ? { limit: 7 } : { limit: 7, cursor });
      seen.push(...page.items.map((s) => s.session_id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(90);
    expect(new Set(seen)).toEqual(new Set(ids));
    expect(seen.slice(0, 3).sort()).toEqual(ids.slice(-3).sort());
  });

  it('never scans: listing reads the GSI and the bucket registry only', async () => {
    const store = storeWith();
    const _archive = new ConversationArchive(store);
    await store.append(sessionId('noscan'), [message('x', clock.now())]);
    const sent: string[] = [];
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'recordCommands' },
    );
    try {
      await store.listSessions({ limit: 100 });
    } finally {
      doc.middlewareStack.remove('recordCommands');
    }
    expect(sent).not.toContain('ScanCommand');
    expect(sent).toContain('QueryCommand');
  });

  it('rejects metadata DynamoDB cannot hold as invalid_input before writing anything', async () => {
    const store = storeWith();
    const _archive = new ConversationArchive(store);
    const id = sessionId('badmeta');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(store.append(id, [message('x', clock.now())], { metadata: cyclic })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(await store.load(id)).toBeNull();
  });
});
