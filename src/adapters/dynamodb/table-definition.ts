import type { CreateTableCommandInput, Tag } from '@aws-sdk/client-dynamodb';

/** The default table name, as in the reference deployment. */
export const DEFAULT_TABLE_NAME = 'DigitalTwinConversations';

/** Attribute DynamoDB's TTL deletes items by (epoch seconds). */
export const TTL_ATTRIBUTE = 'expires_at';

/** The GSI that lists sessions by time bucket, newest first. */
export const SESSIONS_INDEX = 'gsi1';

/** Cost-tracking tags; terraform applies the same ones (checked by a test). */
export const TABLE_TAGS: readonly Tag[] = [
  { Key: 'Project', Value: 'digital-twin' },
  { Key: 'Component', Value: 'conversation-memory' },
];

/**
 * The one definition of the conversation table. `twin dynamodb create-table` creates it
 * from here, and a test fails when infra/terraform/dynamodb.tf drifts from it.
 * Other item families share the table under their own `pk` prefixes.
 */
export function conversationTableDefinition(tableName: string = DEFAULT_TABLE_NAME): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
      { AttributeName: 'gsi1pk', AttributeType: 'S' },
      { AttributeName: 'gsi1sk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: SESSIONS_INDEX,
        KeySchema: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
    Tags: TABLE_TAGS.map((tag) => ({ ...tag })),
  };
}
