import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { sessionOfCounterKey } from '../../domain/conversation/counter-keys.js';
import type { UsageCounters } from '../../ports/usage-counters.js';
import { SystemClock } from '../system/system-clock.js';
import { isConditionFailed, storeError } from './errors.js';
import { queryPartition } from './paging.js';

export interface DynamoUsageCountersOptions {
  readonly client: DynamoDBDocumentClient;
  /** The shared single table: partition key `pk` (S), sort key `sk` (S); TTL on `expires_at`. */
  readonly table: string;
  readonly clock?: { now(): Date };
}

/**
 * UsageCounters in the shared table, so every instance sees the same totals: one item per
 * key, incremented with an atomic ADD, deleted by DynamoDB's TTL. A conversation's counters
 * share its partition (pk `USAGE#session:<id>`, sk = the key), so a purge finds them with one
 * Query; others are pk `USAGE#<key>`, sk `COUNTER`. Reads ignore items whose expires_at has
 * passed (TTL deletes them up to ~48 h late).
 */
export class DynamoUsageCounters implements UsageCounters {
  private readonly clock: { now(): Date };

  constructor(private readonly options: DynamoUsageCountersOptions) {
    this.clock = options.clock ?? new SystemClock();
  }

  async add(key: string, amount: number, expiresAt: Date): Promise<number> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const expires = Math.ceil(expiresAt.getTime() / 1000);
    try {
      const result = await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.table,
          Key: counterKey(key),
          UpdateExpression: 'ADD #total :amount SET expires_at = :expires',
          // A counter whose window has passed but which TTL has not deleted yet starts again.
          ConditionExpression: 'attribute_not_exists(expires_at) OR expires_at > :now',
          ExpressionAttributeNames: { '#total': 'total' },
          ExpressionAttributeValues: { ':amount': amount, ':expires': expires, ':now': now },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(result.Attributes?.total ?? amount);
    } catch (error) {
      if (isConditionFailed(error)) {
        return this.restart(key, amount, expires);
      }
      throw storeError(error);
    }
  }

  async get(key: string): Promise<number> {
    try {
      const result = await this.options.client.send(
        new GetCommand({ TableName: this.options.table, Key: counterKey(key) }),
      );
      const item = result.Item;
      if (!item || Number(item.expires_at) <= this.clock.now().getTime() / 1000) return 0;
      return Number(item.total ?? 0);
    } catch (error) {
      throw storeError(error);
    }
  }

  async forgetSession(sessionId: string): Promise<void> {
    try {
      const items = await queryPartition(this.options.client, this.options.table, `USAGE#session:${sessionId}`, {
        consistent: true,
      });
      for (const item of items) {
        await this.options.client.send(
          new DeleteCommand({ TableName: this.options.table, Key: { pk: item.pk, sk: item.sk } }),
        );
      }
    } catch (error) {
      throw storeError(error);
    }
  }

  private async restart(key: string, amount: number, expires: number): Promise<number> {
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.table,
          Key: counterKey(key),
          UpdateExpression: 'SET #total = :amount, expires_at = :expires',
          ExpressionAttributeNames: { '#total': 'total' },
          ExpressionAttributeValues: { ':amount': amount, ':expires': expires },
        }),
      );
      return amount;
    } catch (error) {
      throw storeError(error);
    }
  }
}

function counterKey(key: string): { pk: string; sk: string } {
  const sessionId = sessionOfCounterKey(key);
  return sessionId === undefined
    ? { pk: `USAGE#${key}`, sk: 'COUNTER' }
    : { pk: `USAGE#session:${sessionId}`, sk: key };
}
