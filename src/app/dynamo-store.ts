import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, type DynamoClientOptions } from '../adapters/dynamodb/client.js';
import { DynamoAnalyticsStore } from '../adapters/dynamodb/dynamo-analytics-store.js';
import { DynamoAnswerBook } from '../adapters/dynamodb/dynamo-answer-book.js';
import { DynamoConversationStore } from '../adapters/dynamodb/dynamo-conversation-store.js';
import { DynamoKnowledgeGapStore } from '../adapters/dynamodb/dynamo-knowledge-gap-store.js';
import { DynamoLeadStore } from '../adapters/dynamodb/dynamo-lead-store.js';
import { DynamoUsageCounters } from '../adapters/dynamodb/dynamo-usage-counters.js';
import type { Clock } from '../ports/clock.js';
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

// One client (one connection pool) for every item family in the single table.
const clients = new WeakMap<Config, DynamoDBDocumentClient>();

function documentClient(config: Config): DynamoDBDocumentClient {
  let client = clients.get(config);
  if (!client) {
    client = createDocumentClient(dynamoClientOptions(config));
    clients.set(config, client);
  }
  return client;
}

export function dynamoStoreFor(config: Config): DynamoConversationStore {
  return new DynamoConversationStore({
    client: documentClient(config),
    tableName: config.dynamodb.tableName,
    ttlDays: config.sessionTtlDays,
  });
}

export function dynamoAnalyticsFor(config: Config): DynamoAnalyticsStore {
  return new DynamoAnalyticsStore({ client: documentClient(config), table: config.dynamodb.tableName });
}

export function dynamoGapsFor(config: Config): DynamoKnowledgeGapStore {
  return new DynamoKnowledgeGapStore({ client: documentClient(config), table: config.dynamodb.tableName });
}

export function dynamoLeadsFor(config: Config): DynamoLeadStore {
  return new DynamoLeadStore({ client: documentClient(config), table: config.dynamodb.tableName });
}

export function dynamoAnswersFor(config: Config): DynamoAnswerBook {
  return new DynamoAnswerBook({ client: documentClient(config), table: config.dynamodb.tableName });
}

export function dynamoUsageCountersFor(config: Config, clock: Clock): DynamoUsageCounters {
  return new DynamoUsageCounters({ client: documentClient(config), table: config.dynamodb.tableName, clock });
}
