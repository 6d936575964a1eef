import type { Writable } from 'node:stream';

/** The stream Lambda hands a streaming handler; setContentType exists only there. */
export type ResponseStream = Writable & { setContentType?(type: string): void };

/** What a Function URL needs before the body: status, headers and cookies. */
export interface HttpPrelude {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
}

export type StreamingHandler<E> = (event: E, responseStream: ResponseStream, context?: unknown) => Promise<void>;

/** The two pieces of the `awslambda` global that response streaming uses. */
export interface StreamingRuntime {
  streamifyResponse<E>(handler: StreamingHandler<E>): StreamingHandler<E>;
  HttpResponseStream: { from(stream: ResponseStream, prelude: HttpPrelude): ResponseStream };
}

/** The content type and delimiter the Node runtime uses to mark the prelude (8 NUL bytes after its JSON). */
export const PRELUDE_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';
export const PRELUDE_DELIMITER = Buffer.alloc(8);

/**
 * Outside Lambda (tests, local runs) `awslambda` does not exist; this does what the runtime's
 * own HttpResponseStream.from does, so the bytes a test sees are the bytes Lambda would send.
 */
export const localStreamingRuntime: StreamingRuntime = {
  streamifyResponse: (handler) => handler,
  HttpResponseStream: {
    from(stream, prelude) {
      stream.setContentType?.(PRELUDE_CONTENT_TYPE);
      stream.write(JSON.stringify(prelude));
      stream.write(PRELUDE_DELIMITER);
      return stream;
    },
  },
};

/** The runtime's global inside Lambda, the local equivalent elsewhere. */
export function streamingRuntime(): StreamingRuntime {
  // The AWS SDK creates an empty `awslambda` object of its own (for its InvokeStore), so the
  // global's existence proves nothing: only the runtime's streamifyResponse does.
  const global = (globalThis as { awslambda?: Partial<StreamingRuntime> }).awslambda;
  return typeof global?.streamifyResponse === 'function' && global.HttpResponseStream
    ? (global as StreamingRuntime)
    : localStreamingRuntime;
}
