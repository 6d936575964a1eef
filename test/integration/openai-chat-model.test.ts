import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CLIENT_LIMIT_HEADROOM_TOKENS,
  OpenAiChatModel,
  type OpenAiChatModelOptions,
} from '../../src/adapters/openai/openai-chat-model.js';
import { countTokens } from '../../src/adapters/openai/token-counter.js';
import { DomainError } from '../../src/domain/errors.js';
import type { Persona } from '../../src/domain/persona/persona.js';
import type { ChatRequest, ChatStreamEvent } from '../../src/ports/chat-model.js';
import {
  chunk,
  completionBody,
  deferred,
  FakeOpenAiServer,
  reply,
  sse,
  startSse,
} from '../support/fake-openai-server.js';

const persona: Persona = { facts: { name: 'Ada' }, summary: '', style: '', documents: [], version: 'v1' };
const SECRET = 'sk-live-SECRET-0123456789abcdef';

let server: FakeOpenAiServer;

beforeAll(async () => {
  server = await FakeOpenAiServer.start();
});

afterEach(() => {
  server.reset();
});

afterAll(async () => {
  await server.close();
});

function makeModel(options: Partial<OpenAiChatModelOptions> = {}): OpenAiChatModel {
  return new OpenAiChatModel({
    apiKey: 'test-key',
    baseURL: server.baseURL,
    model: 'twin-test-model',
    maxRetries: 0,
    timeoutMs: 2_000,
    ...options,
  } as OpenAiChatModelOptions);
}

function request(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    system: 'You are Ada. Answer in the first person.',
    messages: [
      { role: 'user', content: 'Hi!' },
      { role: 'assistant', content: 'Hello, I am Ada.' },
      { role: 'user', content: 'What do you do?' },
    ],
    persona,
    ...overrides,
  };
}

async function collect(
  events: AsyncIterable<ChatStreamEvent>,
  into: ChatStreamEvent[] = [],
): Promise<ChatStreamEvent[]> {
  for await (const event of events) into.push(event);
  return into;
}

/** Bounds a step that would otherwise hang until the suite's timeout. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

function expectModelUnavailable(error: unknown): DomainError {
  expect(error).toBeInstanceOf(DomainError);
  const domainError = error as DomainError;
  expect(domainError.code).toBe('model_unavailable');
  return domainError;
}

describe('OpenAiChatModel.complete', () => {
  it('sends the system prompt first, the model id, and maps the usage', async () => {
    server.enqueue(reply.text('I build analytical engines.', { usage: { prompt_tokens: 42, completion_tokens: 7 } }));
    const model = makeModel();

    const completion = await model.complete(request());

    expect(completion).toEqual({
      text: 'I build analytical engines.',
      usage: { input_tokens: 42, output_tokens: 7 },
      grounded: true,
    });
    const [sent] = server.requests;
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.headers.authorization).toBe('Bearer test-key');
    expect(sent?.body.model).toBe('twin-test-model');
    expect(sent?.body.stream).toBeFalsy();
    expect(sent?.body.max_completion_tokens).toBeUndefined();
    expect(sent?.body.messages).toEqual([
      { role: 'system', content: 'You are Ada. Answer in the first person.' },
      { role: 'user', content: 'Hi!' },
      { role: 'assistant', content: 'Hello, I am Ada.' },
      { role: 'user', content: 'What do you do?' },
    ]);
  });

  it('sends only role and content, whatever else the turns carry', async () => {
    const richTurn = { role: 'user' as const, content: 'Hi!', seq: 3, created_at: '2026-01-01T00:00:00Z' };
    await makeModel().complete(request({ messages: [richTurn] }));

    expect(server.requests[0]?.body.messages[1]).toEqual({ role: 'user', content: 'Hi!' });
  });

  it('estimates usage with the tokenizer when the server sends none', async () => {
    server.enqueue(reply.text('I build analytical engines.', { usage: null }));

    const completion = await makeModel().complete(request());

    expect(completion.usage.output_tokens).toBe(countTokens('I build analytical engines.'));
    expect(completion.usage.input_tokens).toBeGreaterThan(countTokens('You are Ada. Answer in the first person.'));
  });

  it('caps the answer length when maxOutputTokens is set', async () => {
    await makeModel({ maxOutputTokens: 256 }).complete(request());

    expect(server.requests[0]?.body.max_completion_tokens).toBe(256);
  });

  it('goes through an injected fetch or an injected client', async () => {
    let fetchCalls = 0;
    const countingFetch: typeof fetch = (input, init) => {
      fetchCalls += 1;
      return fetch(input, init);
    };
    await makeModel({ fetch: countingFetch }).complete(request());
    expect(fetchCalls).toBe(1);

    const client = new OpenAI({ apiKey: 'injected-key', baseURL: server.baseURL, maxRetries: 0 });
    const injected = new OpenAiChatModel({ client, model: 'other-model' });
    await injected.complete(request());
    expect(injected.name).toBe('other-model');
    expect(server.requests[1]?.headers.authorization).toBe('Bearer injected-key');
  });
});

describe('OpenAiChatModel.stream', () => {
  it('yields the tokens in order, then one done with the usage', async () => {
    server.enqueue(
      reply.stream(['I', ' build', ' engines', '.'], { usage: { prompt_tokens: 30, completion_tokens: 4 } }),
    );

    const events = await collect(makeModel().stream(request()));

    expect(events).toEqual([
      { type: 'token', text: 'I' },
      { type: 'token', text: ' build' },
      { type: 'token', text: ' engines' },
      { type: 'token', text: '.' },
      { type: 'done', usage: { input_tokens: 30, output_tokens: 4 }, grounded: true },
    ]);
    const sent = server.requests[0]?.body;
    expect(sent?.stream).toBe(true);
    expect(sent?.stream_options).toEqual({ include_usage: true });
    expect(sent?.messages[0]).toEqual({ role: 'system', content: 'You are Ada. Answer in the first person.' });
  });

  it('estimates usage when the server streams none', async () => {
    server.enqueue(reply.stream(['Hello', ' there'], { usage: null }));

    const events = await collect(makeModel().stream(request()));

    expect(events.at(-1)).toEqual({
      type: 'done',
      usage: { input_tokens: expect.any(Number), output_tokens: countTokens('Hello there') },
      grounded: true,
    });
    expect(events.filter((event) => event.type === 'done')).toHaveLength(1);
  });

  it('yields the first token before the server has finished the response', async () => {
    const goOn = deferred();
    let serverFinished = false;
    server.enqueue(async ({ request: sent, res }) => {
      startSse(res);
      await sse(res, chunk(sent.body.model, { role: 'assistant', content: 'First' }));
      await goOn.promise;
      await sse(res, chunk(sent.body.model, { content: ' second' }, 'stop'));
      res.end('data: [DONE]\n\n');
      serverFinished = true;
    });
    const events = makeModel().stream(request())[Symbol.asyncIterator]();

    const first = await within(events.next(), 3_000, 'the first token');

    expect(first.value).toEqual({ type: 'token', text: 'First' });
    expect(serverFinished).toBe(false);
    goOn.resolve();
    const rest = await within(collect({ [Symbol.asyncIterator]: () => events }), 3_000, 'the rest of the stream');
    expect(rest.map((event) => event.type)).toEqual(['token', 'done']);
    expect(serverFinished).toBe(true);
  });

  it('throws model_unavailable after the tokens already sent when the server disconnects', async () => {
    const tokensSeen = deferred();
    server.enqueue(async ({ request: sent, res }) => {
      startSse(res);
      await sse(res, chunk(sent.body.model, { role: 'assistant', content: 'One' }));
      await sse(res, chunk(sent.body.model, { content: ' two' }));
      await tokensSeen.promise;
      res.socket?.destroy();
    });
    const events: ChatStreamEvent[] = [];
    const stream = makeModel().stream(request());

    const error = await within(
      rejection(
        (async () => {
          for await (const event of stream) {
            events.push(event);
            if (events.length === 2) tokensSeen.resolve();
          }
        })(),
      ),
      5_000,
      'the broken stream',
    );

    expect(events).toEqual([
      { type: 'token', text: 'One' },
      { type: 'token', text: ' two' },
    ]);
    // Not the idle timeout standing in for it: the broken connection itself is the cause.
    expect(expectModelUnavailable(error).message).toBe('The language model failed to answer');
  });

  it('completes a stream that closes cleanly without finish_reason or [DONE] when it carried text', async () => {
    server.enqueue(async ({ request: sent, res }) => {
      startSse(res);
      await sse(res, chunk(sent.body.model, { role: 'assistant', content: 'Half an' }));
      res.end();
    });

    const events = await within(collect(makeModel().stream(request())), 5_000, 'the closed stream');

    expect(events.map((event) => event.type)).toEqual(['token', 'done']);
    expect(events[0]).toEqual({ type: 'token', text: 'Half an' });
    expect(events[1]).not.toHaveProperty('truncated');
  });

  it('throws model_unavailable when a stream closes with nothing in it', async () => {
    server.enqueue(async ({ request: sent, res }) => {
      startSse(res);
      await sse(res, chunk(sent.body.model, { role: 'assistant', content: '' }));
      res.end();
    });

    const error = await within(rejection(collect(makeModel().stream(request()))), 5_000, 'the empty stream');

    expect(expectModelUnavailable(error).message).toBe('The language model stream ended early');
  });

  it('reports an answer cut at the token limit as truncated, and runs no half-written tool call', async () => {
    const halfCall = { index: 0, id: 'call_1', type: 'function', function: { name: 'record_', arguments: '{"qu' } };
    server.enqueue(async ({ request: sent, res }) => {
      startSse(res);
      await sse(res, chunk(sent.body.model, { role: 'assistant', content: 'One two' }));
      const cut = { index: 0, delta: { tool_calls: [halfCall] }, finish_reason: 'length' };
      await sse(res, { ...chunk(sent.body.model, {}), choices: [cut] });
      res.end('data: [DONE]\n\n');
    });
    server.enqueue(({ request: sent, res }) => {
      const message = { role: 'assistant', content: 'One two', refusal: null, tool_calls: [halfCall] };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          ...completionBody(sent.body.model, '', null),
          choices: [{ index: 0, message, finish_reason: 'length' }],
        }),
      );
    });
    const recorded: string[] = [];
    const tools = {
      recordUnknownQuestion: async (question: string) => {
        recorded.push(question);
        return { ok: true, note: 'noted' };
      },
      recordUserDetails: async () => ({ ok: true, note: 'noted' }),
    };

    const events = await collect(makeModel().stream(request({ tools, maxOutputTokens: 2 })));
    const completion = await makeModel().complete(request({ tools, maxOutputTokens: 2 }));

    expect(events.at(-1)).toMatchObject({ type: 'done', truncated: true });
    expect(completion).toMatchObject({ text: 'One two', truncated: true });
    expect(recorded).toEqual([]);
    expect(server.requests).toHaveLength(2);
    // The client's limit reaches the server with headroom for a tool call; the turn cuts exactly.
    expect(server.requests.map((r) => r.body.max_completion_tokens)).toEqual([
      2 + CLIENT_LIMIT_HEADROOM_TOKENS,
      2 + CLIENT_LIMIT_HEADROOM_TOKENS,
    ]);
  });

  it('sends the smaller of the owner cap and the client limit (with headroom) upstream', async () => {
    await makeModel({ maxOutputTokens: 100 }).complete(request({ maxOutputTokens: 10 }));
    await makeModel({ maxOutputTokens: 100 }).complete(request({ maxOutputTokens: 1000 }));
    await makeModel().complete(request());

    expect(server.requests.map((r) => r.body.max_completion_tokens)).toEqual([100, 100, undefined]);
  });

  it('throws model_unavailable when the server goes quiet mid-stream', async () => {
    server.enqueue(async ({ request: sent, res, closed }) => {
      startSse(res);
      await sse(res, chunk(sent.body.model, { role: 'assistant', content: 'Thinking' }));
      await closed;
    });
    const events: ChatStreamEvent[] = [];

    const error = await within(
      rejection(collect(makeModel({ timeoutMs: 200 }).stream(request()), events)),
      15_000,
      'the idle timeout',
    );

    expect(events).toEqual([{ type: 'token', text: 'Thinking' }]);
    expect(expectModelUnavailable(error).message).toBe('The language model stopped answering');
  });

  it('rejects with the abort, not model_unavailable, and hangs up on the server', async () => {
    const serverSawHangUp = deferred();
    server.enqueue(async ({ request: sent, res, closed }) => {
      startSse(res);
      await sse(res, chunk(sent.body.model, { role: 'assistant', content: 'Once' }));
      await closed;
      serverSawHangUp.resolve();
    });
    const controller = new AbortController();
    const events = makeModel()
      .stream(request({ signal: controller.signal }))
      [Symbol.asyncIterator]();

    const first = await within(events.next(), 3_000, 'the first token');
    expect(first.value).toEqual({ type: 'token', text: 'Once' });
    controller.abort();
    const error = await within(rejection(events.next()), 3_000, 'the aborted stream');

    expect(error).toBe(controller.signal.reason);
    expect((error as Error).name).toBe('AbortError');
    expect(error).not.toBeInstanceOf(DomainError);
    await within(serverSawHangUp.promise, 3_000, 'the server noticing the hang-up');
  });

  it('hangs up on the server when the consumer stops early', async () => {
    const serverSawHangUp = deferred();
    server.enqueue(async ({ request: sent, res, closed }) => {
      startSse(res);
      await sse(res, chunk(sent.body.model, { role: 'assistant', content: 'Enough' }));
      await closed;
      serverSawHangUp.resolve();
    });

    for await (const event of makeModel().stream(request())) {
      expect(event).toEqual({ type: 'token', text: 'Enough' });
      break;
    }

    await within(serverSawHangUp.promise, 3_000, 'the server noticing the hang-up');
  });

  it('translates an error event inside the stream without leaking its text', async () => {
    server.enqueue(async ({ request: sent, res }) => {
      startSse(res);
      await sse(res, chunk(sent.body.model, { role: 'assistant', content: 'Hm' }));
      await sse(res, { error: { message: `upstream exploded with key ${SECRET}`, type: 'server_error' } });
      res.end();
    });

    const error = expectModelUnavailable(await rejection(collect(makeModel().stream(request()))));

    expect(error.message).not.toContain(SECRET);
  });

  it('translates errors that happen before the first token', async () => {
    server.enqueue(reply.error(429, `rate limit for ${SECRET}`, { 'retry-after': '9' }));

    const error = expectModelUnavailable(await rejection(collect(makeModel().stream(request()))));

    expect(error.retryAfterSeconds).toBe(9);
    expect(error.message).not.toContain(SECRET);
  });
});

describe('OpenAiChatModel errors', () => {
  it('turns a 429 into model_unavailable with the retry-after seconds', async () => {
    server.enqueue(reply.error(429, `Rate limit reached for ${SECRET}`, { 'retry-after': '7' }));

    const error = expectModelUnavailable(await rejection(makeModel().complete(request())));

    expect(error.retryAfterSeconds).toBe(7);
    expect(error.message).not.toContain(SECRET);
    expect(error.cause).toBeDefined();
  });

  it('prefers retry-after-ms, rounding up to whole seconds', async () => {
    server.enqueue(reply.error(429, 'slow down', { 'retry-after-ms': '1500', 'retry-after': '30' }));

    const error = expectModelUnavailable(await rejection(makeModel().complete(request())));

    expect(error.retryAfterSeconds).toBe(2);
  });

  it('falls back to 5 seconds when a 429 carries no retry hint', async () => {
    server.enqueue(reply.error(429, 'slow down'));

    const error = expectModelUnavailable(await rejection(makeModel().complete(request())));

    expect(error.retryAfterSeconds).toBe(5);
  });

  it.each([
    [500, 'The language model failed to answer'],
    [503, 'The language model failed to answer'],
    [401, 'The language model rejected the credentials'],
    [403, 'The language model rejected the credentials'],
    [400, 'The language model rejected the request'],
    [404, 'The language model rejected the request'],
  ])('turns a %i into model_unavailable without the server text', async (status, message) => {
    server.enqueue(reply.error(status, `internal detail: api key ${SECRET} at 10.0.0.7`));

    const error = expectModelUnavailable(await rejection(makeModel().complete(request())));

    expect(error.message).toBe(message);
    expect(error.message).not.toContain(SECRET);
    expect(error.expose).toBe(true);
  });

  it('never leaks the raw text of a non-JSON error body', async () => {
    server.enqueue(({ res }) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end(`<html>Bad gateway: upstream ${SECRET}</html>`);
    });

    const error = expectModelUnavailable(await rejection(makeModel().complete(request())));

    expect(error.message).not.toContain(SECRET);
  });

  it('turns a server that never answers into model_unavailable after timeoutMs', async () => {
    server.enqueue(reply.hang());

    const error = await within(
      rejection(makeModel({ timeoutMs: 200 }).complete(request())),
      15_000,
      'the request timeout',
    );

    expect(expectModelUnavailable(error).message).toBe('The language model did not answer in time');
  });

  it('turns a refused connection into model_unavailable', async () => {
    const closedServer = await FakeOpenAiServer.start();
    const baseURL = closedServer.baseURL;
    await closedServer.close();

    const error = await within(rejection(makeModel({ baseURL }).complete(request())), 5_000, 'the refused connection');

    expect(expectModelUnavailable(error).message).toBe('The language model could not be reached');
  });

  it('rejects with the signal reason when the caller aborts while waiting', async () => {
    server.enqueue(reply.hang());
    const controller = new AbortController();
    const reason = new Error('the visitor left');

    const pending = rejection(makeModel().complete(request({ signal: controller.signal })));
    await within(server.waitForRequests(1), 3_000, 'the request reaching the server');
    controller.abort(reason);

    expect(await within(pending, 3_000, 'the aborted completion')).toBe(reason);
  });

  it('rejects with the signal reason when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();

    const completeError = await rejection(makeModel().complete(request({ signal: controller.signal })));
    const streamError = await rejection(collect(makeModel().stream(request({ signal: controller.signal }))));

    expect(completeError).toBe(controller.signal.reason);
    expect(streamError).toBe(controller.signal.reason);
  });
});

describe('OpenAiChatModel tokens and name', () => {
  it('is named after its model id, gpt-4o-mini by default', () => {
    expect(new OpenAiChatModel({ apiKey: 'k', baseURL: server.baseURL }).name).toBe('gpt-4o-mini');
    expect(makeModel().name).toBe('twin-test-model');
  });

  it('counts o200k tokens and treats special-token text as plain text', () => {
    const model = makeModel();
    expect(model.countTokens('')).toBe(0);
    expect(model.countTokens('hello world')).toBe(2);
    expect(model.countTokens('ignore <|endoftext|> this')).toBeGreaterThan(3);
    expect(model.countTokens('lone \uD800 surrogate 👩‍👩‍👧')).toBeGreaterThan(0);
  });
});
