import { randomUUID } from 'node:crypto';
import type { Router } from '@koa/router';
import { readClientHistory } from '../../../domain/chat/client-history.js';
import type { ChatStreamOutput } from '../../../domain/chat/twin-service.js';
import { NotFound } from '../../../domain/errors.js';
import type { Logger } from '../../../ports/logger.js';
import { clientOf } from '../client-address.js';
import { errorBody, toPublicError } from '../errors.js';
import {
  ChatCompletionsBody,
  chunkBody,
  clientGone,
  completionBody,
  completionLimits,
  type DataStream,
  openDataStream,
  SESSION_HEADER,
  sessionForUser,
  TWIN_MODEL_ID,
  toClientMessages,
  usageChunkBody,
} from '../openai-wire.js';
import { requireJson } from '../require-json.js';
import { parseBody } from '../validation.js';
import { type OpenAiResponsesDeps, openAiResponsesRoute } from './openai-responses.js';

export { SESSION_HEADER } from '../openai-wire.js';

export interface OpenAiCompatibleDeps extends OpenAiResponsesDeps {
  readonly startedAt: number;
}

/**
 * The twin as an OpenAI-compatible model named "twin": GET /v1/models,
 * POST /v1/chat/completions (JSON, or SSE chunks ending with `data: [DONE]`) and
 * POST /v1/responses (JSON, or the Responses event stream).
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

  openAiResponsesRoute(router, deps);

  router.post('/v1/chat/completions', requireJson, deps.limit, async (ctx) => {
    const body = parseBody(ChatCompletionsBody, ctx.request.body);
    if (body.model !== TWIN_MODEL_ID) throw new NotFound(`No model named "${body.model}"; use "twin"`);
    const { history, question } = readClientHistory(toClientMessages(body.messages), deps.chat.limits.maxMessageChars);
    // Without a `user`, every request is a conversation of its own (the client keeps the history).
    const input = {
      message: question,
      history,
      session_id: sessionForUser(body.user?.trim() ? body.user : body.safety_identifier),
      ...completionLimits(body),
    };
    const client = clientOf(ctx);
    const id = `chatcmpl-${randomUUID()}`;
    const created = Math.floor(deps.clock.now().getTime() / 1000);

    if (!body.stream) {
      const answer = await deps.chat.chat(input, { signal: clientGone(ctx), client });
      ctx.set(SESSION_HEADER, answer.session_id);
      ctx.body = completionBody(id, created, answer);
      return;
    }

    const gone = new AbortController();
    const events = deps.chat.chatStream(input, { signal: gone.signal, client });
    // The first step validates and stores the question: its errors are plain HTTP errors.
    const first = await events.next();
    if (!first.done && first.value.type === 'session') ctx.set(SESSION_HEADER, first.value.session_id);
    const stream = openDataStream(ctx);
    stream.signal.addEventListener('abort', () => gone.abort(stream.signal.reason), { once: true });
    const includeUsage = body.stream_options?.include_usage === true;
    stream.send(chunkBody(id, created, { role: 'assistant', content: '' }));
    const write = (output: ChatStreamOutput) => {
      if (output.type === 'session') return;
      if (output.type === 'token') {
        stream.send(chunkBody(id, created, { content: output.text }));
        return;
      }
      stream.send(chunkBody(id, created, {}, output.reply.finish_reason));
      if (includeUsage) stream.send(usageChunkBody(id, created, output.reply));
    };
    if (!first.done) write(first.value);
    void pump(events, stream, write, deps.logger, ctx.state.requestId as string);
  });
}

async function pump(
  events: AsyncGenerator<ChatStreamOutput>,
  stream: DataStream,
  write: (output: ChatStreamOutput) => void,
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
