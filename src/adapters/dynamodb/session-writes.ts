import { randomUUID } from 'node:crypto';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Message, Metadata, SessionId } from '../../domain/conversation/conversation.js';
import { mergeMetadata } from '../../domain/conversation/store-rules.js';
import { Conflict, StoreUnavailable } from '../../domain/errors.js';
import { isConditionFailed } from './errors.js';
import {
  bucketPartition,
  dayBucket,
  isExpired,
  listingSortKey,
  METADATA_PREFIX,
  messageKey,
  type SessionItem,
  sessionKey,
  toMessageItem,
} from './items.js';

/** When and until when a write happens; expiresAt is undefined without retention. */
export interface WriteTime {
  readonly nowEpoch: number;
  readonly expiresAt: number | undefined;
}

/** Seqs reserved for one batch, and the generation of the session they belong to. */
export interface Reservation {
  readonly lastSeq: number;
  readonly generation: string;
}

// Each round either succeeds or learns why not (older timestamp, expired session); a few
// rounds cover races with writers doing the same.
const RESERVE_ATTEMPTS = 4;

const LIVE_OR_NEW =
  '(attribute_not_exists(pk) OR (attribute_not_exists(deleted_at) AND (attribute_not_exists(expires_at) OR expires_at > :now)))';

/**
 * The steps of one append, each a single-item conditional write, so it runs on any
 * DynamoDB-compatible server (no transactions): one update of the session item reserves
 * seqs with an atomic counter and records counts, metadata and last_updated; then each
 * message is written only where no live message of this session generation is.
 */
export class SessionWrites {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Conflict for a deleted session; an expired one is replaced by a fresh generation. */
  async reserve(
    id: SessionId,
    messages: readonly Omit<Message, 'seq'>[],
    lastUpdated: string,
    patch: Metadata | undefined,
    time: WriteTime,
  ): Promise<Reservation> {
    let advance = true;
    for (let attempt = 0; attempt < RESERVE_ATTEMPTS; attempt++) {
      const update = reserveExpression(id, messages, lastUpdated, patch, time, advance);
      try {
        const { Attributes } = await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: sessionKey(id),
            ...update,
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { lastSeq: Number(Attributes?.last_seq), generation: String(Attributes?.gen) };
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
      const current = await this.sessionItem(id);
      if (current === undefined) continue; // purged meanwhile: start afresh
      if (isExpired(current, time.nowEpoch)) await this.replaceExpired(id, time);
      else if (current.deleted_at !== undefined) throw new Conflict('This conversation was deleted; start a new one.');
      else advance = false; // a newer message already moved last_updated on
    }
    throw new StoreUnavailable('Conversation storage is busy; please try again shortly');
  }

  /** Writes one message where no live message of this generation holds its seq. */
  async putMessage(id: SessionId, message: Message, generation: string, time: WriteTime): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...toMessageItem(id, message, time.expiresAt), gen: generation },
          // Leftovers of an expired or purged generation are overwritten; a live message never.
          ConditionExpression: 'attribute_not_exists(pk) OR expires_at <= :now OR gen <> :gen',
          ExpressionAttributeValues: { ':now': time.nowEpoch, ':gen': generation },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      // The SDK retries a put whose first attempt may have landed (a timeout, a dropped
      // connection): finding our own message there is success, anything else is not.
      if (await this.holds(id, message, generation)) return;
      throw new StoreUnavailable('Conversation storage is inconsistent for this session');
    }
  }

  private async holds(id: SessionId, message: Message, generation: string): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: messageKey(id, message.seq), ConsistentRead: true }),
    );
    return Item?.gen === generation && Item?.id === message.id;
  }

  /**
   * Best effort after a failed append: removes the messages it wrote and takes them out
   * of the counts, so the session reads as if the append never happened (its seqs stay used).
   */
  async undo(id: SessionId, messages: readonly Message[], generation: string): Promise<void> {
    const users = messages.filter((m) => m.role === 'user').length;
    await Promise.allSettled([
      ...messages.map((m) =>
        this.client.send(new DeleteCommand({ TableName: this.tableName, Key: messageKey(id, m.seq) })),
      ),
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: sessionKey(id),
          UpdateExpression: 'ADD message_count :count, user_count :users, assistant_count :assistants',
          ConditionExpression: 'gen = :gen',
          ExpressionAttributeValues: {
            ':count': -messages.length,
            ':users': -users,
            ':assistants': -(messages.length - users),
            ':gen': generation,
          },
        }),
      ),
    ]);
  }

  private async sessionItem(id: SessionId): Promise<SessionItem | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: sessionKey(id), ConsistentRead: true }),
    );
    return Item as SessionItem | undefined;
  }

  // An expired session still awaiting DynamoDB's sweep is gone for readers, so its id
  // starts afresh: a new generation, whose messages overwrite the old ones seq by seq.
  private async replaceExpired(id: SessionId, time: WriteTime): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...sessionKey(id), type: 'session', session_id: id, last_seq: 0, gen: randomUUID() },
          ConditionExpression: 'expires_at <= :now',
          ExpressionAttributeValues: { ':now': time.nowEpoch },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }
}

type UpdateParts = Pick<
  ConstructorParameters<typeof UpdateCommand>[0],
  'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
>;

/** The whole append as one session-item update; `advance` also moves last_updated and the listing keys. */
function reserveExpression(
  id: SessionId,
  messages: readonly Omit<Message, 'seq'>[],
  lastUpdated: string,
  patch: Metadata | undefined,
  time: WriteTime,
  advance: boolean,
): UpdateParts {
  const users = messages.filter((m) => m.role === 'user').length;
  const set = [
    '#type = :type',
    'session_id = :id',
    'gen = if_not_exists(gen, :gen)',
    'created_at = if_not_exists(created_at, :first)',
  ];
  const remove: string[] = [];
  const names: Record<string, string> = { '#type': 'type' };
  const values: Record<string, unknown> = {
    ':type': 'session',
    ':id': id,
    ':gen': randomUUID(),
    ':first': (messages[0] as Omit<Message, 'seq'>).timestamp,
    ':count': messages.length,
    ':users': users,
    ':assistants': messages.length - users,
    ':now': time.nowEpoch,
  };
  if (time.expiresAt !== undefined) {
    set.push('expires_at = :expires');
    values[':expires'] = time.expiresAt;
  }
  if (advance) {
    set.push('last_updated = :lu', 'gsi1pk = :gpk', 'gsi1sk = :gsk');
    Object.assign(values, {
      ':lu': lastUpdated,
      ':gpk': bucketPartition(dayBucket(lastUpdated)),
      ':gsk': listingSortKey(lastUpdated, id),
    });
  }
  if (patch !== undefined) {
    // Each metadata key is its own top-level attribute, so concurrent merges never
    // overwrite each other's keys; the same JSON normalisation as every other store.
    const merged = mergeMetadata({}, patch);
    Object.keys(patch).forEach((key, i) => {
      names[`#m${i}`] = `${METADATA_PREFIX}${key}`;
      if (Object.hasOwn(merged, key)) {
        set.push(`#m${i} = :m${i}`);
        values[`:m${i}`] = JSON.stringify(merged[key]);
      } else {
        remove.push(`#m${i}`);
      }
    });
  }
  return {
    UpdateExpression: [
      `SET ${set.join(', ')}`,
      'ADD last_seq :count, message_count :count, user_count :users, assistant_count :assistants',
      remove.length > 0 ? `REMOVE ${remove.join(', ')}` : '',
    ].join(' '),
    ConditionExpression: advance
      ? `${LIVE_OR_NEW} AND (attribute_not_exists(last_updated) OR last_updated <= :lu)`
      : LIVE_OR_NEW,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
