import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clampPageLimit, type Page, type SessionSummary } from '../../domain/conversation/conversation.js';
import { decodeSessionCursor, encodeSessionCursor, type SessionSortKey } from '../../domain/conversation/cursor.js';
import {
  BUCKET_REGISTRY_KEY,
  bucketPartition,
  fromSessionItem,
  isVisible,
  listingSortKey,
  type SessionItem,
  type VisibleSessionItem,
} from './items.js';
import { queryItems } from './paging.js';
import { SESSIONS_INDEX } from './table-definition.js';

/**
 * Day buckets one listing call may visit before it returns a short page with a cursor:
 * buckets emptied by later updates cost a query each, and this caps that cost per call.
 */
export const MAX_BUCKETS_PER_PAGE = 60;

// The smallest session id the id rules allow: a cursor "before day D" uses it so the next
// call resumes below every session of D without a format of its own.
const LOWEST_SESSION_ID = '--------';

// Days this process has already registered; the registry never shrinks, so this stays true.
const MAX_REMEMBERED_DAYS = 4096;

/**
 * Lists sessions newest first through the gsi1 time-bucket index: never a Scan. Cost per
 * page follows the page size and the buckets visited, not the number of sessions stored.
 */
export class SessionListing {
  private readonly registeredDays = new Set<string>();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Records that `day` holds sessions, before any session is indexed under it. */
  async registerDay(day: string): Promise<void> {
    if (this.registeredDays.has(day)) return;
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: BUCKET_REGISTRY_KEY,
        UpdateExpression: 'ADD #days :day',
        ExpressionAttributeNames: { '#days': 'days' },
        ExpressionAttributeValues: { ':day': new Set([day]) },
      }),
    );
    if (this.registeredDays.size >= MAX_REMEMBERED_DAYS) this.registeredDays.clear();
    this.registeredDays.add(day);
  }

  async list(
    page: { readonly limit: number; readonly cursor?: string },
    nowEpoch: number,
  ): Promise<Page<SessionSummary>> {
    const limit = clampPageLimit(page.limit);
    const after = page.cursor === undefined ? undefined : decodeSessionCursor(page.cursor);
    const startDay = after?.last_updated.slice(0, 10);
    const days = (await this.days()).filter((day) => startDay === undefined || day <= startDay);
    const found: SessionSummary[] = [];
    let visited = 0;
    for (const day of days) {
      if (visited === MAX_BUCKETS_PER_PAGE) {
        const resumeBefore: SessionSortKey = {
          last_updated: days[visited - 1] as string,
          session_id: LOWEST_SESSION_ID as never,
        };
        return { items: found, next_cursor: encodeSessionCursor(resumeBefore) };
      }
      visited += 1;
      const below = day === startDay && after ? listingSortKey(after.last_updated, after.session_id) : undefined;
      found.push(...(await this.queryBucket(day, below, limit + 1 - found.length, nowEpoch)));
      if (found.length > limit) break;
    }
    const items = found.slice(0, limit);
    const last = items.at(-1);
    const next_cursor =
      found.length > limit && last
        ? encodeSessionCursor({ last_updated: last.last_updated, session_id: last.session_id })
        : null;
    return { items, next_cursor };
  }

  private async days(): Promise<string[]> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: BUCKET_REGISTRY_KEY, ConsistentRead: true }),
    );
    const days = (Item?.days as Set<string> | undefined) ?? new Set<string>();
    return [...days].sort().reverse();
  }

  /** Up to `wanted` visible sessions of one bucket, newest first, strictly below `below`. */
  private async queryBucket(
    day: string,
    below: string | undefined,
    wanted: number,
    nowEpoch: number,
  ): Promise<SessionSummary[]> {
    const items = await queryItems(
      this.client,
      {
        TableName: this.tableName,
        IndexName: SESSIONS_INDEX,
        KeyConditionExpression: below === undefined ? 'gsi1pk = :bucket' : 'gsi1pk = :bucket AND gsi1sk < :below',
        // Expired sessions linger until DynamoDB's TTL sweep; deleted ones left the index.
        FilterExpression: 'attribute_not_exists(expires_at) OR expires_at > :now',
        ExpressionAttributeValues: {
          ':bucket': bucketPartition(day),
          ':now': nowEpoch,
          ...(below === undefined ? {} : { ':below': below }),
        },
        ScanIndexForward: false,
      },
      { limit: wanted, keep: (item) => isVisible(item as unknown as SessionItem, nowEpoch) },
    );
    const found = (items as unknown as VisibleSessionItem[]).map(fromSessionItem);
    return found;
  }
}
