import {
  BatchGetCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  clampPageLimit,
  type MessageRating,
  type Page,
  type SessionId,
} from '../../domain/conversation/conversation.js';
import { NotFound } from '../../domain/errors.js';
import { type RatedAnswer, type RatedAnswerQuery, toMessageRating } from '../../domain/feedback/feedback.js';
import { decodeRatingCursor, encodeRatingCursor, type RatingSortKey } from '../../domain/feedback/rating-cursor.js';
import { isConditionFailed } from './errors.js';
import { isExpired, isVisible, messageKey, type SessionItem, sessionKey, type TableKey } from './items.js';
import { queryItems } from './paging.js';
import { SESSIONS_INDEX } from './table-definition.js';

// A rating lives in its session's partition (so purge's partition sweep can never miss it)
// and, while its session is visible, in the gsi1 index under FEEDBACK#<rating>, sorted by
// time: listing ratings is a Query on that index, never a Scan.
export const RATING_PREFIX = 'FEEDBACK#';
const SEQ_DIGITS = 10;
/** Index pages one listing call reads before it returns a short page with a cursor. */
const MAX_ROUNDS_PER_PAGE = 10;

type StoredRating = Omit<RatedAnswer, 'session_id'>;

interface RatingItem extends TableKey, StoredRating {
  readonly type: 'rating';
  readonly session_id: string;
  readonly gen: string;
  readonly expires_at?: number;
  readonly gsi1pk?: string;
  readonly gsi1sk?: string;
}

function ratingKey(id: SessionId, seq: number): TableKey {
  return { pk: sessionKey(id).pk, sk: `${RATING_PREFIX}${String(seq).padStart(SEQ_DIGITS, '0')}` };
}

function indexPartition(rating: RatedAnswer['rating']): string {
  return `FEEDBACK#${rating}`;
}

/** '#' sorts below every character of a session id, so this orders exactly as compareNewestRating. */
function indexSortKey(key: RatingSortKey): string {
  return `${key.rated_at}#${key.session_id}#${String(key.seq).padStart(SEQ_DIGITS, '0')}`;
}

function fromItem(item: RatingItem): RatedAnswer {
  return {
    session_id: item.session_id as SessionId,
    seq: Number(item.seq),
    rating: item.rating,
    comment: item.comment ?? null,
    rated_at: item.rated_at,
    message_index: Number(item.message_index),
    question: item.question,
    answer: item.answer,
    answered_at: item.answered_at,
    grounded: item.grounded ?? null,
    persona_version: item.persona_version ?? null,
  };
}

/** The ratings part of DynamoConversationStore. Methods throw SDK errors; the store translates them. */
export class DynamoFeedback {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The ratings of this generation of the session, by seq. */
  async ratingsOf(id: SessionId, generation: string, nowEpoch: number): Promise<MessageRating[]> {
    return (await this.items(id))
      .filter((item) => item.gen === generation && !isExpired(item, nowEpoch))
      .map((item) => toMessageRating(fromItem(item)));
  }

  async rate(id: SessionId, rated: StoredRating, nowEpoch: number): Promise<MessageRating | null> {
    const session = await this.session(id);
    if (!isVisible(session, nowEpoch)) throw new NotFound('No conversation with this session id');
    const generation = String(session.gen);
    const { Item: message } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: messageKey(id, rated.seq), ConsistentRead: true }),
    );
    if (!message || message.gen !== generation || isExpired(message, nowEpoch))
      throw new NotFound('No message with this seq');
    const item: RatingItem = {
      ...ratingKey(id, rated.seq),
      type: 'rating',
      session_id: id,
      gen: generation,
      ...rated,
      gsi1pk: indexPartition(rated.rating),
      gsi1sk: indexSortKey({ ...rated, session_id: id }),
      ...(session.expires_at === undefined ? {} : { expires_at: Number(session.expires_at) }),
    };
    // One PutItem replaces the earlier rating and hands it back atomically, so concurrent
    // ratings of one answer each learn exactly the rating they replaced.
    const { Attributes } = await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: item, ReturnValues: 'ALL_OLD' }),
    );
    // A purge that started meanwhile hid the session first; undo this write so no trace survives it.
    const after = await this.session(id);
    if (!isVisible(after, nowEpoch) || String(after.gen) !== generation) {
      await this.deleteIfOurs(id, rated);
      throw new NotFound('No conversation with this session id');
    }
    const previous = Attributes as RatingItem | undefined;
    return previous && previous.gen === generation && !isExpired(previous, nowEpoch)
      ? toMessageRating(fromItem(previous))
      : null;
  }

  async list(query: RatedAnswerQuery, nowEpoch: number): Promise<Page<RatedAnswer>> {
    const limit = clampPageLimit(query.limit);
    const after = query.cursor === undefined ? undefined : decodeRatingCursor(query.cursor);
    const found: RatedAnswer[] = [];
    let below = after === undefined ? undefined : indexSortKey(after);
    for (let round = 0; round < MAX_ROUNDS_PER_PAGE; round++) {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: SESSIONS_INDEX,
          KeyConditionExpression: below === undefined ? 'gsi1pk = :p' : 'gsi1pk = :p AND gsi1sk < :below',
          ExpressionAttributeValues: {
            ':p': indexPartition(query.rating),
            ...(below === undefined ? {} : { ':below': below }),
          },
          ScanIndexForward: false,
          Limit: limit + 1 - found.length,
        }),
      );
      const items = (result.Items ?? []) as RatingItem[];
      const shown = await this.visibleGenerations(
        items.map((i) => i.session_id as SessionId),
        nowEpoch,
      );
      for (const item of items) {
        if (shown.get(item.session_id) === item.gen && !isExpired(item, nowEpoch)) found.push(fromItem(item));
      }
      const last = items.at(-1);
      if (found.length > limit || result.LastEvaluatedKey === undefined || last === undefined) {
        const page = found.slice(0, limit);
        const end = page.at(-1);
        return { items: page, next_cursor: found.length > limit && end ? encodeRatingCursor(end) : null };
      }
      below = last.gsi1sk;
    }
    // Many hidden ratings in a row: hand back what was found and where to resume.
    const resume = found.at(-1);
    const cursorKey = resume ?? decodeIndexKey(below as string);
    return { items: found, next_cursor: cursorKey ? encodeRatingCursor(cursorKey) : null };
  }

  /** Soft delete: the session's ratings leave the index (they stay in its partition until purge). */
  async hideSession(id: SessionId): Promise<void> {
    for (const item of await this.items(id)) {
      if (item.gsi1pk === undefined) continue;
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: 'REMOVE gsi1pk, gsi1sk',
        }),
      );
    }
  }

  /** Deletes every rating item of the session, whatever its generation. */
  async removeSession(id: SessionId): Promise<void> {
    for (const item of await this.items(id)) {
      await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: item.pk, sk: item.sk } }));
    }
  }

  private async deleteIfOurs(id: SessionId, rated: StoredRating): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: ratingKey(id, rated.seq),
          ConditionExpression: 'rated_at = :at',
          ExpressionAttributeValues: { ':at': rated.rated_at },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }

  private async session(id: SessionId): Promise<SessionItem | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: sessionKey(id), ConsistentRead: true }),
    );
    return Item as SessionItem | undefined;
  }

  /** Session id -> generation, for the sessions of `ids` that are visible now. One BatchGetItem per 100 ids. */
  private async visibleGenerations(ids: readonly SessionId[], nowEpoch: number): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    const shown = new Map<string, string>();
    for (let start = 0; start < unique.length; start += 100) {
      let keys: Record<string, unknown>[] = unique
        .slice(start, start + 100)
        .map((id) => sessionKey(id) as unknown as Record<string, unknown>);
      for (let attempt = 0; keys.length > 0 && attempt < 8; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
        const result = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of (result.Responses?.[this.tableName] ?? []) as SessionItem[]) {
          if (isVisible(item, nowEpoch)) shown.set(item.session_id, String(item.gen));
        }
        keys = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
      }
      if (keys.length > 0) throw new Error('DynamoDB left session reads unprocessed after retries');
    }
    return shown;
  }

  private async items(id: SessionId): Promise<RatingItem[]> {
    const items = await queryItems(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': sessionKey(id).pk, ':prefix': RATING_PREFIX },
      ConsistentRead: true,
    });
    return items as unknown as RatingItem[];
  }
}

function decodeIndexKey(sortKey: string): RatingSortKey | undefined {
  const match = /^(.+)#([A-Za-z0-9_-]{8,128})#(\d{10})$/.exec(sortKey);
  if (!match) return undefined;
  return { rated_at: match[1] as string, session_id: match[2] as SessionId, seq: Number(match[3]) };
}
