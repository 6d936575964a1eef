import { type DynamoDBDocumentClient, type QueryCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type AnalyticsDelta,
  type AnalyticsTally,
  COUNTER_FIELDS,
  emptyCounters,
  HOUR_MS,
  type HourBucket,
} from '../../domain/analytics/analytics-counters.js';
import type { DayRange, QualityBucket } from '../../domain/analytics/quality-counters.js';
import type { AnalyticsStore, HourRange } from '../../ports/analytics-store.js';
import { DynamoQualityCounters, QUALITY_PK } from './dynamo-quality-counters.js';
import { storeError, translated } from './errors.js';
import { batchWrite, queryItems } from './paging.js';

export interface DynamoAnalyticsStoreOptions {
  readonly client: DynamoDBDocumentClient;
  /** The shared single table: partition key `pk` (S), sort key `sk` (S). */
  readonly table: string;
}

// Items live beside the conversations in the single table, under their own pk prefix:
//   ANALYTICS#HOURS#<yyyy-mm>  sk <yyyy-mm-ddThh>   one item per UTC hour, a partition per month
//   ANALYTICS#MONTHS           sk ALL               string set of months that have hour items
//   ANALYTICS#TOPICS           sk <topic>           count
const MONTHS_KEY = { pk: 'ANALYTICS#MONTHS', sk: 'ALL' };
const TOPICS_PK = 'ANALYTICS#TOPICS';

function monthOf(hour: number): string {
  return new Date(hour * HOUR_MS).toISOString().slice(0, 7);
}

function hourKey(hour: number) {
  return { pk: `ANALYTICS#HOURS#${monthOf(hour)}`, sk: new Date(hour * HOUR_MS).toISOString().slice(0, 13) };
}

/**
 * Analytics counters in DynamoDB. Every write is an atomic `ADD`, so any number of
 * Lambdas or servers can count concurrently without losing an increment; a month
 * partition per hour bucket keeps range queries to a few Query calls.
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
    for (const [hour, counters] of delta.hours) {
      const fields = COUNTER_FIELDS.map((f, i) => [i, counters[f] ?? 0] as const).filter(([, v]) => v !== 0);
      if (fields.length === 0) continue;
      months.add(monthOf(hour));
      writes.push(
        this.send(
          new UpdateCommand({
            TableName: this.table,
            Key: hourKey(hour),
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
      writes.push(
        this.send(
          new UpdateCommand({
            TableName: this.table,
            Key: { pk: TOPICS_PK, sk: topic },
            UpdateExpression: 'ADD #c :c',
            ExpressionAttributeNames: { '#c': 'count' },
            ExpressionAttributeValues: { ':c': count },
          }),
        ),
      );
    }
    await Promise.all(writes);
  }

  hours(range: HourRange = {}): Promise<HourBucket[]> {
    return translated(() => this.readHours(range));
  }

  private async readHours(range: HourRange): Promise<HourBucket[]> {
    const buckets: HourBucket[] = [];
    const first = range.from === undefined ? '' : monthOf(range.from);
    const last = range.to === undefined ? '9999' : monthOf(range.to - 1);
    for (const month of (await this.months()).filter((m) => m >= first && m <= last)) {
      const input: QueryCommandInput = {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `ANALYTICS#HOURS#${month}` },
      };
      for (const item of await queryItems(this.client, input)) {
        const hour = Math.floor(Date.parse(`${item.sk as string}:00:00Z`) / HOUR_MS);
        if ((range.from !== undefined && hour < range.from) || (range.to !== undefined && hour >= range.to)) continue;
        const counters = emptyCounters();
        for (const field of COUNTER_FIELDS) counters[field] = Number(item[field] ?? 0);
        if (COUNTER_FIELDS.some((f) => counters[f] !== 0)) buckets.push({ hour, counters });
      }
    }
    return buckets.sort((a, b) => a.hour - b.hour);
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
    for (const [hour, counters] of tally.hours) {
      months.add(monthOf(hour));
      puts.push({ ...hourKey(hour), ...counters });
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
