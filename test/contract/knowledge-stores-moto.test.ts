import { afterAll, beforeAll } from 'vitest';
import { DynamoKnowledgeGapStore } from '../../src/adapters/dynamodb/dynamo-knowledge-gap-store.js';
import { DynamoLeadStore } from '../../src/adapters/dynamodb/dynamo-lead-store.js';
import { type MotoServer, startGroundingMoto } from '../support/grounding-moto.js';
import { knowledgeStoresContract } from './knowledge-stores.contract.js';

let moto: MotoServer;
beforeAll(async () => {
  moto = await startGroundingMoto();
}, 40_000);
afterAll(async () => {
  await moto?.stop();
});

knowledgeStoresContract(
  'dynamodb on moto',
  async () => {
    const local = await moto.table();
    return {
      gaps: new DynamoKnowledgeGapStore(local),
      leads: new DynamoLeadStore(local),
      close: async () => {},
    };
  },
  { atomicUpdates: false },
);
