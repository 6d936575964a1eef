import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ListTagsOfResourceCommand,
} from '@aws-sdk/client-dynamodb';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createConversationTable } from '../../src/adapters/dynamodb/create-table.js';
import { TABLE_TAGS } from '../../src/adapters/dynamodb/table-definition.js';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { type LocalDynamo, startDynalite } from '../support/dynalite.js';
import { localClients } from '../support/dynamo-tables.js';
import { ADMIN_TOKEN, testConfig } from '../support/http-fixture.js';
import { motoAvailable, startMoto } from '../support/moto.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const start = motoAvailable() ? startMoto : startDynalite;

describe(`twin dynamodb create-table, on ${motoAvailable() ? 'moto' : 'dynalite (moto absent)'}`, () => {
  let server: LocalDynamo;
  let raw: DynamoDBClient;

  beforeAll(async () => {
    server = await start();
    raw = localClients(server.endpoint).raw;
  });
  afterAll(async () => {
    raw.destroy();
    await server.stop();
  });

  it('creates the table with its keys and GSI, TTL on expires_at, point-in-time recovery and tags; reruns are no-ops', async () => {
    const tableName = `created-${process.pid}`;
    const first = await createConversationTable(raw, { tableName });
    const again = await createConversationTable(raw, { tableName });
    expect(first.table).toBe('created');
    expect(again.table).toBe('already');

    const { Table } = await raw.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.[0]).toMatchObject({
      IndexName: 'gsi1',
      KeySchema: [
        { AttributeName: 'gsi1pk', KeyType: 'HASH' },
        { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    });
    expect(Table?.BillingModeSummary?.BillingMode ?? 'PAY_PER_REQUEST').toBe('PAY_PER_REQUEST');
    if (!motoAvailable()) return; // dynalite implements none of the control-plane extras

    expect(first).toMatchObject({ ttl: 'done', pointInTimeRecovery: 'done', tags: 'done' });
    const ttl = await raw.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'expires_at', TimeToLiveStatus: 'ENABLED' });
    const backups = await raw.send(new DescribeContinuousBackupsCommand({ TableName: tableName }));
    expect(backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe(
      'ENABLED',
    );
    const tags = await raw.send(new ListTagsOfResourceCommand({ ResourceArn: Table?.TableArn }));
    for (const tag of TABLE_TAGS) expect(tags.Tags).toContainEqual(tag);
  });

  it('runs the whole app with TWIN_STORE=dynamodb against the local server', async () => {
    const env = {
      TWIN_STORE: 'dynamodb',
      DYNAMODB_ENDPOINT: server.endpoint,
      DYNAMODB_TABLE_NAME: `app-${process.pid}`,
      AWS_REGION: 'us-east-1',
      TWIN_SESSION_TTL_DAYS: '30',
    };
    const config = testConfig(env);
    await createConversationTable(raw, { tableName: config.dynamodb.tableName });
    const app = createApp(buildContainer(config));
    const http = supertest(app.callback());

    const first = await http.post('/chat').send({ message: 'Where are you based?' }).expect(200);
    const sessionId = first.body.session_id as string;
    await http.post('/chat').send({ message: 'What do you do?', session_id: sessionId }).expect(200);
    const conversation = await http.get(`/conversation/${sessionId}`).expect(200);
    expect(conversation.body.messages.map((m: { role: string }) => m.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    const sessions = await http.get('/sessions').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);
    expect(JSON.stringify(sessions.body)).toContain(sessionId);
    await http.delete(`/conversation/${sessionId}`).expect(204);
    await http.get(`/conversation/${sessionId}`).expect(404);
  });
});
