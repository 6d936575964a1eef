import { Writable } from 'node:stream';
import type { HttpEventV2 } from '../../src/app/lambda/http-event.js';
import { PRELUDE_CONTENT_TYPE, PRELUDE_DELIMITER } from '../../src/app/lambda/streaming-runtime.js';

interface EventOptions {
  headers?: Record<string, string>;
  body?: string;
  query?: string;
  cookies?: string[];
  base64?: boolean;
  sourceIp?: string;
}

/**
 * An event as API Gateway HTTP API ($default stage, payload 2.0) sends it: every field AWS
 * documents, not only those the adapter reads. Function URLs send the same shape.
 */
export function httpApiEvent(method: string, rawPath: string, options: EventOptions = {}): HttpEventV2 {
  const headers = {
    accept: '*/*',
    'content-length': String(options.body ? Buffer.byteLength(options.body) : 0),
    host: 'abc123.execute-api.eu-west-1.amazonaws.com',
    'user-agent': 'curl/8.5.0',
    'x-amzn-trace-id': 'Root=1-65f0c0de-0123456789abcdef01234567',
    'x-forwarded-for': '203.0.113.10',
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
    ...options.headers,
  };
  const body = options.base64 && options.body ? Buffer.from(options.body).toString('base64') : options.body;
  return {
    version: '2.0',
    routeKey: `${method} ${rawPath}`,
    rawPath,
    rawQueryString: options.query ?? '',
    ...(options.cookies ? { cookies: options.cookies } : {}),
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: options.sourceIp ?? '203.0.113.10',
        userAgent: 'curl/8.5.0',
      },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: `${method} ${rawPath}`,
      stage: '$default',
      time: '12/Mar/2026:19:03:58 +0000',
      timeEpoch: 1_773_342_238_000,
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: options.base64 ?? false,
  } as HttpEventV2;
}

/** What a Function URL client receives from a streaming handler: the prelude, then the body bytes. */
export interface StreamedResponse {
  contentType?: string;
  prelude: { statusCode: number; headers: Record<string, string>; cookies: string[] };
  body: string;
  /** The body split into the chunks the handler wrote, to prove it was not buffered into one. */
  chunks: number;
}

/** A stand-in for Lambda's response stream that records what the handler wrote. */
export function recordingResponseStream() {
  const written: Buffer[] = [];
  let contentType: string | undefined;
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        written.push(Buffer.from(chunk));
        done();
      },
    }),
    {
      setContentType(type: string) {
        contentType = type;
      },
    },
  );
  const finished = new Promise<void>((resolve) => stream.once('finish', resolve));
  return {
    stream,
    async result(): Promise<StreamedResponse> {
      await finished;
      const all = Buffer.concat(written);
      const end = all.indexOf(PRELUDE_DELIMITER);
      if (contentType !== PRELUDE_CONTENT_TYPE || end < 0) throw new Error('no HTTP prelude was written');
      return {
        contentType,
        prelude: JSON.parse(all.subarray(0, end).toString('utf8')),
        body: all.subarray(end + PRELUDE_DELIMITER.length).toString('utf8'),
        chunks: written.length - 2,
      };
    },
  };
}
