import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDocumentClient } from '../../src/adapters/dynamodb/client.js';
import { DynamoConversationStore } from '../../src/adapters/dynamodb/dynamo-conversation-store.js';
import { toPublicError } from '../../src/app/http/errors.js';
import type { MessageId, SessionId } from '../../src/domain/conversation/conversation.js';

vi.setConfig({ testTimeout: 60_000 });

// A server that answers every DynamoDB call with one error, as DynamoDB would on the wire.
async function failingDynamo(
  type: string,
  message: string,
): Promise<{ endpoint: string; calls: () => number; server: Server }> {
  let calls = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      calls += 1;
      res.writeHead(400, { 'Content-Type': 'application/x-amz-json-1.0', 'x-amzn-ErrorType': type });
      res.end(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls: () => calls, server };
}

const SECRET = 'arn:aws:dynamodb:us-east-1:123456789012:table/internal-detail';
const message = { id: 'm1' as MessageId, role: 'user' as const, content: 'hi', timestamp: '2026-01-01T00:00:00.000Z' };

describe('DynamoDB errors become domain errors at the adapter boundary', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  function storeAt(endpoint: string, maxAttempts: number) {
    const client = createDocumentClient({
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts,
    });
    return new DynamoConversationStore({ client, tableName: 'any' });
  }

  it('retries throttling with backoff, then reports store_unavailable without the SDK text', async () => {
    const fake = await failingDynamo('ProvisionedThroughputExceededException', `Rate exceeded for ${SECRET}`);
    server = fake.server;
    const failure = await storeAt(fake.endpoint, 3)
      .append('throttled-1' as SessionId, [message])
      .catch((error: unknown) => error);

    expect(fake.calls()).toBe(3); // two retries, then give up
    expect(failure).toMatchObject({ code: 'store_unavailable' });
    const publicError = toPublicError(failure);
    expect(publicError.status).toBe(503);
    expect(publicError.message).not.toContain(SECRET);
  });

  it('maps a validation error to invalid_input without the SDK text', async () => {
    const fake = await failingDynamo(
      'ValidationException',
      `Item size has exceeded the maximum allowed size ${SECRET}`,
    );
    server = fake.server;
    const failure = await storeAt(fake.endpoint, 3)
      .load('validation-1' as SessionId)
      .catch((error: unknown) => error);
    expect(fake.calls()).toBe(1); // not retried
    expect(failure).toMatchObject({ code: 'invalid_input' });
    expect(toPublicError(failure)).toMatchObject({ status: 400 });
    expect(toPublicError(failure).message).not.toContain(SECRET);
  });

  it('maps a missing table to store_unavailable', async () => {
    const fake = await failingDynamo('ResourceNotFoundException', `Requested resource not found: ${SECRET}`);
    server = fake.server;
    await expect(storeAt(fake.endpoint, 1).listSessions({ limit: 10 })).rejects.toMatchObject({
      code: 'store_unavailable',
    });
  });
});
