import { randomUUID } from 'node:crypto';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { Conflict } from '../../domain/errors.js';
import { type AnswerId, answerIdFor, type StoredAnswer } from '../../domain/knowledge/owner-answers.js';
import type { AnswerBook, AnswerChanges } from '../../ports/answer-book.js';
import { isConditionFailed, storeError } from './errors.js';
import { queryItems } from './paging.js';

export interface DynamoAnswerBookOptions {
  /** A document client with region, endpoint and credentials already set. */
  readonly client: DynamoDBDocumentClient;
  /** The shared single table: partition key `pk` (S), sort key `sk` (S). */
  readonly table: string;
}

/**
 * Every answer sits in one partition (pk "ANSWER#all", sk = answer id), so listing is a
 * Query, never a Scan. Owner answers are few and written by hand.
 */
export const ANSWER_PARTITION = 'ANSWER#all';
/** The version item, in the same partition; listing reads only sort keys with the answer ids' prefix. */
export const ANSWER_VERSION_SK = '#VERSION';
const ANSWER_ID_PREFIX = 'ans-';

/**
 * The owner's answers in the DynamoDB table shared with the conversation store, one item
 * per answer, plus a version item that every write changes after the answer itself: each
 * instance reads that one small item at most once per refresh interval and lists the
 * answers only when it changed. The token is a fresh UUID per write (not a counter), so
 * even a server that races concurrent updates of one item cannot hide a change.
 */
export class DynamoAnswerBook implements AnswerBook {
  private readonly client: DynamoDBDocumentClient;
  private readonly table: string;

  constructor(options: DynamoAnswerBookOptions) {
    this.client = options.client;
    this.table = options.table;
  }

  async put(entry: StoredAnswer): Promise<StoredAnswer> {
    const stored = { id: entry.id, question: entry.question, answer: entry.answer };
    await this.send(() => this.client.send(new PutCommand({ TableName: this.table, Item: toItem(stored) })));
    await this.bump();
    return stored;
  }

  async list(): Promise<readonly StoredAnswer[]> {
    // Consistent: a reader that saw a new version must see the answers written before it.
    const items = await this.send(() =>
      queryItems(this.client, {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :answer)',
        ExpressionAttributeValues: { ':pk': ANSWER_PARTITION, ':answer': ANSWER_ID_PREFIX },
        ConsistentRead: true,
      }),
    );
    return items.map(fromItem);
  }

  async get(id: AnswerId): Promise<StoredAnswer | null> {
    const result = await this.send(() =>
      this.client.send(new GetCommand({ TableName: this.table, Key: key(id), ConsistentRead: true })),
    );
    return result.Item ? fromItem(result.Item) : null;
  }

  async update(id: AnswerId, changes: AnswerChanges): Promise<StoredAnswer | null> {
    const current = await this.get(id);
    if (!current) return null;
    const question = changes.question ?? current.question;
    const next: StoredAnswer = { id: answerIdFor(question), question, answer: changes.answer ?? current.answer };
    const moved = next.id !== id;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.table,
          Item: toItem(next),
          // Same id: never bring back an answer deleted meanwhile. New id: never overwrite another answer.
          ConditionExpression: moved ? 'attribute_not_exists(pk)' : 'attribute_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw storeError(error);
      if (moved) throw new Conflict('Another answer already has this question; edit or delete that one');
      return null;
    }
    // No transactions (dynalite has none): a crash here leaves both ids, which the owner sees and can delete.
    if (moved) await this.send(() => this.client.send(new DeleteCommand({ TableName: this.table, Key: key(id) })));
    await this.bump();
    return next;
  }

  async delete(id: AnswerId): Promise<boolean> {
    const result = await this.send(() =>
      this.client.send(new DeleteCommand({ TableName: this.table, Key: key(id), ReturnValues: 'ALL_OLD' })),
    );
    if (!result.Attributes) return false;
    await this.bump();
    return true;
  }

  async version(): Promise<string> {
    const result = await this.send(() =>
      this.client.send(
        new GetCommand({
          TableName: this.table,
          Key: { pk: ANSWER_PARTITION, sk: ANSWER_VERSION_SK },
          ConsistentRead: true,
        }),
      ),
    );
    return typeof result.Item?.token === 'string' ? result.Item.token : 'none';
  }

  private async bump(): Promise<void> {
    await this.send(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: ANSWER_PARTITION, sk: ANSWER_VERSION_SK },
          UpdateExpression: 'SET #token = :token ADD #revision :one',
          ExpressionAttributeNames: { '#token': 'token', '#revision': 'revision' },
          ExpressionAttributeValues: { ':token': randomUUID(), ':one': 1 },
        }),
      ),
    );
  }

  private async send<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw storeError(error);
    }
  }
}

function key(id: AnswerId): { pk: string; sk: string } {
  return { pk: ANSWER_PARTITION, sk: id };
}

function toItem(entry: StoredAnswer): Record<string, unknown> {
  return { ...key(entry.id), type: 'answer', question: entry.question, answer: entry.answer };
}

function fromItem(item: Record<string, unknown>): StoredAnswer {
  return { id: String(item.sk) as AnswerId, question: String(item.question ?? ''), answer: String(item.answer ?? '') };
}
