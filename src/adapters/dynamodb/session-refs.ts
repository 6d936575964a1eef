import { DeleteCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { queryPartition } from './paging.js';

/**
 * Which shared records (knowledge gaps, leads) a conversation contributed to, and how many
 * times: one item per record in the conversation's own partition (pk "REFS#<session id>",
 * sk "<kind>#<record id>", `times` counted with an atomic ADD). A purge reads the partition
 * with one Query and takes each contribution back; no record keeps a list of sessions.
 */
export class SessionRefs {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly kind: 'GAP' | 'LEAD',
  ) {}

  /** Counts one contribution of `sessionId` to `recordId`. */
  async add(sessionId: string, recordId: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.table,
        Key: refKey(sessionId, this.kind, recordId),
        UpdateExpression: 'ADD times :one',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
  }

  /** The records `sessionId` contributed to, with how many times. */
  async of(sessionId: string): Promise<{ recordId: string; times: number }[]> {
    const items = await queryPartition(this.client, this.table, `REFS#${sessionId}`, {
      skPrefix: `${this.kind}#`,
      consistent: true,
    });
    return items.map((item) => ({
      recordId: String(item.sk).slice(this.kind.length + 1),
      times: Number(item.times ?? 0),
    }));
  }

  async remove(sessionId: string, recordId: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.table, Key: refKey(sessionId, this.kind, recordId) }));
  }
}

function refKey(sessionId: string, kind: string, recordId: string) {
  return { pk: `REFS#${sessionId}`, sk: `${kind}#${recordId}` };
}
