import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { StoreUnavailable } from '../../domain/errors.js';

/** BatchWriteItem takes at most 25 requests. */
const BATCH_SIZE = 25;
/** Rounds of retrying what BatchWriteItem hands back unprocessed (throttling), with backoff. */
const UNPROCESSED_RETRIES = 8;

type Item = Record<string, unknown>;

/**
 * The items of one Query, following DynamoDB's 1 MB pages. With `limit`, stops once that many
 * items passed `keep` (each page asks only for what is still missing). A Query, never a Scan:
 * the one paging loop of the DynamoDB adapters.
 */
export async function queryItems(
  client: DynamoDBDocumentClient,
  input: QueryCommandInput,
  options: { readonly limit?: number; readonly keep?: (item: Item) => boolean } = {},
): Promise<Item[]> {
  const { limit, keep } = options;
  const found: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        ...input,
        ...(limit === undefined ? {} : { Limit: limit - found.length }),
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) if (!keep || keep(item)) found.push(item);
    start = page.LastEvaluatedKey;
  } while (start !== undefined && (limit === undefined || found.length < limit));
  return found;
}

/**
 * Every item of one partition, or of its sort keys starting with `skPrefix`. `consistent`
 * reads what was just written (a purge must see every reference, not an eventual subset).
 */
export function queryPartition(
  client: DynamoDBDocumentClient,
  table: string,
  pk: string,
  options: { readonly skPrefix?: string; readonly consistent?: boolean } = {},
): Promise<Item[]> {
  const { skPrefix, consistent } = options;
  return queryItems(client, {
    TableName: table,
    KeyConditionExpression: skPrefix === undefined ? 'pk = :pk' : 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: skPrefix === undefined ? { ':pk': pk } : { ':pk': pk, ':prefix': skPrefix },
    ...(consistent ? { ConsistentRead: true } : {}),
  });
}

/**
 * Puts and deletes in batches of 25, retrying what DynamoDB hands back unprocessed with
 * exponential backoff; StoreUnavailable when some are still refused after the retries.
 */
export async function batchWrite(
  client: DynamoDBDocumentClient,
  table: string,
  requests: readonly Item[],
): Promise<void> {
  for (let start = 0; start < requests.length; start += BATCH_SIZE) {
    let pending = requests.slice(start, start + BATCH_SIZE);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === UNPROCESSED_RETRIES) throw new StoreUnavailable('DynamoDB left writes unprocessed after retries');
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (result.UnprocessedItems?.[table] ?? []) as Item[];
    }
  }
}
