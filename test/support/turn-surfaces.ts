import { randomUUID } from 'node:crypto';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { createLambdaHandlers, type LambdaHandlers } from '../../src/app/lambda/lambda-host.js';
import { localStreamingRuntime } from '../../src/app/lambda/streaming-runtime.js';
import { releaseContainer } from '../../src/app/release-container.js';
import { TOKENS } from '../../src/app/tokens.js';
import { cliSurface } from './cli-surface.js';
import { ADMIN_TOKEN, testConfig } from './http-fixture.js';
import { httpApiEvent, recordingResponseStream } from './lambda-events.js';
import { listen } from './live-server.js';

/** One visitor turn as the surface reported it. */
export interface Turn {
  /** 200 when the surface answered (a resting answer too); else the HTTP status of the error. */
  readonly status: number;
  /** The answer the visitor saw, or the error code. */
  readonly text: string;
  readonly sessionId?: string;
}

export interface TurnOptions {
  /** Continue this conversation (`session_id`; on /v1 the `user` value; on the CLI `--session`). */
  readonly session?: string;
  /** The visitor's address (X-Forwarded-For, or the Lambda event's source IP); needs TWIN_TRUST_PROXY=true. */
  readonly client?: string;
  /** /v1 only: the messages the client holds, sent before the question instead of the turns so far. */
  readonly history?: readonly { readonly role: string; readonly content: string }[];
  /** /v1 only: send no `user` (each request is then a conversation of its own). */
  readonly anonymous?: boolean;
}

export interface AdminResponse {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: JSON read back from the API
  readonly body: any;
}

/** A twin started for one test on one surface. */
export interface Rig {
  /** The twin's base URL, for HTTP surfaces (tests that cut a connection need it). */
  readonly url?: string;
  /** The messages one after another in one conversation: `options.session`, or a new one. */
  converse(messages: readonly string[], options?: TurnOptions): Promise<Turn[]>;
  /** Any other route of the same twin, with the admin token (reads back transcripts and analytics). */
  admin(method: 'GET' | 'DELETE', path: string): Promise<AdminResponse>;
  close(): Promise<void>;
}

export interface Surface {
  readonly name: string;
  /** Several turns at once on one session (the CLI reads one line at a time: it cannot). */
  readonly concurrent: boolean;
  /** The visitor's address can be set (the CLI has none). */
  readonly clients: boolean;
  start(env: Record<string, string>): Promise<Rig>;
}

type Post = (path: string, body: unknown, client?: string) => Promise<Response>;

/** A chat route seen through a `post` of one twin: how a turn is sent and its answer read. */
type Route = (
  post: Post,
  message: string,
  options: TurnOptions & { asked: string[]; answers: string[] },
) => Promise<Turn>;

const jsonChat: Route = async (post, message, { session, client }) => {
  const res = await post('/chat', { message, session_id: session }, client);
  const body = (await res.json()) as { response?: string; session_id?: string; error?: { code: string } };
  return res.ok
    ? { status: 200, text: body.response ?? '', sessionId: body.session_id }
    : { status: res.status, text: body.error?.code ?? '' };
};

const sseChat: Route = async (post, message, { session, client }) => {
  const res = await post('/chat/stream', { message, session_id: session }, client);
  if (!res.ok) return { status: res.status, text: ((await res.json()) as { error: { code: string } }).error.code };
  return fromEvents(await res.text());
};

const v1Chat =
  (stream: boolean): Route =>
  async (post, message, { session, client, history, asked, answers }) => {
    // An OpenAI client resends the conversation it holds with every question.
    const held =
      history ??
      asked.flatMap((q, i) => [
        { role: 'user', content: q },
        { role: 'assistant', content: answers[i] ?? '' },
      ]);
    const body = { model: 'twin', messages: [...held, { role: 'user', content: message }], user: session, stream };
    const res = await post('/v1/chat/completions', body, client);
    const sessionId = res.headers.get('x-session-id') ?? undefined;
    if (!res.ok) return { status: res.status, text: ((await res.json()) as { error: { code: string } }).error.code };
    if (!stream) {
      const json = (await res.json()) as { choices: { message: { content: string } }[] };
      return { status: 200, text: json.choices[0]?.message.content ?? '', sessionId };
    }
    return { ...fromDataChunks(await res.text()), sessionId };
  };

/** `event: x` / `data: {...}` blocks of /chat/stream: the `done` answer, or the `error` code. */
export function fromEvents(text: string): Turn {
  let sessionId: string | undefined;
  for (const block of text.split('\n\n')) {
    const event = /^event: (.*)$/m.exec(block)?.[1];
    const data = /^data: (.*)$/m.exec(block)?.[1];
    if (!event || data === undefined) continue;
    const parsed = JSON.parse(data);
    if (event === 'session') sessionId = parsed.session_id;
    if (event === 'done') return { status: 200, text: parsed.response, sessionId: parsed.session_id };
    if (event === 'error') return { status: 200, text: `error:${parsed.error.code}`, sessionId };
  }
  return { status: 200, text: 'error:no_done_event', sessionId };
}

/** `data: {chunk}` lines of /v1 streaming, ending with `data: [DONE]`: the joined content. */
export function fromDataChunks(text: string): Turn {
  let content = '';
  let done = false;
  for (const line of text.split('\n')) {
    if (!line.startsWith('data: ')) continue;
    const data = line.slice('data: '.length);
    if (data === '[DONE]') {
      done = true;
      continue;
    }
    const chunk = JSON.parse(data);
    if (chunk.error) return { status: 200, text: `error:${chunk.error.code}` };
    content += chunk.choices?.[0]?.delta?.content ?? '';
  }
  return { status: 200, text: done ? content : 'error:no_done_line' };
}

/** Runs a conversation through `route`, carrying the session the first answer names. */
function conversing(route: Route, post: Post, v1: boolean) {
  return async (messages: readonly string[], options: TurnOptions = {}): Promise<Turn[]> => {
    // /v1 keeps a conversation only under a `user`; a fresh UUID is the unguessable choice.
    let session = options.session ?? (v1 && !options.anonymous ? randomUUID() : undefined);
    const turns: Turn[] = [];
    const asked: string[] = [];
    const answers: string[] = [];
    for (const message of messages) {
      const turn = await route(post, message, { ...options, session, asked, answers });
      turns.push(turn);
      asked.push(message);
      answers.push(turn.text);
      session ??= turn.sessionId;
    }
    return turns;
  };
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const ADMIN = { authorization: `Bearer ${ADMIN_TOKEN}` };

function httpSurface(name: string, route: Route, v1 = false): Surface {
  return {
    name,
    concurrent: true,
    clients: true,
    async start(env) {
      const container = buildContainer(testConfig(env));
      const server = await listen(createApp(container));
      const post: Post = (path, body, client) =>
        fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: { ...JSON_HEADERS, ...(client ? { 'x-forwarded-for': client } : {}) },
          body: JSON.stringify(body),
        });
      return {
        url: server.url,
        converse: conversing(route, post, v1),
        async admin(method, path) {
          const res = await fetch(`${server.url}${path}`, { method, headers: ADMIN });
          return { status: res.status, body: res.status === 204 ? null : await res.json() };
        },
        async close() {
          await server.close();
          await releaseContainer(container);
        },
      };
    },
  };
}

/** The Lambda host as deployed (TWIN_TRUST_PROXY=true, set by Terraform): API Gateway events in. */
function lambdaSurface(name: string, streaming: boolean): Surface {
  return {
    name,
    concurrent: true,
    clients: true,
    async start(env) {
      const lambda: LambdaHandlers = createLambdaHandlers({
        config: () => testConfig({ TWIN_TRUST_PROXY: 'true', ...env }),
        runtime: localStreamingRuntime,
      });
      const post: Post = async (path, body, client) => {
        const event = httpApiEvent('POST', streaming ? '/chat/stream' : path, {
          headers: JSON_HEADERS,
          body: JSON.stringify(body),
          ...(client ? { sourceIp: client } : {}),
        });
        if (!streaming) {
          const result = await lambda.handler(event);
          return new Response(result.body, { status: result.statusCode, headers: result.headers });
        }
        const recording = recordingResponseStream();
        await lambda.streamHandler(event, recording.stream);
        const streamed = await recording.result();
        return new Response(streamed.body, { status: streamed.prelude.statusCode, headers: streamed.prelude.headers });
      };
      return {
        converse: conversing(streaming ? sseChat : jsonChat, post, false),
        async admin(method, path) {
          const [rawPath, query] = path.split('?');
          const result = await lambda.handler(
            httpApiEvent(method, rawPath ?? path, { headers: ADMIN, ...(query ? { query } : {}) }),
          );
          return { status: result.statusCode, body: result.statusCode === 204 ? null : JSON.parse(result.body) };
        },
        close: () => lambda.close(),
      };
    },
  };
}

/** Every surface a visitor's turn can arrive through. */
export const SURFACES: readonly Surface[] = [
  httpSurface('POST /chat (JSON)', jsonChat),
  httpSurface('POST /chat/stream (SSE)', sseChat),
  httpSurface('POST /v1/chat/completions (JSON)', v1Chat(false), true),
  httpSurface('POST /v1/chat/completions (stream: true)', v1Chat(true), true),
  lambdaSurface('Lambda event POST /chat (handler)', false),
  lambdaSurface('Lambda event POST /chat/stream (streamHandler)', true),
  cliSurface,
];
