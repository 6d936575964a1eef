import { createDynamoClient } from '../../adapters/dynamodb/client.js';
import { createConversationTable } from '../../adapters/dynamodb/create-table.js';
import type { Config } from '../config.js';
import { dynamoClientOptions } from '../dynamo-store.js';

/** `twin dynamodb create-table`: creates (or completes) the conversation table; safe to rerun. */
export async function dynamodbCreateTableCommand(config: Config): Promise<void> {
  const client = createDynamoClient(dynamoClientOptions(config));
  try {
    const report = await createConversationTable(client, { tableName: config.dynamodb.tableName });
    const where = config.dynamodb.endpoint ?? `AWS ${config.dynamodb.region}`;
    process.stdout.write(
      [
        `table ${report.tableName} (${where}): ${report.table === 'created' ? 'created' : 'already exists'}, active`,
        `time to live on expires_at: ${report.ttl}`,
        `point-in-time recovery: ${report.pointInTimeRecovery}`,
        `cost tags: ${report.tags}`,
        '',
      ].join('\n'),
    );
  } finally {
    client.destroy();
  }
}
