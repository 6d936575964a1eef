import { createServer as createHttp1Server, type IncomingHttpHeaders } from 'node:http';
import {
  createServer as createHttp2Server,
  type Http2ServerResponse,
  constants as http2,
  type ServerHttp2Session,
} from 'node:http2';
import type { AddressInfo, Server } from 'node:net';
import { eventFrame, exceptionFrame } from './event-stream.js';

// The SDK warns once per process that its 2027 releases need Node 22; tests run on Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** A Converse content block as JSON on the wire. */
export interface WireBlock {
  readonly text?: string;
  readonly toolUse?: { readonly toolUseId: string; readonly name: string; readonly input: unknown };
  readonly toolResult?: { readonly toolUseId: string; readonly content: readonly { readonly text?: string }[] };
}

/** The parts of a Converse / ConverseStream request body the tests look at. */
export interface ConverseBody {
  readonly messages?: readonly { readonly role: string; readonly content: readonly WireBlock[] }[];
  readonly system?: readonly { readonly text: string }[];
  readonly inferenceConfig?: { readonly maxTokens?: number; readonly temperature?: number; readonly topP?: number };
  readonly toolConfig?: {
    readonly tools: readonly { readonly toolSpec: { readonly name: string; readonly inputSchema: unknown } }[];
  };
  readonly [key: string]: unknown;
}

export interface RecordedBedrockRequest {
  readonly method: string;
  readonly path: string;
  /** 'h2' when the client spoke cleartext HTTP/2 (the SDK's default), else 'http/1.1'. */
  readonly protocol: 'h2' | 'http/1.1';
  readonly headers: IncomingHttpHeaders;
  readonly operation: 'converse' | 'converse-stream' | 'other';
  /** The model id from the path, decoded. */
  readonly modelId: string;
  readonly body: ConverseBody;
}

/** The response writer both protocols offer (http.ServerResponse and the HTTP/2 compatibility API). */
export interface ResponseWriter {
  writeHead(status: number, headers: Record<string, string>): unknown;
  write(chunk: Buffer | string, callback?: () => void): boolean;
  end(chunk: string): unknown;
  end(): unknown;
  readonly headersSent: boolean;
}

export interface BedrockExchange {
  readonly request: RecordedBedrockRequest;
  readonly res: ResponseWriter;
  /** Settles when the client goes away or the response ends. */
  readonly closed: Promise<void>;
  /** Cuts the response mid-body, as a dropped connection or a reset stream would. */
  cut(): void;
}

export type BedrockHandler = (exchange: BedrockExchange) => void | Promise<void>;

export interface StandInUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** HTTP statuses Bedrock Runtime answers its exceptions with. */
const EXCEPTION_STATUS: Record<string, number> = {
  AccessDeniedException: 403,
  InternalServerException: 500,
  ModelErrorException: 424,
  ModelNotReadyException: 429,
  ModelTimeoutException: 408,
  ResourceNotFoundException: 404,
  ServiceQuotaExceededException: 400,
  ServiceUnavailableException: 503,
  ThrottlingException: 429,
  ValidationException: 400,
};

/**
 * A local stand-in for Bedrock Runtime on 127.0.0.1: Converse answers JSON, ConverseStream
 * answers AWS event-stream frames, errors carry `x-amzn-ErrorType` as AWS sends them. It
 * listens twice: cleartext HTTP/2 with prior knowledge (what the SDK's default handler
 * speaks) on `endpoint`, HTTP/1.1 on `http1Endpoint`, one script and one record for both.
 * Scripted per request with `enqueue`; the rest get `fallback`.
 */
export class FakeBedrockServer {
  readonly requests: RecordedBedrockRequest[] = [];
  private readonly queue: BedrockHandler[] = [];
  private readonly waiters: { count: number; resolve: () => void }[] = [];
  private readonly h1 = createHttp1Server((req, res) => {
    void this.handle('http/1.1', req.method, req.url, req.headers, req, res, () => res.socket?.destroy());
  });
  private readonly h2 = createHttp2Server((req, res) => {
    void this.handle('h2', req.method, req.url, req.headers, req, res, () =>
      (res as Http2ServerResponse).stream.close(http2.NGHTTP2_INTERNAL_ERROR),
    );
  });
  private readonly h2Sessions = new Set<ServerHttp2Session>();

  private constructor(public fallback: BedrockHandler) {
    this.h2.on('session', (session) => {
      this.h2Sessions.add(session);
      session.once('close', () => this.h2Sessions.delete(session));
    });
  }

  static async start(options: { fallback?: BedrockHandler } = {}): Promise<FakeBedrockServer> {
    const fake = new FakeBedrockServer(options.fallback ?? bedrock.text('Hello from the stand-in.'));
    await Promise.all([listen(fake.h2), listen(fake.h1)]);
    return fake;
  }

  /** Cleartext HTTP/2 with prior knowledge: what the SDK's default handler speaks to an http:// endpoint. */
  get endpoint(): string {
    return `http://127.0.0.1:${(this.h2.address() as AddressInfo).port}`;
  }

  /** The same stand-in over HTTP/1.1, for a client with the Node HTTP/1.1 handler. */
  get http1Endpoint(): string {
    return `http://127.0.0.1:${(this.h1.address() as AddressInfo).port}`;
  }

  enqueue(...handlers: BedrockHandler[]): this {
    this.queue.push(...handlers);
    return this;
  }

  waitForRequests(count: number): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  reset(): void {
    this.queue.length = 0;
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    // Hanging scripts keep connections open; close() alone would wait for them forever.
    this.h1.closeAllConnections();
    for (const session of this.h2Sessions) session.destroy();
    await Promise.all([
      new Promise<void>((resolve) => this.h1.close(() => resolve())),
      new Promise<void>((resolve) => this.h2.close(() => resolve())),
    ]);
  }

  private async handle(
    protocol: RecordedBedrockRequest['protocol'],
    method: string | undefined,
    url: string | undefined,
    headers: IncomingHttpHeaders,
    body: AsyncIterable<unknown>,
    response: ResponseWriter & { once(event: 'close', listener: () => void): unknown },
    cut: () => void,
  ): Promise<void> {
    const closed = new Promise<void>((resolve) => response.once('close', resolve));
    const raw = await readBody(body);
    const path = url ?? '/';
    const match = /^\/model\/([^/]+)\/(converse-stream|converse)$/.exec(path);
    const request: RecordedBedrockRequest = {
      method: method ?? 'GET',
      path,
      protocol,
      headers,
      operation: (match?.[2] as RecordedBedrockRequest['operation'] | undefined) ?? 'other',
      modelId: match?.[1] ? decodeURIComponent(match[1]) : '',
      body: (parseJson(raw) ?? {}) as ConverseBody,
    };
    this.requests.push(request);
    for (const waiter of this.waiters.filter((w) => this.requests.length >= w.count)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    if (request.method !== 'POST' || request.operation === 'other') {
      sendError(response, 'UnknownOperationException', `No operation ${request.method} ${request.path}`, 404);
      return;
    }
    const handler = this.queue.shift() ?? this.fallback;
    try {
      await handler({ request, res: response, closed, cut });
    } catch (error) {
      // A failing script must not leave the client waiting until its timeout.
      if (!response.headersSent) sendError(response, 'InternalServerException', String(error));
      else cut();
    }
  }
}

/** Ready-made handlers; tests build odder ones from `startEventStream`, `send` and the frames. */
export const bedrock = {
  /** A normal answer: JSON for Converse, text deltas for ConverseStream. */
  text(text: string, options: { deltas?: readonly string[]; usage?: StandInUsage | null } = {}): BedrockHandler {
    return async ({ request, res }) => {
      const usage = options.usage === undefined ? defaultUsage(text) : options.usage;
      if (request.operation === 'converse') {
        sendJson(res, 200, converseBody([{ text }], 'end_turn', usage));
        return;
      }
      startEventStream(res);
      await send(res, eventFrame('messageStart', { role: 'assistant' }));
      for (const delta of options.deltas ?? splitWords(text)) {
        await send(res, eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: delta } }));
      }
      await finishStream(res, 'end_turn', usage, 0);
    };
  },

  /**
   * The model uses tools instead of answering: Converse returns toolUse blocks (after an
   * optional text block) and stopReason "tool_use"; ConverseStream sends each use as a block
   * start (id and name) and its input JSON in two pieces.
   */
  toolUse(
    uses: readonly { name: string; input: object | string; id?: string }[],
    options: { text?: string } = {},
  ): BedrockHandler {
    const full = uses.map((use, index) => ({
      toolUseId: use.id ?? `tooluse_${index + 1}`,
      name: use.name,
      json: typeof use.input === 'string' ? use.input : JSON.stringify(use.input),
    }));
    const usage = { inputTokens: 20, outputTokens: 5 };
    return async ({ request, res }) => {
      const textBlocks = options.text ? [{ text: options.text }] : [];
      if (request.operation === 'converse') {
        const toolBlocks = full.map((use) => ({
          toolUse: { toolUseId: use.toolUseId, name: use.name, input: parseJson(use.json) ?? use.json },
        }));
        sendJson(res, 200, converseBody([...textBlocks, ...toolBlocks], 'tool_use', usage));
        return;
      }
      startEventStream(res);
      await send(res, eventFrame('messageStart', { role: 'assistant' }));
      let index = 0;
      if (options.text) {
        await send(res, eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: options.text } }));
        await send(res, eventFrame('contentBlockStop', { contentBlockIndex: 0 }));
        index = 1;
      }
      for (const use of full) {
        const start = { toolUse: { toolUseId: use.toolUseId, name: use.name } };
        await send(res, eventFrame('contentBlockStart', { contentBlockIndex: index, start }));
        const half = Math.ceil(use.json.length / 2);
        for (const piece of [use.json.slice(0, half), use.json.slice(half)]) {
          await send(
            res,
            eventFrame('contentBlockDelta', { contentBlockIndex: index, delta: { toolUse: { input: piece } } }),
          );
        }
        await send(res, eventFrame('contentBlockStop', { contentBlockIndex: index }));
        index += 1;
      }
      await finishStream(res, 'tool_use', usage, undefined);
    };
  },

  /** An AWS error response: the status Bedrock uses for `type`, `x-amzn-ErrorType`, a JSON message. */
  error(type: string, message: string, headers: Record<string, string> = {}): BedrockHandler {
    return ({ res }) => sendError(res, type, message, EXCEPTION_STATUS[type] ?? 400, headers);
  },

  /** A stream that sends the deltas, then an exception event (throttlingException, ...). */
  streamException(deltas: readonly string[], exceptionType: string, message: string): BedrockHandler {
    return async ({ res }) => {
      startEventStream(res);
      await send(res, eventFrame('messageStart', { role: 'assistant' }));
      for (const delta of deltas) {
        await send(res, eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: delta } }));
      }
      await send(res, exceptionFrame(exceptionType, message));
      res.end();
    };
  },

  /** Never answers; the client must give up on its own. */
  hang(): BedrockHandler {
    return ({ closed }) => closed;
  },
};

export function startEventStream(res: ResponseWriter): void {
  res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': 'stand-in' });
}

/** Writes bytes; settles once they are handed to the socket. */
export function send(res: ResponseWriter, bytes: Buffer): Promise<void> {
  return new Promise((resolve) => {
    res.write(bytes, () => resolve());
  });
}

/** Closes the open block (when given), then messageStop and metadata, and ends the response. */
export async function finishStream(
  res: ResponseWriter,
  stopReason: string,
  usage: StandInUsage | null,
  openBlock: number | undefined,
): Promise<void> {
  if (openBlock !== undefined) await send(res, eventFrame('contentBlockStop', { contentBlockIndex: openBlock }));
  await send(res, eventFrame('messageStop', { stopReason }));
  if (usage) await send(res, eventFrame('metadata', { usage: withTotal(usage), metrics: { latencyMs: 42 } }));
  res.end();
}

export function converseBody(content: readonly object[], stopReason: string, usage: StandInUsage | null): object {
  return {
    output: { message: { role: 'assistant', content } },
    stopReason,
    ...(usage ? { usage: withTotal(usage) } : {}),
    metrics: { latencyMs: 42 },
  };
}

function withTotal(usage: StandInUsage) {
  return { ...usage, totalTokens: usage.inputTokens + usage.outputTokens };
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}

function sendJson(res: ResponseWriter, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': 'stand-in', ...headers });
  res.end(JSON.stringify(body));
}

function sendError(
  res: ResponseWriter,
  type: string,
  message: string,
  status = 400,
  headers: Record<string, string> = {},
): void {
  sendJson(
    res,
    status,
    { message },
    { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`, ...headers },
  );
}

function defaultUsage(text: string): StandInUsage {
  return { inputTokens: 10, outputTokens: splitWords(text).length };
}

// Words keep their leading space, the way model deltas do, so joining them gives the text back.
function splitWords(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}

async function readBody(body: AsyncIterable<unknown>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of body) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
