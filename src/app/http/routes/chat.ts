import { setImmediate } from 'node:timers/promises';
import type { Router } from '@koa/router';
import type { Middleware } from 'koa';
import type { ChatStreamOutput, TwinService } from '../../../domain/chat/twin-service.js';
import type { Logger } from '../../../ports/logger.js';
import { clientOf } from '../client-address.js';
import { errorBody, toPublicError } from '../errors.js';
import { openEventStream } from '../event-stream.js';
import { requireJson } from '../require-json.js';
import { ChatRequestBody } from '../schemas.js';
import { parseBody } from '../validation.js';

export function chatRoutes(router: Router, service: TwinService, logger: Logger, limit: Middleware): void {
  router.post('/chat', requireJson, limit, async (ctx) => {
    const body = parseBody(ChatRequestBody, ctx.request.body);
    const aborted = new AbortController();
    ctx.res.on('close', () => {
      if (!ctx.res.writableFinished) aborted.abort(new DOMException('The client disconnected', 'AbortError'));
    });
    const { response, session_id, grounded } = await service.chat(body, {
      signal: aborted.signal,
      client: clientOf(ctx),
    });
    ctx.body = { response, session_id, grounded };
  });

  router.post('/chat/stream', requireJson, limit, async (ctx) => {
    const body = parseBody(ChatRequestBody, ctx.request.body);
    const clientGone = new AbortController();
    const events = service.chatStream(body, { signal: clientGone.signal, client: clientOf(ctx) });
    // The first step validates and stores the question: its errors are plain HTTP errors, not events.
    const first = await events.next();
    const stream = openEventStream(ctx);
    stream.signal.addEventListener('abort', () => clientGone.abort(stream.signal.reason), { once: true });
    if (!first.done) send(stream, first.value);
    void pump(events, stream, logger, ctx.state.requestId as string);
    // The model call is built and written within the microtasks and ticks pump starts; Koa writes
    // the response head and the session event once this returns. Returning a turn of the event
    // loop later puts the model's request on the wire first, so the model works while the visitor's
    // socket is written, instead of after.
    await setImmediate();
  });
}

function send(stream: ReturnType<typeof openEventStream>, output: ChatStreamOutput): void {
  if (output.type === 'session') stream.send('session', { session_id: output.session_id });
  else if (output.type === 'token') stream.send('token', { text: output.text });
  else {
    const { response, session_id, grounded } = output.reply;
    stream.send('done', { response, session_id, grounded });
  }
}

async function pump(
  events: AsyncGenerator<ChatStreamOutput>,
  stream: ReturnType<typeof openEventStream>,
  logger: Logger,
  requestId: string,
): Promise<void> {
  try {
    for await (const output of events) send(stream, output);
  } catch (error) {
    if (!stream.signal.aborted) {
      const failure = toPublicError(error);
      if (failure.status >= 500) logger.error({ err: error, request_id: requestId }, 'stream failed');
      stream.send('error', errorBody(failure.code, failure.message));
    }
  } finally {
    stream.end();
  }
}
