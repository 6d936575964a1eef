import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatModel, ChatStreamEvent } from '../../src/ports/chat-model.js';
import { appWith } from '../support/http-fixture.js';
import { readEvents, type SseEvent } from '../support/sse.js';

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function listen(model?: ChatModel) {
  const fixture = appWith(model ? { model } : {});
  server = fixture.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server?.once('listening', resolve));
  return { ...fixture, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function post(url: string, body: unknown, signal?: AbortSignal) {
  return fetch(`${url}/chat/stream`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
}

/** A model that yields one token, then waits until the test lets it continue. */
function gatedModel() {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let aborted = false;
  const model: ChatModel = {
    name: 'gated',
    countTokens: (text) => text.length,
    complete: async () => ({ text: 'x', grounded: true, usage: { input_tokens: 1, output_tokens: 1 } }),
    async *stream(request): AsyncGenerator<ChatStreamEvent> {
      yield { type: 'token', text: 'First ' };
      await Promise.race([
        gate,
        new Promise((_, reject) =>
          request.signal?.addEventListener('abort', () => {
            aborted = true;
            reject(request.signal?.reason);
          }),
        ),
      ]);
      yield { type: 'token', text: 'second.' };
      yield { type: 'done', grounded: true, usage: { input_tokens: 1, output_tokens: 2 } };
    },
  };
  return { model, release: () => release(), wasAborted: () => aborted };
}

describe('POST /chat/stream', () => {
  it('streams session, tokens and done, and stores the answer', async () => {
    const { url, adapters } = await listen();
    const response = await post(url, { message: 'Hello stream' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events: SseEvent[] = [];
    for await (const event of readEvents(response)) events.push(event);
    expect(events[0]).toEqual({ event: 'session', data: { session_id: '5f3c9e21-7b4d-4a86-9d0e-2c61b8a70001' } });
    expect(
      events
        .filter((e) => e.event === 'token')
        .map((e) => (e.data as { text: string }).text)
        .join(''),
    ).toBe('You said: Hello stream');
    expect(events.at(-1)).toEqual({
      event: 'done',
      data: { response: 'You said: Hello stream', session_id: '5f3c9e21-7b4d-4a86-9d0e-2c61b8a70001', grounded: true },
    });
    const stored = await adapters.store.load('5f3c9e21-7b4d-4a86-9d0e-2c61b8a70001' as never);
    expect(stored?.messages.map((m) => m.content)).toEqual(['Hello stream', 'You said: Hello stream']);
  });

  it('flushes the first token before the model has finished', async () => {
    const gated = gatedModel();
    const { url } = await listen(gated.model);
    const events = readEvents(await post(url, { message: 'hi' }));
    expect((await events.next()).value?.event).toBe('session');
    // The model is still blocked here: the token can only arrive if it was flushed at once.
    expect((await events.next()).value).toEqual({ event: 'token', data: { text: 'First ' } });
    gated.release();
    const rest: SseEvent[] = [];
    for await (const event of events) rest.push(event);
    expect(rest.map((e) => e.event)).toEqual(['token', 'done']);
  });

  it('answers validation errors as plain JSON errors, not as a stream', async () => {
    const { url } = await listen();
    const response = await post(url, { message: '' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
  });

  it('sends an error event when the model fails after the stream started, keeping the question', async () => {
    const failing: ChatModel = {
      name: 'failing',
      countTokens: (text) => text.length,
      complete: async () => {
        throw new Error('unused');
      },
      async *stream(): AsyncGenerator<ChatStreamEvent> {
        yield { type: 'token', text: 'Par' };
        throw new Error('upstream reset by 10.0.0.7');
      },
    };
    const { url, adapters } = await listen(failing);
    const events: SseEvent[] = [];
    for await (const event of readEvents(
      await post(url, { message: 'hi', session_id: '1cd95675-4b67-4c0b-a8e4-8e5b85127eff' }),
    ))
      events.push(event);
    expect(events.map((e) => e.event)).toEqual(['session', 'token', 'error']);
    expect(events[2]?.data).toEqual({
      error: { code: 'model_unavailable', message: 'The language model is unavailable' },
    });
    expect(JSON.stringify(events)).not.toContain('10.0.0.7');
    expect(
      (await adapters.store.load('1cd95675-4b67-4c0b-a8e4-8e5b85127eff' as never))?.messages.map((m) => m.role),
    ).toEqual(['user']);
  });

  it('stops the model when the client disconnects', async () => {
    const gated = gatedModel();
    const { url } = await listen(gated.model);
    const controller = new AbortController();
    const events = readEvents(await post(url, { message: 'hi' }, controller.signal));
    await events.next();
    await events.next();
    controller.abort();
    await expect.poll(() => gated.wasAborted(), { timeout: 5000 }).toBe(true);
  });
});
