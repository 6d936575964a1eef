import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  DAY_MS,
  type DayRange,
  type QualityBucket,
  type QualityCounters,
} from '../../domain/analytics/quality-counters.js';
import { queryItems } from './paging.js';

// One item per UTC day in one partition: ANALYTICS#QUALITY / <yyyy-mm-dd>, one number
// attribute per counter. A year is 366 small items, so any period is one Query.
export const QUALITY_PK = 'ANALYTICS#QUALITY';
// DynamoDB caps an update expression at 4 KB: a rebuild's day can carry a few hundred counters.
const FIELDS_PER_UPDATE = 100;

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function dayFrom(sk: string): number {
  return Math.floor(Date.parse(`${sk}T00:00:00Z`) / DAY_MS);
}

export function qualityKey(day: number): { pk: string; sk: string } {
  return { pk: QUALITY_PK, sk: dateOf(day) };
}

type Send = (command: UpdateCommand) => Promise<unknown>;

/** The quality-counter part of DynamoAnalyticsStore: atomic ADDs, so concurrent writers never lose a count. */
export class DynamoQualityCounters {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    /** Sends an update with errors translated (the store's own send). */
    private readonly send: Send,
  ) {}

  /** The writes that add `quality` (to run alongside the hour counters' writes). */
  add(quality: ReadonlyMap<number, Readonly<QualityCounters>> | undefined): Promise<unknown>[] {
    const writes: Promise<unknown>[] = [];
    for (const [day, counters] of quality ?? []) {
      const fields = Object.entries(counters).filter(([, value]) => value !== 0);
      for (let start = 0; start < fields.length; start += FIELDS_PER_UPDATE) {
        const chunk = fields.slice(start, start + FIELDS_PER_UPDATE);
        writes.push(
          this.send(
            new UpdateCommand({
              TableName: this.table,
              Key: qualityKey(day),
              UpdateExpression: `ADD ${chunk.map((_, i) => `#q${i} :q${i}`).join(', ')}`,
              ExpressionAttributeNames: Object.fromEntries(chunk.map(([field], i) => [`#q${i}`, field])),
              ExpressionAttributeValues: Object.fromEntries(chunk.map(([, value], i) => [`:q${i}`, value])),
            }),
          ),
        );
      }
    }
    return writes;
  }

  async days(range: DayRange = {}): Promise<QualityBucket[]> {
    const from = range.from === undefined ? '0000' : dateOf(range.from);
    const to = range.to === undefined ? '9999' : dateOf(range.to - 1);
    const items = await queryItems(this.client, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': QUALITY_PK, ':from': from, ':to': to },
    });
    const buckets: QualityBucket[] = [];
    for (const item of items) {
      const counters: QualityCounters = {};
      for (const [field, value] of Object.entries(item)) {
        if (field !== 'pk' && field !== 'sk' && Number(value) !== 0) counters[field] = Number(value);
      }
      if (Object.keys(counters).length > 0) buckets.push({ day: dayFrom(item.sk as string), counters });
    }
    return buckets.sort((a, b) => a.day - b.day);
  }

  /** Whole items for a rebuild's tally. */
  items(quality: ReadonlyMap<number, Readonly<QualityCounters>>): Record<string, unknown>[] {
    return [...quality].map(([day, counters]) => ({ ...counters, ...qualityKey(day) }));
  }
}
