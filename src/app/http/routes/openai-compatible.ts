import { randomUUID } from 'node:crypto';
import type { Router } from '@koa/router';
import type { Middleware } from 'koa';
import type { ClientHistoryChat, ClientHistoryStreamOutput } from '../../../domain/chat/client-history-chat.js';
import { NotFound } from '../../../domain/errors.js';
import type { Clock } from '../../../ports/clock.js';
import type { Logger } from '../../../ports/logger.js';
import { errorBody, toPublicError } from '../errors.js';
import {
  ChatCompletionsBody,
  chunkBody,
  completionBody,
  type DataStream,
  openDataStream,
  sessionIdForUser,
  TWIN_MODEL_ID,
  toClientMessages,
  usageChunkBody,
} from '../openai-wire.js';
import { requireJson } from '../require-json.js';
import { parseBody } from '../validation.js';

export interface OpenAiCompatibleDeps {
  readonly chat: ClientHistoryChat;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly startedAt: number;
  /** The same rate limits as /chat: this route spends model tokens too. */
  readonly limit: Middleware;
}

/**
 * The twin as an OpenAI-compatible model named "twin": GET /v1/models and
 * POST /v1/chat/completions (JSON, or SSE chunks ending with `data: [DONE]`).
 * Public like /chat; any Authorization header a client sends is ignored.
 */
export function openAiCompatibleRoutes(router: Router, deps: OpenAiCompatibleDeps): void {
  const model = { id: TWIN_MODEL_ID, object: 'model', created: Math.floor(deps.startedAt / 1000), owned_by: 'twin' };

  router.get('/v1/models', (ctx) => {
    ctx.body = { object: 'list', data: [model] };
  });

  router.get('/v1/models/:model', (ctx) => {
    if (ctx.params.model !== TWIN_MODEL_ID) throw new NotFound(`No model named "${ctx.params.model}"; use "twin"`);
    ctx.body = model;
  });

  router.post('/v1/chat/completions', requireJson, deps.limit, async (ctx) => {
    const body = parseBody(ChatCompletionsBody, ctx.request.body);
    if (body.model !== TWIN_MODEL_ID) throw new NotFound(`No model named "${body.model}"; use "twin"`);
    const input = {
      messages: toClientMessages(body.messages),
      sessionId: body.user ? sessionIdForUser(body.user) : undefined,
    };
    const id = `chatcmpl-${randomUUID()}`;
    const created = Math.floor(deps.clock.now().getTime() / 1000);

    if (!body.stream) {
      const gone = new AbortController();
      ctx.res.on('close', () => {
        if (!ctx.res.writableFinished) gone.abort(new DOMException('The client disconnected', 'AbortError'));
      });
      ctx.body = completionBody(id, created, await deps.chat.complete({ ...input, signal: gone.signal }));
      return;
    }

    const gone = new AbortController();
    const events = deps.chat.stream({ ...input, signal: gone.signal });
    // The first step validates and stores the question: its errors are plain HTTP errors.
    const first = await events.next();
    const stream = openDataStream(ctx);
    stream.signal.addEventListener('abort', () => gone.abort(stream.signal.reason), { once: true });
    const includeUsage = body.stream_options?.include_usage === true;
    stream.send(chunkBody(id, created, { role: 'assistant', content: '' }));
    const write = (output: ClientHistoryStreamOutput) => {
      if (output.type === 'token') {
        stream.send(chunkBody(id, created, { content: output.text }));
        return;
      }
      stream.send(chunkBody(id, created, {}, 'stop'));
      if (includeUsage) stream.send(usageChunkBody(id, created, output.answer));
    };
    if (!first.done) write(first.value);
    void pump(events, stream, write, deps.logger, ctx.state.requestId as string);
  });
}

async function pump(
  events: AsyncGenerator<ClientHistoryStreamOutput>,
  stream: DataStream,
  write: (output: ClientHistoryStreamOutput) => void,
  logger: Logger,
  requestId: string,
): Promise<void> {
  try {
    for await (const output of events) write(output);
    stream.done();
  } catch (error) {
    if (stream.signal.aborted) return;
    const failure = toPublicError(error);
    if (failure.status >= 500) logger.error({ err: error, request_id: requestId }, 'completion stream failed');
    // OpenAI clients raise an APIError for a data event carrying `error`.
    stream.send(errorBody(failure.code, failure.message));
  } finally {
    stream.end();
  }
}
