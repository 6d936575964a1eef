import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '../../ports/logger.js';
import type { Config } from '../config.js';
import { type Adapters, buildContainer } from '../container.js';
import { createApp } from '../http/create-app.js';
import { errorBody } from '../http/errors.js';
import { loadPrecountedTokens } from '../precounted-tokens.js';
import { TOKENS } from '../tokens.js';
import { toBufferedResult } from './buffered-result.js';
import { type HttpEventV2, type HttpResultV2, toForwardedRequest } from './http-event.js';
import { LoopbackApp } from './loopback-app.js';
import { toLambdaHeaders } from './response-headers.js';
import { type ResponseStream, type StreamingRuntime, streamingRuntime } from './streaming-runtime.js';

/** The two Lambda entry points sharing one app, plus close() for tests. */
export interface LambdaHandlers {
  /** API Gateway HTTP API (payload 2.0): the whole response, buffered. */
  handler(event: HttpEventV2): Promise<HttpResultV2>;
  /** Function URL with InvokeMode RESPONSE_STREAM: bytes reach the visitor as the app writes them. */
  streamHandler(event: HttpEventV2, responseStream: ResponseStream, context?: unknown): Promise<void>;
  close(): Promise<void>;
}

export interface LambdaHostOptions {
  /** Read once, at the first invocation (so tests and the bundle can set the environment first). */
  config: () => Config;
  overrides?: Partial<Adapters>;
  runtime?: StreamingRuntime;
}

interface Booted {
  app: LoopbackApp;
  flush(): Promise<void>;
  logger: Logger;
}

const UNAVAILABLE = JSON.stringify(errorBody('internal', 'The twin could not start. Try again shortly.'));

/**
 * Builds the container and app once per execution environment, on the first invocation,
 * and reuses them (clients, persona, caches) for every later one.
 */
export function createLambdaHandlers(options: LambdaHostOptions): LambdaHandlers {
  let booting: Promise<Booted> | undefined;
  const runtime = options.runtime ?? streamingRuntime();

  const boot = (): Promise<Booted> => {
    booting ??= start(options).catch((error: unknown) => {
      booting = undefined; // the next invocation tries again instead of failing for the environment's life
      throw error;
    });
    return booting;
  };

  const handler = async (event: HttpEventV2): Promise<HttpResultV2> => {
    let booted: Booted;
    try {
      booted = await boot();
    } catch (error) {
      console.error('digital twin failed to start', error);
      return {
        statusCode: 500,
        headers: { 'content-type': 'application/json' },
        body: UNAVAILABLE,
        isBase64Encoded: false,
      };
    }
    try {
      return await toBufferedResult(await booted.app.send(toForwardedRequest(event)));
    } finally {
      await booted.flush();
    }
  };

  const streamHandler = runtime.streamifyResponse<HttpEventV2>(async (event, responseStream) => {
    let booted: Booted;
    try {
      booted = await boot();
    } catch (error) {
      console.error('digital twin failed to start', error);
      const out = runtime.HttpResponseStream.from(responseStream, {
        statusCode: 500,
        headers: { 'content-type': 'application/json' },
        cookies: [],
      });
      out.end(UNAVAILABLE);
      return;
    }
    // A visitor who closes the page closes Lambda's stream: the app then sees its client go away.
    const gone = new AbortController();
    responseStream.once('close', () => gone.abort());
    try {
      const response: IncomingMessage = await booted.app.send(toForwardedRequest(event), gone.signal);
      const { headers, cookies } = toLambdaHeaders(response.headers);
      const out = runtime.HttpResponseStream.from(responseStream, {
        statusCode: response.statusCode ?? 500,
        headers,
        cookies,
      });
      await pipeline(response, out);
    } catch (error) {
      if (!gone.signal.aborted) booted.logger.error({ err: error }, 'streaming response failed');
      if (!responseStream.writableEnded) responseStream.end();
    } finally {
      await booted.flush();
    }
  });

  return {
    handler,
    streamHandler,
    async close() {
      const booted = await booting?.catch(() => undefined);
      await booted?.app.close();
      booting = undefined;
    },
  };
}

async function start(options: LambdaHostOptions): Promise<Booted> {
  const config = options.config();
  const container = buildContainer(config, options.overrides);
  await loadPrecountedTokens(config.personaDir);
  const logger = container.get(TOKENS.Logger);
  // A broken persona fails here, with the file named in the log, not on a visitor's message.
  await container.get(TOKENS.Persona).load();
  const app = await LoopbackApp.start(createApp(container).callback());
  const metrics = container.get(TOKENS.Metrics);
  const analytics = container.get(TOKENS.Analytics);
  return {
    app,
    logger,
    // EMF lines and batched counter writes must be done before the invocation returns: Lambda
    // may freeze the process right after (the answer itself has already been sent).
    flush: async () => {
      await Promise.all([
        metrics.flush().catch((error: unknown) => logger.warn({ err: error }, 'metrics flush failed')),
        analytics.flush?.().catch((error: unknown) => logger.warn({ err: error }, 'analytics flush failed')),
      ]);
    },
  };
}
