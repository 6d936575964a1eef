import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type Conversation,
  type Message,
  type MessageRating,
  type NewMessage,
  type Page,
  parseSessionId,
  type SessionId,
  type SessionSummary,
} from '../../domain/conversation/conversation.js';
import { decodeSessionCursor } from '../../domain/conversation/cursor.js';
import { durationSeconds, type SessionStats } from '../../domain/conversation/session-stats.js';
import {
  assignSeqs,
  checkLoadOptions,
  checkNewMessages,
  latestTimestamp,
  type MessageWindow,
  mergeMetadata,
} from '../../domain/conversation/store-rules.js';
import type { RatedAnswer, RatedAnswerQuery } from '../../domain/feedback/feedback.js';
import { decodeRatingCursor } from '../../domain/feedback/rating-cursor.js';
import type { Clock } from '../../ports/clock.js';
import type { AppendOptions, ConversationStore, LoadOptions, PageRequest } from '../../ports/conversation-store.js';
import type { FeedbackStore } from '../../ports/feedback-store.js';
import { SystemClock } from '../system/system-clock.js';
import { DynamoFeedback } from './dynamo-feedback.js';
import { isConditionFailed, storeError, translated } from './errors.js';
import {
  dayBucket,
  epochSeconds,
  fromMessageItem,
  fromSessionItem,
  isVisible,
  MESSAGE_PREFIX,
  type MessageItem,
  type SessionItem,
  sessionKey,
  type TableKey,
  type VisibleSessionItem,
} from './items.js';
import { batchWrite, queryItems } from './paging.js';
import { SessionListing } from './session-listing.js';
import { SessionQueue } from './session-queue.js';
import { SessionWrites, type WriteTime } from './session-writes.js';
import { DEFAULT_TABLE_NAME } from './table-definition.js';

export interface DynamoConversationStoreOptions {
  /** A document client, e.g. from createDocumentClient({ region, endpoint }). */
  readonly client: DynamoDBDocumentClient;
  /** Default DigitalTwinConversations; create it with `twin dynamodb create-table`. */
  readonly tableName?: string;
  /** Retention: every item gets expires_at = last activity + this many days. Unset keeps forever. */
  readonly ttlDays?: number;
  /** Stamps expiry and deletion times. Default: the system clock. */
  readonly clock?: Clock;
}

/**
 * ConversationStore on DynamoDB, one item per message plus one session item, for hosts
 * that outgrow one machine. Appends are atomic across processes without transactions,
 * so it also runs on dynalite and moto. Passes the same contract suite as every store.
 * Wrap it in ConversationArchive for the reference's method names (saveConversation, ...).
 */
export class DynamoConversationStore implements ConversationStore, FeedbackStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly ttlSeconds: number | undefined;
  private readonly clock: Clock;
  private readonly writes: SessionWrites;
  private readonly listing: SessionListing;
  private readonly feedback: DynamoFeedback;
  private readonly reservations = new SessionQueue();

  constructor(options: DynamoConversationStoreOptions) {
    this.client = options.client;
    this.tableName = options.tableName ?? DEFAULT_TABLE_NAME;
    this.ttlSeconds = options.ttlDays === undefined ? undefined : Math.round(options.ttlDays * 86_400);
    this.clock = options.clock ?? new SystemClock();
    this.writes = new SessionWrites(this.client, this.tableName);
    this.listing = new SessionListing(this.client, this.tableName);
    this.feedback = new DynamoFeedback(this.client, this.tableName);
  }

  async append(
    sessionId: SessionId,
    messages: readonly NewMessage[],
    options: AppendOptions = {},
  ): Promise<readonly Message[]> {
    const id = parseSessionId(sessionId);
    checkNewMessages(messages);
    mergeMetadata({}, options.metadata); // rejects bad metadata before anything is written
    const time = this.writeTime();
    const lastUpdated = latestTimestamp(undefined, messages);
    const reservation = await translated(async () => {
      // Registered before the session enters the index under that day, so listings find it.
      await this.listing.registerDay(dayBucket(lastUpdated));
      // Reservations from this instance go one at a time per session: seqs then follow call
      // order here, and servers whose UpdateItem is not atomic under concurrency (moto, when
      // the item is being created) still hand out unique seqs. Other processes rely on
      // DynamoDB's atomic counter.
      return this.reservations.run(id, () => this.writes.reserve(id, messages, lastUpdated, options.metadata, time));
    });
    const appended = assignSeqs(messages, reservation.lastSeq - messages.length);
    try {
      await Promise.all(appended.map((message) => this.writes.putMessage(id, message, reservation.generation, time)));
    } catch (error) {
      await this.writes.undo(id, appended, reservation.generation);
      throw storeError(error);
    }
    return appended;
  }

  async load(sessionId: SessionId, options: LoadOptions = {}): Promise<Conversation | null> {
    const id = parseSessionId(sessionId);
    const window = checkLoadOptions(options);
    return translated(async () => {
      const nowEpoch = epochSeconds(this.clock.now());
      const session = await this.visibleSession(id, nowEpoch);
      if (session === null) return null;
      const generation = String(session.gen);
      const [messages, ratings] = await Promise.all([
        window.from !== 'all' && window.count === 0 ? [] : this.messagesOf(id, generation, window, nowEpoch),
        this.feedback.ratingsOf(id, generation, nowEpoch),
      ]);
      return { session: fromSessionItem(session), messages, ...(ratings.length > 0 ? { ratings } : {}) };
    });
  }

  async listSessions(page: PageRequest): Promise<Page<SessionSummary>> {
    if (page.cursor !== undefined) decodeSessionCursor(page.cursor); // invalid_input before any I/O
    return translated(() => this.listing.list(page, epochSeconds(this.clock.now())));
  }

  async softDelete(sessionId: SessionId): Promise<boolean> {
    const id = parseSessionId(sessionId);
    return translated(async () => {
      const now = this.clock.now();
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: sessionKey(id),
            // Leaving the sparse index is what hides it from listings.
            UpdateExpression: 'SET deleted_at = :at REMOVE gsi1pk, gsi1sk',
            ConditionExpression:
              'attribute_exists(pk) AND attribute_not_exists(deleted_at) AND message_count > :zero AND (attribute_not_exists(expires_at) OR expires_at > :now)',
            ExpressionAttributeValues: { ':at': now.toISOString(), ':zero': 0, ':now': epochSeconds(now) },
          }),
        );
        // Listings re-check every rating's session, so taking them out of the index is tidying:
        // a failure there must not report a done soft delete as failed.
        await this.feedback.hideSession(id).catch(() => {});
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    });
  }

  async purge(sessionId: SessionId): Promise<boolean> {
    const id = parseSessionId(sessionId);
    return translated(async () => {
      // Hidden first, so a purge cut short leaves nothing readable and blocks appends; the
      // session item goes last, so running purge again finds and finishes the rest.
      await this.softDelete(id);
      await this.feedback.removeSession(id);
      const keys = await this.keysOf(id);
      await this.deleteKeys(keys.filter((key) => key.sk !== sessionKey(id).sk));
      await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: sessionKey(id) }));
      return keys.length > 0;
    });
  }

  async rate(sessionId: SessionId, rated: Omit<RatedAnswer, 'session_id'>): Promise<MessageRating | null> {
    const id = parseSessionId(sessionId);
    return translated(() => this.feedback.rate(id, rated, epochSeconds(this.clock.now())));
  }

  async ratedAnswers(query: RatedAnswerQuery): Promise<Page<RatedAnswer>> {
    if (query.cursor !== undefined) decodeRatingCursor(query.cursor); // invalid_input before any I/O
    return translated(() => this.feedback.list(query, epochSeconds(this.clock.now())));
  }

  /** Removes every rating of the session; purge calls it before sweeping the partition. */
  async removeFeedback(sessionId: SessionId): Promise<void> {
    const id = parseSessionId(sessionId);
    await translated(() => this.feedback.removeSession(id));
  }

  /** Counts by role, first and last timestamps and duration from the session item alone. null when not visible. */
  async stats(sessionId: SessionId): Promise<SessionStats | null> {
    const id = parseSessionId(sessionId);
    return translated(async () => {
      const session = await this.visibleSession(id, epochSeconds(this.clock.now()));
      if (session === null) return null;
      const summary = fromSessionItem(session);
      return {
        session_id: id,
        message_count: summary.message_count,
        messages_by_role: { user: Number(session.user_count ?? 0), assistant: Number(session.assistant_count ?? 0) },
        first_message_at: summary.created_at,
        last_message_at: summary.last_updated,
        duration_seconds: durationSeconds(summary.created_at, summary.last_updated),
        metadata: summary.metadata,
      };
    });
  }

  private writeTime(): WriteTime {
    const nowEpoch = epochSeconds(this.clock.now());
    return { nowEpoch, expiresAt: this.ttlSeconds === undefined ? undefined : nowEpoch + this.ttlSeconds };
  }

  private async visibleSession(id: SessionId, nowEpoch: number): Promise<VisibleSessionItem | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: sessionKey(id), ConsistentRead: true }),
    );
    const item = Item as SessionItem | undefined;
    return isVisible(item, nowEpoch) ? item : null;
  }

  /** Every live message of this generation (or the newest or oldest few), oldest first, across DynamoDB's 1 MB pages. */
  private async messagesOf(
    id: SessionId,
    generation: string,
    window: MessageWindow,
    nowEpoch: number,
  ): Promise<Message[]> {
    const limit = window.from === 'all' ? undefined : window.count;
    const newestFirst = window.from === 'newest';
    const items = await queryItems(
      this.client,
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
        // Leftovers of an older life of this id (purged or expired) are not this conversation.
        FilterExpression: 'gen = :gen AND (attribute_not_exists(expires_at) OR expires_at > :now)',
        ExpressionAttributeValues: {
          ':pk': sessionKey(id).pk,
          ':msg': MESSAGE_PREFIX,
          ':now': nowEpoch,
          ':gen': generation,
        },
        ConsistentRead: true,
        ScanIndexForward: !newestFirst,
      },
      { limit },
    );
    const found = (items as unknown as MessageItem[]).map(fromMessageItem);
    return newestFirst ? found.reverse() : found;
  }

  private async keysOf(id: SessionId): Promise<TableKey[]> {
    const items = await queryItems(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': sessionKey(id).pk },
      ProjectionExpression: 'pk, sk',
      ConsistentRead: true,
    });
    return items as unknown as TableKey[];
  }

  private deleteKeys(keys: readonly TableKey[]): Promise<void> {
    const requests = keys.map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } }));
    return batchWrite(this.client, this.tableName, requests);
  }
}
