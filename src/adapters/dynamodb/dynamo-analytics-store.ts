import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type AnalyticsDelta,
  type AnalyticsTally,
  COUNTER_FIELDS,
  type CounterBucket,
  emptyCounters,
  QUARTER_MS,
  quarterOfLegacyHour,
} from '../../domain/analytics/analytics-counters.js';
import type { DayRange, QualityBucket } from '../../domain/analytics/quality-counters.js';
import type { AnalyticsStore, BucketRange } from '../../ports/analytics-store.js';
import { DynamoQualityCounters, QUALITY_PK } from './dynamo-quality-counters.js';
import { isConditionFailed, storeError, translated } from './errors.js';
import { batchWrite, queryItems } from './paging.js';

export interface DynamoAnalyticsStoreOptions {
  readonly client: DynamoDBDocumentClient;
  /** The shared single table: partition key `pk` (S), sort key `sk` (S). */
  readonly table: string;
}

// Items live beside the conversations in the single table, under their own pk prefix:
//   ANALYTICS#HOURS#<yyyy-mm>  sk <yyyy-mm-ddThh:mm>  one item per 15-minute UTC bucket, a partition per month
//                              sk <yyyy-mm-ddThh>     an hour bucket written before ADR 0201 (read, never written)
//   ANALYTICS#MONTHS           sk ALL                 string set of months that have bucket items
//   ANALYTICS#TOPICS           sk <topic>             count
// The partition keeps its old name so counters from before the quarter-hour change are found
// by the same Query; `analytics rebuild` deletes them along with everything else.
const MONTHS_KEY = { pk: 'ANALYTICS#MONTHS', sk: 'ALL' };
const TOPICS_PK = 'ANALYTICS#TOPICS';
const LEGACY_HOUR_SK_LENGTH = 13;

function monthOf(quarter: number): string {
  return new Date(quarter * QUARTER_MS).toISOString().slice(0, 7);
}

function bucketKey(quarter: number) {
  return { pk: `ANALYTICS#HOURS#${monthOf(quarter)}`, sk: new Date(quarter * QUARTER_MS).toISOString().slice(0, 16) };
}

function quarterOfKey(sk: string): number {
  if (sk.length === LEGACY_HOUR_SK_LENGTH) return quarterOfLegacyHour(Date.parse(`${sk}:00:00Z`) / 3_600_000);
  return Date.parse(`${sk}:00Z`) / QUARTER_MS;
}

/**
 * Analytics counters in DynamoDB. Every write is an atomic `ADD`, so any number of
 * Lambdas or servers can count concurrently without losing an increment; a month
 * partition holds a month of buckets, so range queries are a few Query calls.
 */
export class DynamoAnalyticsStore implements AnalyticsStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly quality: DynamoQualityCounters;

  constructor(options: DynamoAnalyticsStoreOptions) {
    this.client = options.client;
    this.table = options.table;
    this.quality = new DynamoQualityCounters(this.client, this.table, (command) => this.send(command));
  }

  async add(delta: AnalyticsDelta): Promise<void> {
    const writes: Promise<unknown>[] = [];
    const months = new Set<string>();
    for (const [quarter, counters] of delta.quarters) {
      const fields = COUNTER_FIELDS.map((f, i) => [i, counters[f] ?? 0] as const).filter(([, v]) => v !== 0);
      if (fields.length === 0) continue;
      months.add(monthOf(quarter));
      writes.push(
        this.send(
          new UpdateCommand({
            TableName: this.table,
            Key: bucketKey(quarter),
            UpdateExpression: `ADD ${fields.map(([i]) => `#f${i} :v${i}`).join(', ')}`,
            ExpressionAttributeNames: Object.fromEntries(fields.map(([i]) => [`#f${i}`, COUNTER_FIELDS[i] as string])),
            ExpressionAttributeValues: Object.fromEntries(fields.map(([i, v]) => [`:v${i}`, v])),
          }),
        ),
      );
    }
    if (months.size > 0) {
      writes.push(
        this.send(
          new UpdateCommand({
            TableName: this.table,
            Key: MONTHS_KEY,
            UpdateExpression: 'ADD months :m',
            ExpressionAttributeValues: { ':m': months },
          }),
        ),
      );
    }
    writes.push(...this.quality.add(delta.quality));
    for (const [topic, count] of delta.topics) {
      if (count === 0) continue;
      writes.push(count > 0 ? this.addTopic(topic, count) : this.takeTopic(topic, count));
    }
    await Promise.all(writes);
  }

  private addTopic(topic: string, count: number): Promise<unknown> {
    return this.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: TOPICS_PK, sk: topic },
        UpdateExpression: 'ADD #c :c',
        ExpressionAttributeNames: { '#c': 'count' },
        ExpressionAttributeValues: { ':c': count },
      }),
    );
  }

  // A topic is a visitor's word: at zero (a purged conversation's) the item goes, not just its count.
  private async takeTopic(topic: string, count: number): Promise<void> {
    const key = { pk: TOPICS_PK, sk: topic };
    const result = await this.send(
      new UpdateCommand({
        TableName: this.table,
        Key: key,
        UpdateExpression: 'ADD #c :c',
        ExpressionAttributeNames: { '#c': 'count' },
        ExpressionAttributeValues: { ':c': count },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    if (Number(result.Attributes?.count ?? 0) > 0) return;
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.table,
          Key: key,
          ConditionExpression: '#c <= :zero',
          ExpressionAttributeNames: { '#c': 'count' },
          ExpressionAttributeValues: { ':zero': 0 },
        }),
      );
    } catch (error) {
      // Counted again meanwhile: it stays.
      if (!isConditionFailed(error)) throw storeError(error);
    }
  }

  buckets(range: BucketRange = {}): Promise<CounterBucket[]> {
    return translated(() => this.readBuckets(range));
  }

  private async readBuckets(range: BucketRange): Promise<CounterBucket[]> {
    // Summed by quarter: a legacy hour item and a new quarter item can land on the same quarter.
    const sums = new Map<number, CounterBucket['counters']>();
    const first = range.from === undefined ? '' : monthOf(range.from);
    const last = range.to === undefined ? '9999' : monthOf(range.to - 1);
    for (const month of (await this.months()).filter((m) => m >= first && m <= last)) {
      const input: QueryCommandInput = {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `ANALYTICS#HOURS#${month}` },
      };
      for (const item of await queryItems(this.client, input)) {
        const quarter = quarterOfKey(item.sk as string);
        if (!Number.isSafeInteger(quarter)) continue;
        if ((range.from !== undefined && quarter < range.from) || (range.to !== undefined && quarter >= range.to)) {
          continue;
        }
        const counters = sums.get(quarter) ?? emptyCounters();
        for (const field of COUNTER_FIELDS) counters[field] += Number(item[field] ?? 0);
        sums.set(quarter, counters);
      }
    }
    return [...sums]
      .filter(([, counters]) => COUNTER_FIELDS.some((f) => counters[f] !== 0))
      .sort(([a], [b]) => a - b)
      .map(([quarter, counters]) => ({ quarter, counters }));
  }

  topics(): Promise<Map<string, number>> {
    return translated(() => this.readTopics());
  }

  private async readTopics(): Promise<Map<string, number>> {
    const items = await queryItems(this.client, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': TOPICS_PK },
    });
    const topics = new Map<string, number>();
    for (const item of items) {
      const count = Number(item.count ?? 0);
      if (count > 0) topics.set(item.sk as string, count);
    }
    return topics;
  }

  qualityDays(range: DayRange = {}): Promise<QualityBucket[]> {
    return translated(() => this.quality.days(range));
  }

  /** Deletes every analytics item, then writes the tally. Not atomic: run it when the twin is quiet. */
  replace(tally: AnalyticsTally): Promise<void> {
    return translated(() => this.replaceAll(tally));
  }

  private async replaceAll(tally: AnalyticsTally): Promise<void> {
    const stale: Record<string, unknown>[] = [MONTHS_KEY];
    for (const month of await this.months()) {
      stale.push(...(await this.keysOf(`ANALYTICS#HOURS#${month}`)));
    }
    stale.push(...(await this.keysOf(TOPICS_PK)));
    stale.push(...(await this.keysOf(QUALITY_PK)));
    await batchWrite(
      this.client,
      this.table,
      stale.map((Key) => ({ DeleteRequest: { Key } })),
    );
    const puts: Record<string, unknown>[] = [];
    const months = new Set<string>();
    for (const [quarter, counters] of tally.quarters) {
      months.add(monthOf(quarter));
      puts.push({ ...bucketKey(quarter), ...counters });
    }
    for (const [topic, count] of tally.topics) puts.push({ pk: TOPICS_PK, sk: topic, count });
    puts.push(...this.quality.items(tally.quality));
    if (months.size > 0) puts.push({ ...MONTHS_KEY, months });
    await batchWrite(
      this.client,
      this.table,
      puts.map((Item) => ({ PutRequest: { Item } })),
    );
  }

  private async months(): Promise<string[]> {
    const items = await queryItems(this.client, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND sk = :sk',
      ExpressionAttributeValues: { ':pk': MONTHS_KEY.pk, ':sk': MONTHS_KEY.sk },
    });
    const months = items[0]?.months;
    return months instanceof Set ? [...(months as Set<string>)].sort() : [];
  }

  private async keysOf(pk: string): Promise<Record<string, unknown>[]> {
    const items = await queryItems(this.client, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ProjectionExpression: 'pk, sk',
    });
    return items.map(({ pk: p, sk }) => ({ pk: p, sk }));
  }

  // biome-ignore lint/suspicious/noExplicitAny: the document client's send is overloaded per command type
  private async send(command: any): Promise<any> {
    try {
      return await this.client.send(command);
    } catch (error) {
      throw storeError(error);
    }
  }
}
