import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoConversationStore } from '../../src/adapters/dynamodb/dynamo-conversation-store.js';
import { FsConversationStore } from '../../src/adapters/filesystem/fs-conversation-store.js';
import type { SessionId } from '../../src/domain/conversation/conversation.js';
import type { ConversationStore } from '../../src/ports/conversation-store.js';
import { startDynalite } from '../support/dynalite.js';
import { freshTable, localClients } from '../support/dynamo-tables.js';
import { appWith } from '../support/http-fixture.js';

// 1,000 concurrent chats over 10 sessions through the real HTTP stack: counts exact, seqs unique.
const CHATS = 1000;
const SESSIONS = 10;

interface StoreUnderTest {
  readonly store: ConversationStore;
  close(): Promise<void>;
}

const stores: Record<string, () => Promise<StoreUnderTest>> = {
  'DynamoDB (dynalite)': async () => {
    const dynamo = await startDynalite();
    const { raw, doc } = localClients(dynamo.endpoint);
    const table = await freshTable(raw, 'concurrency');
    const store = new DynamoConversationStore({ client: doc, tableName: table.name });
    return {
      store,
      close: async () => {
        await table.drop();
        await dynamo.stop();
      },
    };
  },
  filesystem: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'twin-concurrency-'));
    const store = new FsConversationStore({ dataDir: dir });
    return {
      store,
      // Deferred meta writes are flushed first, so none lands in the folder while it is removed.
      close: async () => {
        await store.close();
        await rm(dir, { recursive: true, force: true, maxRetries: 5 });
      },
    };
  },
};

describe.each(Object.keys(stores))('1,000 concurrent chats on the %s store', (name) => {
  let subject: StoreUnderTest;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    subject = await (stores[name] as () => Promise<StoreUnderTest>)();
    // A backlog above the 1,000 simultaneous connections, so the kernel never resets one.
    server = appWith({ store: subject.store }).app.listen({ port: 0, host: '127.0.0.1', backlog: 2048 });
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await subject.close();
  });

  it('keeps every message exactly once, with unique consecutive seqs', { timeout: 300_000 }, async () => {
    const sessionOf = (i: number) => `c0cc0a7e-5e55-4a1d-9b2f-7e4d1c8a${String(i % SESSIONS).padStart(4, '0')}`;
    const statuses = await Promise.all(
      Array.from({ length: CHATS }, (_, i) =>
        fetch(`${url}/chat`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ message: `chat number ${i}`, session_id: sessionOf(i) }),
        }).then((res) => res.status),
      ),
    );
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    for (let s = 0; s < SESSIONS; s++) {
      const conversation = await subject.store.load(sessionOf(s) as SessionId);
      const messages = conversation?.messages ?? [];
      expect(messages).toHaveLength((CHATS / SESSIONS) * 2);
      expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
      const questions = messages.filter((m) => m.role === 'user').map((m) => m.content);
      expect(new Set(questions).size).toBe(CHATS / SESSIONS);
    }
  });
});
