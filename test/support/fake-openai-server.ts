import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** The parts of a chat completions request body the tests look at. */
export interface ChatCompletionsBody {
  readonly model: string;
  readonly messages: readonly {
    readonly role: string;
    readonly content: string;
    readonly tool_calls?: readonly FakeToolCall[];
    readonly tool_call_id?: string;
  }[];
  readonly tools?: readonly { readonly type: string; readonly function: { readonly name: string } }[];
  readonly tool_choice?: unknown;
  readonly stream?: boolean;
  readonly stream_options?: { readonly include_usage?: boolean };
  readonly max_completion_tokens?: number;
  readonly [key: string]: unknown;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The parsed JSON body; an empty object when the body was not JSON. */
  readonly body: ChatCompletionsBody;
}

export interface FakeExchange {
  readonly request: RecordedRequest;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** Settles when the client goes away or the response ends: lets a script notice aborts. */
  readonly closed: Promise<void>;
}

/** Answers one request. It may write slowly, hang, or destroy the socket. */
export type FakeHandler = (exchange: FakeExchange) => void | Promise<void>;

export interface FakeToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly function: { readonly name: string; readonly arguments: string };
}

export interface UpstreamShape {
  /** The answer's last chunk (or the JSON choice) carries finish_reason "stop"; else it never says. */
  readonly finishReason: boolean;
  /** A stream ends with `data: [DONE]`; else the server just closes it. Ignored for JSON. */
  readonly done: boolean;
  readonly content: 'text' | 'empty' | 'null';
  /** The text for content "text". */
  readonly text?: string;
}

export interface FakeUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
}

/**
 * A real HTTP server speaking the OpenAI chat completions protocol on 127.0.0.1,
 * so adapters are tested through the SDK and the network stack, not a mock.
 * Scripted per request with `enqueue`; unscripted requests get `fallback`.
 */
export class FakeOpenAiServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: FakeHandler[] = [];
  private readonly waiters: { count: number; resolve: () => void }[] = [];

  private constructor(
    private readonly server: Server,
    /** What unscripted requests get; replaceable by tests. */
    public fallback: FakeHandler,
  ) {}

  /** What unscripted /v1/embeddings requests get: hashed bag-of-words vectors. */
  embeddingsFallback: FakeHandler = reply.embeddings();

  static async start(options: { fallback?: FakeHandler } = {}): Promise<FakeOpenAiServer> {
    let fake: FakeOpenAiServer | undefined;
    const server = createServer((req, res) => {
      void fake?.handle(req, res);
    });
    fake = new FakeOpenAiServer(server, options.fallback ?? reply.text('Hello from the fake model.'));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return fake;
  }

  /** The base URL an OpenAI client takes, ending in /v1. */
  get baseURL(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/v1`;
  }

  /** Scripts the next requests, one handler each, in order. */
  enqueue(...handlers: FakeHandler[]): this {
    this.queue.push(...handlers);
    return this;
  }

  /** Resolves once `count` requests have been received in total. */
  waitForRequests(count: number): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  /** Forgets scripts and recorded requests, for servers shared across tests. */
  reset(): void {
    this.queue.length = 0;
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    // Hanging scripts keep sockets open; close() alone would wait for them forever.
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const closed = new Promise<void>((resolve) => res.once('close', resolve));
    const raw = await readBody(req);
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body: (parseJson(raw) ?? {}) as ChatCompletionsBody,
    };
    this.requests.push(request);
    for (const waiter of this.waiters.filter((w) => this.requests.length >= w.count)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }

    const embeddings = request.method === 'POST' && request.path.startsWith('/v1/embeddings');
    if (!embeddings && (request.method !== 'POST' || !request.path.startsWith('/v1/chat/completions'))) {
      sendJson(res, 404, { error: { message: `No route ${request.method} ${request.path}`, type: 'not_found' } });
      return;
    }
    const handler = this.queue.shift() ?? (embeddings ? this.embeddingsFallback : this.fallback);
    try {
      await handler({ request, req, res, closed });
    } catch (error) {
      // A failing script must not leave the client waiting until its timeout.
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: 'fake_server_error' } });
      else res.destroy();
    }
  }
}

/** Ready-made handlers; tests build odder ones from `sse` and `chunk`. */
export const reply = {
  /** A normal answer: JSON, or SSE token by token when the request asked to stream. */
  text(text: string, options: { tokens?: readonly string[]; usage?: FakeUsage | null } = {}): FakeHandler {
    return (exchange) => {
      const { request, res } = exchange;
      const usage = options.usage === undefined ? defaultUsage(text) : options.usage;
      if (request.body.stream) {
        return reply.stream(options.tokens ?? splitWords(text), { usage })(exchange);
      }
      sendJson(res, 200, completionBody(request.body.model, text, usage));
    };
  },

  /** Streams the tokens, a finish chunk, the usage chunk (when asked for) and [DONE]. */
  stream(tokens: readonly string[], options: { usage?: FakeUsage | null } = {}): FakeHandler {
    return ({ request, res }) => {
      const model = request.body.model;
      const usage = options.usage === undefined ? defaultUsage(tokens.join('')) : options.usage;
      startSse(res);
      sse(res, chunk(model, { role: 'assistant', content: '' }));
      for (const token of tokens) sse(res, chunk(model, { content: token }));
      sse(res, chunk(model, {}, 'stop'));
      if (usage && request.body.stream_options?.include_usage) sse(res, usageChunk(model, usage));
      res.end('data: [DONE]\n\n');
    };
  },

  /**
   * The model calls tools instead of answering: a JSON message with `tool_calls`, or when
   * streaming, the calls in pieces (id and name first, the arguments split in two chunks)
   * and finish_reason "tool_calls".
   */
  toolCalls(calls: readonly { name: string; arguments: string | object; id?: string }[]): FakeHandler {
    const full: FakeToolCall[] = calls.map((call, index) => ({
      id: call.id ?? `call_${index + 1}`,
      type: 'function',
      function: {
        name: call.name,
        arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
      },
    }));
    return ({ request, res }) => {
      const model = request.body.model;
      if (!request.body.stream) {
        sendJson(res, 200, {
          id: 'chatcmpl-fake',
          object: 'chat.completion',
          created: 0,
          model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: null, refusal: null, tool_calls: full },
              finish_reason: 'tool_calls',
            },
          ],
          usage: { prompt_tokens: 20, completion_tokens: 5, total_tokens: 25 },
        });
        return;
      }
      startSse(res);
      full.forEach((call, index) => {
        const half = Math.ceil(call.function.arguments.length / 2);
        const pieces = [
          { index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } },
          { index, function: { arguments: call.function.arguments.slice(0, half) } },
          { index, function: { arguments: call.function.arguments.slice(half) } },
        ];
        for (const piece of pieces) sse(res, toolChunk(model, piece));
      });
      sse(res, chunk(model, {}, 'tool_calls'));
      if (request.body.stream_options?.include_usage) {
        sse(res, usageChunk(model, { prompt_tokens: 20, completion_tokens: 5 }));
      }
      res.end('data: [DONE]\n\n');
    };
  },

  /**
   * An answer in one of the shapes OpenAI-compatible servers are seen to send: with or without a
   * finish_reason, with or without the closing `data: [DONE]` (streams), and content that is
   * text, empty or null. Text streams in two pieces.
   */
  shaped(shape: UpstreamShape): FakeHandler {
    const content = shape.content === 'text' ? (shape.text ?? 'Shaped answer.') : shape.content === 'empty' ? '' : null;
    const finish = shape.finishReason ? 'stop' : null;
    return ({ request, res }) => {
      const model = request.body.model;
      if (!request.body.stream) {
        const body = completionBody(model, '', { prompt_tokens: 10, completion_tokens: 2 });
        const choice = { index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: finish };
        sendJson(res, 200, { ...body, choices: [choice] });
        return;
      }
      startSse(res);
      let out = `data: ${JSON.stringify(chunk(model, { role: 'assistant', content: '' }))}\n\n`;
      const pieces =
        typeof content === 'string' && content.length > 1 ? [content.slice(0, 4), content.slice(4)] : [content];
      for (const piece of pieces) {
        const delta = { content: piece } as { content?: string };
        out += `data: ${JSON.stringify({ ...chunk(model, delta), choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`;
      }
      if (finish) out += `data: ${JSON.stringify(chunk(model, {}, finish))}\n\n`;
      if (shape.done) out += 'data: [DONE]\n\n';
      res.end(out);
    };
  },

  /** An OpenAI-style error body with the given status and headers. */
  error(status: number, message: string, headers: Record<string, string> = {}): FakeHandler {
    return ({ res }) => {
      sendJson(res, status, { error: { message, type: 'server_error', param: null, code: null } }, headers);
    };
  },

  /**
   * An embeddings response: each input becomes a bag of its lower-cased words hashed into
   * `dimensions` (the request's, else 1536) buckets, so texts sharing words are close and
   * the stand-in stays deterministic. Listed in reverse order, as the API allows.
   */
  embeddings(): FakeHandler {
    return ({ request, res }) => {
      const input = request.body.input;
      const texts = Array.isArray(input) ? input.map(String) : [String(input ?? '')];
      const dimensions = typeof request.body.dimensions === 'number' ? request.body.dimensions : 1536;
      const data = texts.map((text, index) => ({
        object: 'embedding',
        index,
        embedding: hashedWords(text, dimensions),
      }));
      sendJson(res, 200, {
        object: 'list',
        model: request.body.model,
        data: data.reverse(),
        usage: { prompt_tokens: texts.length, total_tokens: texts.length },
      });
    };
  },

  /** Never answers; the client must give up on its own. */
  hang(): FakeHandler {
    return ({ closed }) => closed;
  },
};

export function startSse(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
}

/** Writes one server-sent event carrying `data` as JSON; settles once handed to the socket. */
export function sse(res: ServerResponse, data: unknown): Promise<void> {
  return new Promise((resolve) => {
    res.write(`data: ${JSON.stringify(data)}\n\n`, () => resolve());
  });
}

export function chunk(
  model: string,
  delta: { role?: 'assistant'; content?: string },
  finishReason: string | null = null,
) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 0,
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    usage: null,
  };
}

function toolChunk(model: string, toolCall: object) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 0,
    model,
    choices: [{ index: 0, delta: { tool_calls: [toolCall] }, finish_reason: null, logprobs: null }],
    usage: null,
  };
}

export function usageChunk(model: string, usage: FakeUsage) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 0,
    model,
    choices: [],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

export function completionBody(model: string, text: string, usage: FakeUsage | null) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 0,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, finish_reason: 'stop' }],
    ...(usage ? { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } } : {}),
  };
}

/** A promise with its resolver outside: lets a script wait for the test to say "go on". */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function defaultUsage(text: string): FakeUsage {
  return { prompt_tokens: 10, completion_tokens: splitWords(text).length };
}

// Words keep their leading space, the way model tokens do, so joining them gives the text back.
function splitWords(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function hashedWords(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    let hash = 2166136261;
    for (const ch of word) hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
    vector[hash % dimensions] = (vector[hash % dimensions] ?? 0) + 1;
  }
  return vector;
}
