import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoClientOptions {
  /** A real region name (local servers need one too), e.g. `us-east-1`. */
  readonly region: string;
  /** A local or alternative endpoint, e.g. `http://127.0.0.1:8000`. Unset means AWS. */
  readonly endpoint?: string;
  /**
   * Static credentials. Unset means the SDK's default chain (environment, profile, role).
   * Pass dummies for local servers so the chain never probes instance metadata.
   */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Attempts per request, including the first; throttling is retried with backoff. Default 5. */
  readonly maxAttempts?: number;
  /** Milliseconds to open a connection. Default 3000. */
  readonly connectionTimeoutMs?: number;
  /** Milliseconds a request may wait for its response. Default 10000. */
  readonly requestTimeoutMs?: number;
}

/**
 * A DynamoDB client with bounded timeouts and retries: a hung connection fails within
 * seconds instead of holding a chat request for minutes (the SDK's default has no timeout).
 */
export function createDynamoClient(options: DynamoClientOptions): DynamoDBClient {
  return new DynamoDBClient({
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials ? { ...options.credentials } : undefined,
    maxAttempts: options.maxAttempts ?? 5,
    retryMode: 'standard',
    // The SDK builds its Node handler from these options; no direct @smithy dependency needed.
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? 3000,
      requestTimeout: options.requestTimeoutMs ?? 10_000,
      // Without this the SDK only logs a warning and keeps waiting.
      throwOnRequestTimeout: true,
    },
  });
}

/**
 * The document client DynamoConversationStore takes. Empty strings and nested maps
 * round-trip; undefined fields are dropped rather than rejected.
 */
export function createDocumentClient(options: DynamoClientOptions): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(createDynamoClient(options), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
