import { PassThrough } from 'node:stream';
import type { Context } from 'koa';

export interface EventStream {
  send(event: string, data: unknown): void;
  end(): void;
  /** Aborts when the client goes away, so the model stops spending tokens. */
  readonly signal: AbortSignal;
}

export interface SseResponse {
  /** Written to the socket as soon as each chunk is written here. */
  readonly body: PassThrough;
  readonly signal: AbortSignal;
}

/**
 * Turns the response into text/event-stream, for both wire formats (/chat/stream's named
 * events and the OpenAI-style data-only stream). The signal aborts when the client goes away.
 */
export function openSseResponse(ctx: Context): SseResponse {
  const body = new PassThrough();
  const disconnected = new AbortController();
  ctx.req.socket.setTimeout(0);
  ctx.req.socket.setNoDelay(true);
  ctx.status = 200;
  ctx.set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    // Proxies such as nginx buffer responses unless told not to.
    'X-Accel-Buffering': 'no',
  });
  ctx.body = body;
  ctx.res.on('close', () => {
    if (!ctx.res.writableFinished) disconnected.abort(new DOMException('The client disconnected', 'AbortError'));
  });
  return { body, signal: disconnected.signal };
}

/** Named events (`event: token` ...), each written to the socket at once. */
export function openEventStream(ctx: Context): EventStream {
  const { body, signal } = openSseResponse(ctx);
  return {
    signal,
    send(event, data) {
      if (!body.writableEnded) body.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    end() {
      if (!body.writableEnded) body.end();
    },
  };
}
