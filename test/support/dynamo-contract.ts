import { afterAll, beforeAll, vi } from 'vitest';
import { DynamoConversationStore } from '../../src/adapters/dynamodb/dynamo-conversation-store.js';
import { conversationStoreContract } from '../contract/conversation-store.contract.js';
import { feedbackStoreContract } from '../contract/feedback-store.contract.js';
import type { LocalDynamo } from './dynalite.js';
import { freshTable, localClients } from './dynamo-tables.js';

/**
 * Runs the ConversationStore contract against DynamoConversationStore on one server for
 * the whole file, with a fresh table per test. A server behind HTTP on a busy machine
 * needs longer than the default test timeout for the 200-append and 250-session tests.
 */
export function dynamoContract(
  name: string,
  start: () => Promise<LocalDynamo>,
  numRuns: number,
  fidelity: { atomicConcurrentWrites?: boolean } = {},
): void {
  vi.setConfig({ testTimeout: 90_000, hookTimeout: 60_000 });
  let server: LocalDynamo | undefined;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    await server?.stop();
  });
  const make = async () => {
    if (server === undefined) throw new Error('the DynamoDB server did not start');
    const { raw, doc } = localClients(server.endpoint);
    const table = await freshTable(raw);
    return {
      store: new DynamoConversationStore({ client: doc, tableName: table.name }),
      close: async () => {
        await table.drop();
        raw.destroy();
        doc.destroy();
      },
    };
  };
  conversationStoreContract(name, make, { numRuns });
  feedbackStoreContract(name, make, { numRuns, ...fidelity });
}
