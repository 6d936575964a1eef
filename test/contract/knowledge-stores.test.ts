import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoKnowledgeGapStore } from '../../src/adapters/dynamodb/dynamo-knowledge-gap-store.js';
import { DynamoLeadStore } from '../../src/adapters/dynamodb/dynamo-lead-store.js';
import { FsKnowledgeGapStore } from '../../src/adapters/filesystem/fs-knowledge-gap-store.js';
import { FsLeadStore } from '../../src/adapters/filesystem/fs-lead-store.js';
import { InMemoryKnowledgeGapStore } from '../../src/adapters/memory/in-memory-knowledge-gap-store.js';
import { InMemoryLeadStore } from '../../src/adapters/memory/in-memory-lead-store.js';
import { startGroundingDynalite } from '../support/grounding-dynalite.js';
import { knowledgeStoresContract } from './knowledge-stores.contract.js';

knowledgeStoresContract('memory', async () => ({
  gaps: new InMemoryKnowledgeGapStore(),
  leads: new InMemoryLeadStore(),
  close: async () => {},
}));

knowledgeStoresContract('filesystem', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'twin-gaps-contract-'));
  return {
    gaps: new FsKnowledgeGapStore({ dataDir }),
    leads: new FsLeadStore({ dataDir }),
    close: () => rm(dataDir, { recursive: true, force: true, maxRetries: 5 }),
  };
});

knowledgeStoresContract('dynamodb on dynalite', async () => {
  const local = await startGroundingDynalite();
  return {
    gaps: new DynamoKnowledgeGapStore(local),
    leads: new DynamoLeadStore(local),
    close: () => local.close(),
  };
});
