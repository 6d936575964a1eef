import { createDocumentClient, type DynamoClientOptions } from '../adapters/dynamodb/client.js';
import { DynamoConversationStore } from '../adapters/dynamodb/dynamo-conversation-store.js';
import type { Config } from './config.js';

/**
 * Client options from the config. Against a local endpoint without AWS credentials in the
 * environment, dummy ones are used: local servers ignore them, and the SDK's default chain
 * would otherwise end by probing the instance metadata address.
 */
export function dynamoClientOptions(
  config: Config,
  env: Readonly<Record<string, string | undefined>> = process.env,
): DynamoClientOptions {
  const { region, endpoint } = config.dynamodb;
  const local = endpoint !== undefined && !env.AWS_ACCESS_KEY_ID;
  return {
    region,
    endpoint,
    credentials: local ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined,
  };
}

export function dynamoStoreFor(config: Config): DynamoConversationStore {
  return new DynamoConversationStore({
    client: createDocumentClient(dynamoClientOptions(config)),
    tableName: config.dynamodb.tableName,
    ttlDays: config.sessionTtlDays,
  });
}
