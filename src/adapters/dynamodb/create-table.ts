import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type Tag,
  TagResourceCommand,
  UpdateContinuousBackupsCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { conversationTableDefinition, TTL_ATTRIBUTE } from './table-definition.js';

/** What happened to each part; `unsupported` means the server does not offer it (dynalite). */
export type StepOutcome = 'done' | 'already' | 'unsupported';

export interface CreateTableReport {
  readonly tableName: string;
  readonly table: 'created' | 'already';
  readonly ttl: StepOutcome;
  readonly pointInTimeRecovery: StepOutcome;
  readonly tags: StepOutcome;
}

export interface CreateTableOptions {
  readonly tableName: string;
  /** Seconds to wait for ACTIVE. Default 120. */
  readonly maxWaitSeconds?: number;
  /** Added to the definition's cost-tracking tags. */
  readonly extraTags?: readonly Tag[];
}

/**
 * Creates the conversation table from its one definition, waits until it is active, then
 * enables TTL on expires_at and point-in-time recovery and applies the tags. Idempotent:
 * running it against an existing table only fills in what is missing.
 */
export async function createConversationTable(
  client: DynamoDBClient,
  options: CreateTableOptions,
): Promise<CreateTableReport> {
  const definition = conversationTableDefinition(options.tableName);
  const tags = [...(definition.Tags ?? []), ...(options.extraTags ?? [])];
  let table: CreateTableReport['table'] = 'created';
  try {
    await client.send(new CreateTableCommand({ ...definition, Tags: tags }));
  } catch (error) {
    if (!hasName(error, 'ResourceInUseException')) throw error;
    table = 'already';
  }
  await waitUntilTableExists(
    { client, maxWaitTime: options.maxWaitSeconds ?? 120, minDelay: 1, maxDelay: 5 },
    { TableName: options.tableName },
  );
  const ttl = await step(() =>
    client.send(
      new UpdateTimeToLiveCommand({
        TableName: options.tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    ),
  );
  const pointInTimeRecovery = await step(() =>
    client.send(
      new UpdateContinuousBackupsCommand({
        TableName: options.tableName,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    ),
  );
  const tagged = await step(async () => {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: options.tableName }));
    await client.send(new TagResourceCommand({ ResourceArn: Table?.TableArn, Tags: tags }));
  });
  return { tableName: options.tableName, table, ttl, pointInTimeRecovery, tags: tagged };
}

async function step(run: () => Promise<unknown>): Promise<StepOutcome> {
  try {
    await run();
    return 'done';
  } catch (error) {
    // DynamoDB refuses to enable TTL twice with a ValidationException saying so.
    if (hasName(error, 'ValidationException') && /already enabled/i.test(String((error as Error).message))) {
      return 'already';
    }
    if (isUnsupported(error)) return 'unsupported';
    throw error;
  }
}

// dynalite answers operations it does not implement with UnknownOperationException.
function isUnsupported(error: unknown): boolean {
  return hasName(error, 'UnknownOperationException') || hasName(error, 'UnrecognizedClientException');
}

function hasName(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}
