import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Lead, LeadId, LeadRecorded } from '../../domain/knowledge/leads.js';
import type { LeadStore } from '../../ports/lead-store.js';
import { storeError } from './errors.js';
import { queryPartition } from './paging.js';

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

  constructor(options: DynamoLeadStoreOptions) {
    this.client = options.client;
    this.table = options.table;
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
