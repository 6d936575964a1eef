import { DeleteCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Lead, LeadId, LeadRecorded } from '../../domain/knowledge/leads.js';
import type { LeadStore } from '../../ports/lead-store.js';
import { isConditionFailed, storeError } from './errors.js';
import { queryPartition } from './paging.js';
import { SessionRefs } from './session-refs.js';

export interface DynamoLeadStoreOptions {
  /** A document client with region, endpoint and credentials already set. */
  readonly client: DynamoDBDocumentClient;
  /** The shared single table: partition key `pk` (S), sort key `sk` (S). */
  readonly table: string;
}

/** Every lead sits in one partition (pk "LEAD#all", sk = lead id): the owner's list is a Query. */
export const LEAD_PARTITION = 'LEAD#all';

/** Leads in the shared DynamoDB table; one item per email address, merged with an atomic update. */
export class DynamoLeadStore implements LeadStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly refs: SessionRefs;

  constructor(options: DynamoLeadStoreOptions) {
    this.client = options.client;
    this.table = options.table;
    this.refs = new SessionRefs(options.client, options.table, 'LEAD');
  }

  async record(recorded: LeadRecorded): Promise<{ lead: Lead; created: boolean }> {
    // Details not given this time keep their stored value (the domain's leadAgain rule).
    const optional = (['name', 'notes', 'session_id'] as const).filter((field) => recorded[field] !== null);
    const sets = [
      'email = :email',
      'first_recorded = if_not_exists(first_recorded, :at)',
      'last_recorded = :at',
      ...optional.map((field) => `#${field} = :${field}`),
    ];
    try {
      // The reference first: a crash in between makes a purge take back too much, never too little.
      if (recorded.session_id) await this.refs.add(recorded.session_id, recorded.id);
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: LEAD_PARTITION, sk: recorded.id },
          UpdateExpression: `SET ${sets.join(', ')} ADD times_recorded :one`,
          ExpressionAttributeNames:
            optional.length === 0 ? undefined : Object.fromEntries(optional.map((field) => [`#${field}`, field])),
          ExpressionAttributeValues: {
            ':email': recorded.email,
            ':at': recorded.at,
            ':one': 1,
            ...Object.fromEntries(optional.map((field) => [`:${field}`, recorded[field]])),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const lead = fromItem(result.Attributes);
      return { lead, created: lead.times_recorded === 1 };
    } catch (error) {
      throw storeError(error);
    }
  }

  async forgetSession(sessionId: string): Promise<number> {
    try {
      const refs = await this.refs.of(sessionId);
      for (const { recordId, times } of refs) {
        await this.takeBack(recordId, sessionId, times);
        await this.refs.remove(sessionId, recordId);
      }
      return refs.length;
    } catch (error) {
      throw storeError(error);
    }
  }

  // Withdraws the session's recordings: the lead (contact details and all) goes when none is left.
  private async takeBack(id: string, sessionId: string, times: number): Promise<void> {
    const key = { pk: LEAD_PARTITION, sk: id };
    let left: number;
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key,
          UpdateExpression: 'ADD times_recorded :minus',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':minus': -times },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      left = Number(result.Attributes?.times_recorded ?? 0);
    } catch (error) {
      if (isConditionFailed(error)) return; // already gone
      throw error;
    }
    try {
      await this.client.send(
        left > 0
          ? new UpdateCommand({
              TableName: this.table,
              Key: key,
              UpdateExpression: 'REMOVE session_id',
              ConditionExpression: 'session_id = :session',
              ExpressionAttributeValues: { ':session': sessionId },
            })
          : new DeleteCommand({
              TableName: this.table,
              Key: key,
              ConditionExpression: 'times_recorded <= :zero',
              ExpressionAttributeValues: { ':zero': 0 },
            }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }

  async list(): Promise<readonly Lead[]> {
    try {
      return (await queryPartition(this.client, this.table, LEAD_PARTITION)).map(fromItem);
    } catch (error) {
      throw storeError(error);
    }
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function fromItem(item: Record<string, unknown> | undefined): Lead {
  const value = item ?? {};
  return {
    id: String(value.sk) as LeadId,
    email: String(value.email ?? ''),
    name: text(value.name),
    notes: text(value.notes),
    session_id: text(value.session_id),
    times_recorded: Number(value.times_recorded ?? 0),
    first_recorded: String(value.first_recorded ?? ''),
    last_recorded: String(value.last_recorded ?? ''),
  };
}
