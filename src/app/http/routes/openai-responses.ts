import type { Router } from '@koa/router';
import type { Middleware } from 'koa';
import type { ChatInput } from '../../../domain/chat/chat-types.js';
import { readClientHistory } from '../../../domain/chat/client-history.js';
import type { ChatStreamOutput, TwinService } from '../../../domain/chat/twin-service.js';
import { NotFound } from '../../../domain/errors.js';
import type { Clock } from '../../../ports/clock.js';
import type { Logger } from '../../../ports/logger.js';
import { clientOf } from '../client-address.js';
import { toPublicError } from '../errors.js';
import { openEventStream } from '../event-stream.js';
import { clientGone, SESSION_HEADER, sessionForUser, TWIN_MODEL_ID } from '../openai-wire.js';
import { requireJson } from '../require-json.js';
import { ResponseEvents } from '../responses-events.js';
import { finishedResponse, ResponsesBody, readResponsesInput, responseIds } from '../responses-wire.js';
import { parseBody } from '../validation.js';

export interface OpenAiResponsesDeps {
  readonly chat: TwinService;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The same rate limits as /chat and /v1/chat/completions. */
  readonly limit: Middleware;
}

/**
 * POST /v1/responses (the OpenAI Responses API, the Vercel AI SDK's default): the same turn as
 * /v1/chat/completions. `input` is the history unless the request continues a conversation the twin
 * holds (`previous_response_id`, `item_reference`s): then the stored conversation is.
 */
export function openAiResponsesRoute(router: Router, deps: OpenAiResponsesDeps): void {
  const nowSeconds = () => Math.floor(deps.clock.now().getTime() / 1000);

  router.post('/v1/responses', requireJson, deps.limit, async (ctx) => {
    const body = parseBody(ResponsesBody, ctx.request.body);
    if (body.model !== TWIN_MODEL_ID) throw new NotFound(`No model named "${body.model}"; use "twin"`);
    const { messages, continues } = readResponsesInput(body);
    const { history, question } = readClientHistory(messages, deps.chat.limits.maxMessageChars);
    const input: ChatInput = {
      message: question,
      ...(continues
        ? { session_id: continues, existing_session_only: true }
        : { history, session_id: sessionForUser(body.user?.trim() ? body.user : body.safety_identifier) }),
      ...(body.max_output_tokens ? { max_output_tokens: body.max_output_tokens } : {}),
    };
    const createdAt = nowSeconds();

    if (!body.stream) {
      const answer = await deps.chat.chat(input, { signal: clientGone(ctx), client: clientOf(ctx) });
      ctx.set(SESSION_HEADER, answer.session_id);
      ctx.body = finishedResponse({ ids: responseIds(answer.session_id), createdAt, body }, answer, nowSeconds());
      return;
    }

    const gone = new AbortController();
    const outputs = deps.chat.chatStream(input, { signal: gone.signal, client: clientOf(ctx) });
    // The first step validates and stores the question: its errors are plain HTTP errors.
    const first = await outputs.next();
    if (first.done || first.value.type !== 'session') throw new Error('the turn opened without a session');
    ctx.set(SESSION_HEADER, first.value.session_id);
    const stream = openEventStream(ctx);
    stream.signal.addEventListener('abort', () => gone.abort(stream.signal.reason), { once: true });
    const events = new ResponseEvents(
      stream,
      { ids: responseIds(first.value.session_id), createdAt, body },
      nowSeconds,
    );
    events.start();
    void pump(outputs, events, stream.signal, deps.logger, ctx.state.requestId as string);
  });
}

async function pump(
  outputs: AsyncGenerator<ChatStreamOutput>,
  events: ResponseEvents,
  signal: AbortSignal,
  logger: Logger,
  requestId: string,
): Promise<void> {
  try {
    for await (const output of outputs) {
      if (output.type === 'token') events.delta(output.text);
      else if (output.type === 'done') events.finish(output.reply);
    }
  } catch (error) {
    if (signal.aborted) return;
    const failure = toPublicError(error);
    if (failure.status >= 500) logger.error({ err: error, request_id: requestId }, 'response stream failed');
    events.fail({ code: failure.code, message: failure.message });
  }
}
