import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsConversationStore } from '../../src/adapters/filesystem/fs-conversation-store.js';
import { InMemoryConversationStore } from '../../src/adapters/memory/in-memory-conversation-store.js';
import { conversationStoreContract } from './conversation-store.contract.js';
import { feedbackStoreContract } from './feedback-store.contract.js';

const memory = async () => ({ store: new InMemoryConversationStore(), close: async () => {} });

async function filesystem() {
  const dataDir = await mkdtemp(join(tmpdir(), 'twin-fs-contract-'));
  const store = new FsConversationStore({ dataDir });
  return {
    store,
    // Deferred metadata writes land before the folder goes (ENOTEMPTY otherwise).
    close: async () => {
      await store.close();
      await rm(dataDir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

conversationStoreContract('memory', memory);
conversationStoreContract('filesystem', filesystem);
feedbackStoreContract('memory', memory);
feedbackStoreContract('filesystem', filesystem);
