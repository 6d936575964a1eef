import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';

export type BedrockSdk = typeof import('@aws-sdk/client-bedrock-runtime');

let sdk: Promise<BedrockSdk> | undefined;

/**
 * The Bedrock SDK, imported on first use: a twin that answers with OpenAI or offline never
 * parses it, and a Lambda bundle keeps it in a chunk of its own.
 */
export function loadBedrockSdk(): Promise<BedrockSdk> {
  sdk ??= import('@aws-sdk/client-bedrock-runtime').then(commonJsExports, (error: unknown) => {
    sdk = undefined; // a failed import is retried on the next call
    throw error;
  });
  return sdk;
}

/**
 * The exports of a CommonJS package imported with import(): Node names them on the module
 * and under `default`, an esbuild bundle (the Lambda package) under `default` only.
 */
function commonJsExports<T extends object>(module: T): T {
  const exports: unknown = Reflect.get(module, 'default');
  return typeof exports === 'object' && exports !== null ? (exports as T) : module;
}

export interface BedrockClientSettings {
  /** Unset: the SDK's region chain (AWS_REGION, the profile's region). */
  readonly region?: string;
  /** A Bedrock-compatible server; unset means the AWS endpoint of the region. */
  readonly endpoint?: string;
  /** SDK retries of throttling, 5xx and connection errors before the answer starts. */
  readonly maxRetries: number;
}

/**
 * A client signed with the default credential chain (a Lambda role, AWS_PROFILE, env keys).
 * The SDK speaks HTTP/2 to Bedrock; a cleartext `http://` endpoint is a local server, and
 * those nearly all speak HTTP/1.1 only, so it gets the SDK's HTTP/1.1 handler instead.
 */
export async function createBedrockClient(settings: BedrockClientSettings): Promise<BedrockRuntimeClient> {
  const { BedrockRuntimeClient } = await loadBedrockSdk();
  const cleartext = settings.endpoint?.startsWith('http://') === true;
  const requestHandler = cleartext
    ? new (commonJsExports(await import('@smithy/node-http-handler')).NodeHttpHandler)()
    : undefined;
  return new BedrockRuntimeClient({
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(requestHandler ? { requestHandler } : {}),
    maxAttempts: settings.maxRetries + 1,
  });
}
