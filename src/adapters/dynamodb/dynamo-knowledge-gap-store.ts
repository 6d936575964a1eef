import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { GapAsked, GapId, GapStatus, KnowledgeGap } from '../../domain/knowledge/knowledge-gaps.js';
import type { GapResolution, KnowledgeGapStore } from '../../ports/knowledge-gap-store.js';
import { isConditionFailed, storeError } from './errors.js';
import { queryPartition } from './paging.js';
import { SessionRefs } from './session-refs.js';

export interface DynamoKnowledgeGapStoreOptions {
  /** A document client with region, endpoint and credentials already set. */
  readonly client: DynamoDBDocumentClient;
  /** The shared single table: partition key `pk` (S), sort key `sk` (S). */
  readonly table: string;
}

/**
 * Every gap sits in one partition (pk "GAP#all", sk = gap id), so the owner's list is a
 * Query, never a Scan. Gaps are few and written once per unanswered question, far below
 * a partition's write limit.
 */
export const GAP_PARTITION = 'GAP#all';

/**
 * Knowledge gaps in a DynamoDB table shared with the conversation store. Askings are
 * counted with an atomic ADD, so concurrent visitors asking the same thing are never lost;
 * the conversation that asked is noted in its own partition (SessionRefs) for a purge.
 */
export class DynamoKnowledgeGapStore implements KnowledgeGapStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly refs: SessionRefs;

  constructor(options: DynamoKnowledgeGapStoreOptions) {
    this.client = options.client;
    this.table = options.table;
    this.refs = new SessionRefs(options.client, options.table, 'GAP');
  }

  async recordAsked(ask: GapAsked): Promise<{ gap: KnowledgeGap; created: boolean }> {
    try {
      // The reference first: a crash in between makes a purge take back too much, never too little.
      if (ask.session_id) await this.refs.add(ask.session_id, ask.id);
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: GAP_PARTITION, sk: ask.id },
          UpdateExpression:
            'SET question = if_not_exists(question, :q), #key = if_not_exists(#key, :k), first_asked = if_not_exists(first_asked, :t), last_asked = :t, #status = if_not_exists(#status, :open) ADD times_asked :one',
          ExpressionAttributeNames: { '#key': 'key', '#status': 'status' },
          ExpressionAttributeValues: { ':q': ask.question, ':k': ask.key, ':t': ask.at, ':open': 'open', ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const gap = fromItem(result.Attributes);
      const created = gap.times_asked === 1;
      // The domain rule: an answered gap asked again (and still unanswerable) reopens.
      if (gap.status === 'answered') return { gap: await this.reopen(gap), created };
      return { gap, created };
    } catch (error) {
      throw storeError(error);
    }
  }

  async list(): Promise<readonly KnowledgeGap[]> {
    try {
      return (await queryPartition(this.client, this.table, GAP_PARTITION)).map(fromItem);
    } catch (error) {
      throw storeError(error);
    }
  }

  async get(id: GapId): Promise<KnowledgeGap | null> {
    try {
      const result = await this.client.send(
        new GetCommand({ TableName: this.table, Key: { pk: GAP_PARTITION, sk: id }, ConsistentRead: true }),
      );
      return result.Item ? fromItem(result.Item) : null;
    } catch (error) {
      throw storeError(error);
    }
  }

  async resolve(id: GapId, resolution: GapResolution): Promise<KnowledgeGap | null> {
    const setAnswer = resolution.answer === undefined ? '' : ', answer = :answer';
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: GAP_PARTITION, sk: id },
          UpdateExpression: `SET #status = :status, resolved_at = :at${setAnswer}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': resolution.status,
            ':at': resolution.at,
            ...(resolution.answer === undefined ? {} : { ':answer': resolution.answer }),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return fromItem(result.Attributes);
    } catch (error) {
      if (isConditionFailed(error)) return null;
      throw storeError(error);
    }
  }

  async forgetSession(sessionId: string): Promise<number> {
    try {
      const refs = await this.refs.of(sessionId);
      for (const { recordId, times } of refs) {
        await this.takeBack(recordId, times);
        await this.refs.remove(sessionId, recordId);
      }
      return refs.length;
    } catch (error) {
      throw storeError(error);
    }
  }

  // Withdraws `times` askings; the gap goes when none is left (unless someone asked again meanwhile).
  private async takeBack(id: string, times: number): Promise<void> {
    const key = { pk: GAP_PARTITION, sk: id };
    let left: number;
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key,
          UpdateExpression: 'ADD times_asked :minus',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':minus': -times },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      left = Number(result.Attributes?.times_asked ?? 0);
    } catch (error) {
      if (isConditionFailed(error)) return; // already gone
      throw error;
    }
    if (left > 0) return;
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.table,
          Key: key,
          ConditionExpression: 'times_asked <= :zero',
          ExpressionAttributeValues: { ':zero': 0 },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }

  private async reopen(gap: KnowledgeGap): Promise<KnowledgeGap> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: GAP_PARTITION, sk: gap.id },
          UpdateExpression: 'SET #status = :open',
          ConditionExpression: '#status = :answered',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':open': 'open', ':answered': 'answered' },
        }),
      );
    } catch (error) {
      // Someone else already changed the status (reopened or dismissed it): theirs stands.
      if (!isConditionFailed(error)) throw error;
    }
    return { ...gap, status: 'open' };
  }
}

function fromItem(item: Record<string, unknown> | undefined): KnowledgeGap {
  const value = item ?? {};
  return {
    id: String(value.sk) as GapId,
    question: String(value.question ?? ''),
    key: String(value.key ?? ''),
    times_asked: Number(value.times_asked ?? 0),
    first_asked: String(value.first_asked ?? ''),
    last_asked: String(value.last_asked ?? ''),
    status: (value.status ?? 'open') as GapStatus,
    answer: typeof value.answer === 'string' ? value.answer : null,
    resolved_at: typeof value.resolved_at === 'string' ? value.resolved_at : null,
  };
}
