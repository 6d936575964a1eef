import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsConversationStore } from '../../src/adapters/filesystem/fs-conversation-store.js';
import type { SessionId } from '../../src/domain/conversation.js';
import type { ConversationStore } from '../../src/ports/conversation-store.js';
import { appWith } from '../support/http-fixture.js';

// 1,000 concurrent chats over 10 sessions through the real HTTP stack: counts exact, seqs unique.
const CHATS = 1000;
const SESSIONS = 10;

interface StoreUnderTest {
  readonly store: ConversationStore;
  close(): Promise<void>;
}

const stores: Record<string, () => Promise<StoreUnderTest>> = {
  filesystem: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'twin-concurrency-'));
    const store = new FsConversationStore({ dataDir: dir });
    return { store, close: () => rm(dir, { recursive: true, force: true }) };
  },
};

describe.each(Object.keys(stores))('1,000 concurrent chats on the %s store', (name) => {
  let subject: StoreUnderTest;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    subject = await (stores[name] as () => Promise<StoreUnderTest>)();
    server = appWith({ store: subject.store }).app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await subject.close();
  });

  it('keeps every message exactly once, with unique consecutive seqs', { timeout: 300_000 }, async () => {
    const sessionOf = (i: number) => `concurrent-session-${i % SESSIONS}`;
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
