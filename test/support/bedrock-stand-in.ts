import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { BedrockChatModel, type BedrockChatModelOptions } from '../../src/adapters/bedrock/bedrock-chat-model.js';
import type { FakeBedrockServer, RecordedBedrockRequest } from './fake-bedrock-server.js';

/** Static, obviously fake keys: the client signs with them and never looks for others (no IMDS, no profile). */
export const DUMMY_CREDENTIALS = { accessKeyId: 'AKIDSTANDIN000000000', secretAccessKey: 'stand-in-secret-key' };
export const STAND_IN_REGION = 'us-east-1';

/**
 * A Bedrock client aimed at the stand-in: region us-east-1, static dummy credentials, no
 * retries unless asked. By default it keeps the SDK's own HTTP/2 handler; `http1` gives it
 * the Node HTTP/1.1 handler instead.
 */
export function standInClient(
  server: FakeBedrockServer,
  options: { http1?: boolean; maxAttempts?: number } = {},
): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    region: STAND_IN_REGION,
    endpoint: options.http1 ? server.http1Endpoint : server.endpoint,
    credentials: DUMMY_CREDENTIALS,
    maxAttempts: options.maxAttempts ?? 1,
    ...(options.http1 ? { requestHandler: new NodeHttpHandler() } : {}),
  });
}

/** The adapter with an injected stand-in client; other options as given. */
export function standInModel(
  server: FakeBedrockServer,
  options: Omit<BedrockChatModelOptions, 'client' | 'region' | 'endpoint' | 'maxRetries'> & {
    http1?: boolean;
    maxAttempts?: number;
  } = {},
): BedrockChatModel {
  const { http1, maxAttempts, ...rest } = options;
  return new BedrockChatModel({
    timeoutMs: 5_000,
    ...rest,
    client: standInClient(server, { http1, maxAttempts }),
  });
}

/** The SigV4 Authorization header, taken apart: the stand-in cannot check the signature, only its shape. */
export function signatureOf(request: RecordedBedrockRequest) {
  const header = String(request.headers.authorization ?? '');
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      header,
    );
  if (!match) return undefined;
  const [, accessKeyId, date, region, service, signedHeaders] = match;
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders?.split(';') ?? [] };
}
