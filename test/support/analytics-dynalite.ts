import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';

export interface AnalyticsDynalite {
  readonly client: DynamoDBDocumentClient;
  /** A new table with the shared pk/sk layout, so each test starts empty. */
  createTable(): Promise<string>;
  close(): Promise<void>;
}

let tables = 0;

/** dynalite in this process on a free port, with a document client that can reach nothing else. */
export async function startAnalyticsDynalite(): Promise<AnalyticsDynalite> {
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const raw = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 2,
  });
  const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  return {
    client,
    async createTable() {
      tables += 1;
      const name = `analytics-${process.pid}-${tables}`;
      await raw.send(
        new CreateTableCommand({
          TableName: name,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
        }),
      );
      return name;
    },
    async close() {
      raw.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
