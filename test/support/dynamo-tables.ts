import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, createDynamoClient } from '../../src/adapters/dynamodb/client.js';
import { createConversationTable } from '../../src/adapters/dynamodb/create-table.js';

/** Dummy credentials and a real region: local servers need both, and nothing probes metadata. */
export const LOCAL_AWS = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 2,
  // Hundreds of concurrent requests queue for sockets on a busy machine; that wait counts.
  connectionTimeoutMs: 30_000,
  requestTimeoutMs: 30_000,
} as const;

export function localClients(endpoint: string): { raw: DynamoDBClient; doc: DynamoDBDocumentClient } {
  return { raw: createDynamoClient({ ...LOCAL_AWS, endpoint }), doc: createDocumentClient({ ...LOCAL_AWS, endpoint }) };
}

let tableCounter = 0;

/** A fresh, empty conversation table with a unique name; drop() deletes it. */
export async function freshTable(
  raw: DynamoDBClient,
  label = 'twin',
): Promise<{ name: string; drop(): Promise<void> }> {
  tableCounter += 1;
  const name = `${label}-${process.pid}-${Date.now().toString(36)}-${tableCounter}`;
  await createConversationTable(raw, { tableName: name, maxWaitSeconds: 30 });
  return { name, drop: async () => void (await raw.send(new DeleteTableCommand({ TableName: name }))) };
}
