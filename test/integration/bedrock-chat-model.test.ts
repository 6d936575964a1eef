import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BedrockChatModel } from '../../src/adapters/bedrock/bedrock-chat-model.js';
import { RecordingLogger } from '../../src/adapters/memory/recording-logger.js';
import { countTokens } from '../../src/adapters/openai/token-counter.js';
import { DomainError } from '../../src/domain/errors.js';
import type { Persona } from '../../src/domain/persona/persona.js';
import type { ChatRequest, ChatStreamEvent } from '../../src/ports/chat-model.js';
import { signatureOf, standInModel } from '../support/bedrock-stand-in.js';
import { eventFrame } from '../support/event-stream.js';
import { bedrock, FakeBedrockServer, finishStream, send, startEventStream } from '../support/fake-bedrock-server.js';
import { deferred } from '../support/fake-openai-server.js';

const persona: Persona = { facts: { name: 'Ada' }, summary: '', style: '', documents: [], version: 'v1' };
const SECRET = 'arn:aws:iam::123456789012:role/SECRET-internal-role';

let server: FakeBedrockServer;

beforeAll(async () => {
  server = await FakeBedrockServer.start();
});

afterEach(() => {
  server.reset();
});

afterAll(async () => {
  await server.close();
});

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
  expect(domainError.message).not.toContain(SECRET);
  return domainError;
}

describe('BedrockChatModel.complete (Converse)', () => {
  it('sends the persona as system, the history as messages, inferenceConfig, signed, over HTTP/2', async () => {
    server.enqueue(bedrock.text('I build analytical engines.', { usage: { inputTokens: 42, outputTokens: 7 } }));

    const completion = await standInModel(server, { modelId: 'amazon.nova-micro-v1:0', maxTokens: 300 }).complete(
      request(),
    );

    expect(completion).toEqual({
      text: 'I build analytical engines.',
      usage: { input_tokens: 42, output_tokens: 7 },
      grounded: true,
    });
    const [sent] = server.requests;
    expect(sent?.path).toBe('/model/amazon.nova-micro-v1%3A0/converse');
    expect(sent?.modelId).toBe('amazon.nova-micro-v1:0');
    expect(sent?.protocol).toBe('h2');
    expect(sent?.body.system).toEqual([{ text: 'You are Ada. Answer in the first person.' }]);
    expect(sent?.body.messages).toEqual([
      { role: 'user', content: [{ text: 'Hi!' }] },
      { role: 'assistant', content: [{ text: 'Hello, I am Ada.' }] },
      { role: 'user', content: [{ text: 'What do you do?' }] },
    ]);
    expect(sent?.body.inferenceConfig).toEqual({ maxTokens: 300 });
    expect(sent?.body.toolConfig).toBeUndefined();
    expect(signatureOf(sent as NonNullable<typeof sent>)).toMatchObject({
      accessKeyId: 'AKIDSTANDIN000000000',
      region: 'us-east-1',
      service: 'bedrock',
      signedHeaders: expect.arrayContaining(['x-amz-date', 'x-amz-content-sha256']),
    });
  });

  it('never sends anything empty, starts with the user and alternates roles', async () => {
    const turns: ChatRequest['messages'] = [
      { role: 'assistant', content: 'Welcome back!' },
      { role: 'user', content: '   ' },
      { role: 'user', content: 'First question' },
      { role: 'user', content: 'Second question' },
      { role: 'assistant', content: '' },
      { role: 'assistant', content: 'An answer' },
      { role: 'user', content: 'The question' },
    ];
    const rich = { role: 'user' as const, content: 'Last one', seq: 3, created_at: '2026-01-01T00:00:00Z' };

    await standInModel(server).complete(request({ system: ' ', messages: [...turns, rich] }));

    const body = server.requests[0]?.body;
    expect(body?.system).toBeUndefined();
    expect(body?.messages).toEqual([
      { role: 'user', content: [{ text: 'First question' }, { text: 'Second question' }] },
      { role: 'assistant', content: [{ text: 'An answer' }] },
      { role: 'user', content: [{ text: 'The question' }, { text: 'Last one' }] },
    ]);
  });

  it('refuses, without calling Bedrock, a request with no visitor message left', async () => {
    const error = await rejection(
      standInModel(server).complete(request({ messages: [{ role: 'assistant', content: 'Only me' }] })),
    );

    expect((error as DomainError).code).toBe('invalid_input');
    expect(server.requests).toHaveLength(0);
  });

  it('takes temperature and topP into inferenceConfig', async () => {
    await standInModel(server, { temperature: 0.2, topP: 0.9 }).complete(request());

    expect(server.requests[0]?.body.inferenceConfig).toEqual({ maxTokens: 1024, temperature: 0.2, topP: 0.9 });
  });

  it('estimates usage with the tokenizer when a compatible server sends none', async () => {
    server.enqueue(bedrock.text('I build analytical engines.', { usage: null }));

    const completion = await standInModel(server).complete(request());

    expect(completion.usage.output_tokens).toBe(countTokens('I build analytical engines.'));
    expect(completion.usage.input_tokens).toBeGreaterThan(countTokens('You are Ada. Answer in the first person.'));
  });

  it('keeps Nova’s <thinking> out of the answer', async () => {
    server.enqueue(bedrock.text('<thinking>The persona says engines.</thinking>\n\nI build engines.'));

    expect((await standInModel(server).complete(request())).text).toBe('I build engines.');
  });

  it.each([
    ['an empty answer', ''],
    ['a blank answer', ' \n '],
    ['an answer that is only a thought', '<thinking>Nothing to say.</thinking>'],
  ])('turns %s into model_unavailable, never a grounded reply', async (_, text) => {
    server.enqueue(bedrock.text(text));

    const error = expectModelUnavailable(await rejection(standInModel(server).complete(request())));

    expect(error.message).toBe('The language model returned an empty answer');
  });

  it('works the same through the Node HTTP/1.1 handler', async () => {
    server.enqueue(bedrock.text('Over HTTP/1.1.'));

    const completion = await standInModel(server, { http1: true }).complete(request());

    expect(completion.text).toBe('Over HTTP/1.1.');
    expect(server.requests[0]?.protocol).toBe('http/1.1');
  });
});

describe('BedrockChatModel.stream (ConverseStream)', () => {
  it('yields the deltas in order, then one done with the usage from the metadata event', async () => {
    server.enqueue(
      bedrock.text('I build engines.', {
        deltas: ['I', ' build', ' engines', '.'],
        usage: { inputTokens: 30, outputTokens: 4 },
      }),
    );

    const events = await collect(standInModel(server).stream(request()));

    expect(events).toEqual([
      { type: 'token', text: 'I' },
      { type: 'token', text: ' build' },
      { type: 'token', text: ' engines' },
      { type: 'token', text: '.' },
      { type: 'done', usage: { input_tokens: 30, output_tokens: 4 }, grounded: true },
    ]);
    const sent = server.requests[0];
    expect(sent?.path).toBe('/model/amazon.nova-lite-v1%3A0/converse-stream');
    expect(sent?.protocol).toBe('h2');
    expect(sent?.body.system).toEqual([{ text: 'You are Ada. Answer in the first person.' }]);
  });

  it('yields the first token before the server has finished the response', async () => {
    const goOn = deferred();
    let serverFinished = false;
    server.enqueue(async ({ res }) => {
      startEventStream(res);
      await send(res, eventFrame('messageStart', { role: 'assistant' }));
      await send(res, eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'First' } }));
      await goOn.promise;
      await send(res, eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: ' second' } }));
      await finishStream(res, 'end_turn', { inputTokens: 5, outputTokens: 2 }, 0);
      serverFinished = true;
    });
    const events = standInModel(server).stream(request())[Symbol.asyncIterator]();

    const first = await within(events.next(), 3_000, 'the first token');

    expect(first.value).toEqual({ type: 'token', text: 'First' });
    expect(serverFinished).toBe(false);
    goOn.resolve();
    const rest = await within(collect({ [Symbol.asyncIterator]: () => events }), 3_000, 'the rest of the stream');
    expect(rest.map((event) => event.type)).toEqual(['token', 'done']);
    expect(serverFinished).toBe(true);
  });

  it('keeps <thinking> out of the stream even when its tags arrive in pieces', async () => {
    server.enqueue(
      bedrock.text('', { deltas: ['<think', 'ing>Let me see', '.</thi', 'nking>', '\n\nI am', ' Ada <', '3'] }),
    );

    const events = await collect(standInModel(server).stream(request()));
    const tokens = events.flatMap((event) => (event.type === 'token' ? [event.text] : []));

    expect(tokens.join('')).toBe('I am Ada <3');
    expect(tokens.join('')).not.toContain('thinking');
  });

  it('throws model_unavailable after the tokens already sent when the stream is cut mid-answer', async () => {
    const tokensSeen = deferred();
    server.enqueue(async ({ res, cut }) => {
      startEventStream(res);
      await send(res, eventFrame('messageStart', { role: 'assistant' }));
      await send(res, eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'One' } }));
      await send(res, eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: ' two' } }));
      await tokensSeen.promise;
      cut();
    });
    const events: ChatStreamEvent[] = [];
    const stream = standInModel(server).stream(request());

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
      'the cut stream',
    );

    expect(events).toEqual([
      { type: 'token', text: 'One' },
      { type: 'token', text: ' two' },
    ]);
    // The reset stream itself is the cause, not the idle timeout standing in for it.
    expect(expectModelUnavailable(error).message).toBe('The language model failed to answer');
  });

  it('throws model_unavailable when the stream ends without messageStop', async () => {
    server.enqueue(async ({ res }) => {
      startEventStream(res);
      await send(res, eventFrame('messageStart', { role: 'assistant' }));
      await send(res, eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Half an' } }));
      res.end();
    });
    const events: ChatStreamEvent[] = [];

    const error = await within(
      rejection(collect(standInModel(server).stream(request()), events)),
      5_000,
      'the short stream',
    );

    expect(events).toEqual([{ type: 'token', text: 'Half an' }]);
    expect(expectModelUnavailable(error).message).toBe('The language model stream ended early');
  });

  it('throws model_unavailable when the server goes quiet mid-stream', async () => {
    server.enqueue(async ({ res, closed }) => {
      startEventStream(res);
      await send(res, eventFrame('messageStart', { role: 'assistant' }));
      await send(res, eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Thinking' } }));
      await closed;
    });
    const events: ChatStreamEvent[] = [];

    const error = await within(
      rejection(collect(standInModel(server, { timeoutMs: 200 }).stream(request()), events)),
      5_000,
      'the idle timeout',
    );

    expect(events).toEqual([{ type: 'token', text: 'Thinking' }]);
    expect(expectModelUnavailable(error).message).toBe('The language model stopped answering');
  });

  it('translates an exception event inside the stream without leaking its text', async () => {
    server.enqueue(bedrock.streamException(['Hm'], 'throttlingException', `slow down, ${SECRET}`));
    const events: ChatStreamEvent[] = [];

    const error = expectModelUnavailable(await rejection(collect(standInModel(server).stream(request()), events)));

    expect(events).toEqual([{ type: 'token', text: 'Hm' }]);
    expect(error.message).toBe('The language model is busy; try again shortly');
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('turns a stream with no text into model_unavailable', async () => {
    server.enqueue(bedrock.text('', { deltas: ['  '] }));

    const error = expectModelUnavailable(await rejection(collect(standInModel(server).stream(request()))));

    expect(error.message).toBe('The language model returned an empty answer');
  });

  it('rejects with the abort, not model_unavailable, and hangs up on the server', async () => {
    const serverSawHangUp = deferred();
    server.enqueue(async ({ res, closed }) => {
      startEventStream(res);
      await send(res, eventFrame('messageStart', { role: 'assistant' }));
      await send(res, eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Once' } }));
      await closed;
      serverSawHangUp.resolve();
    });
    const controller = new AbortController();
    const events = standInModel(server)
      .stream(request({ signal: controller.signal }))
      [Symbol.asyncIterator]();

    const first = await within(events.next(), 3_000, 'the first token');
    expect(first.value).toEqual({ type: 'token', text: 'Once' });
    controller.abort();
    const error = await within(rejection(events.next()), 3_000, 'the aborted stream');

    expect(error).toBe(controller.signal.reason);
    expect(error).not.toBeInstanceOf(DomainError);
    await within(serverSawHangUp.promise, 3_000, 'the server noticing the hang-up');
  });

  it('hangs up on the server when the consumer stops early', async () => {
    const serverSawHangUp = deferred();
    server.enqueue(async ({ res, closed }) => {
      startEventStream(res);
      await send(res, eventFrame('messageStart', { role: 'assistant' }));
      await send(res, eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Enough' } }));
      await closed;
      serverSawHangUp.resolve();
    });

    for await (const event of standInModel(server).stream(request())) {
      expect(event).toEqual({ type: 'token', text: 'Enough' });
      break;
    }

    await within(serverSawHangUp.promise, 3_000, 'the server noticing the hang-up');
  });

  it('streams through the Node HTTP/1.1 handler too', async () => {
    server.enqueue(bedrock.text('Over HTTP/1.1.'));

    const events = await collect(standInModel(server, { http1: true }).stream(request()));

    expect(events.at(-1)).toMatchObject({ type: 'done', grounded: true });
    expect(server.requests[0]?.protocol).toBe('http/1.1');
  });
});

describe('BedrockChatModel errors', () => {
  it.each([
    ['ThrottlingException', 'The language model is busy; try again shortly'],
    ['ServiceUnavailableException', 'The language model is busy; try again shortly'],
    ['ModelNotReadyException', 'The language model is busy; try again shortly'],
    ['ModelTimeoutException', 'The language model did not answer in time'],
    ['InternalServerException', 'The language model failed to answer'],
    ['ModelErrorException', 'The language model failed to answer'],
    ['ValidationException', 'The language model rejected the request'],
  ])('turns %s into model_unavailable without the server text', async (type, message) => {
    server.enqueue(bedrock.error(type, `internal detail: ${SECRET} at 10.0.0.7`));
    const logger = new RecordingLogger();

    const error = expectModelUnavailable(await rejection(standInModel(server, { logger }).complete(request())));

    expect(error.message).toBe(message);
    expect(error.expose).toBe(true);
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.cause).toBeDefined();
    // Transient failures are the service's to log per request, not the adapter's.
    expect(logger.entries).toEqual([]);
  });

  it('honours a Retry-After a compatible server sends with a throttle', async () => {
    server.enqueue(bedrock.error('ThrottlingException', 'slow down', { 'retry-after': '9' }));

    const error = expectModelUnavailable(await rejection(standInModel(server).complete(request())));

    expect(error.retryAfterSeconds).toBe(9);
  });

  it('throttles before the first token the same way when streaming', async () => {
    server.enqueue(bedrock.error('ThrottlingException', `rate exceeded for ${SECRET}`));

    const error = expectModelUnavailable(await rejection(collect(standInModel(server).stream(request()))));

    expect(error.message).toBe('The language model is busy; try again shortly');
  });

  it('retries a throttle when retries are allowed, then answers', async () => {
    server.enqueue(bedrock.error('ServiceUnavailableException', 'try again'), bedrock.text('Second time lucky.'));

    const completion = await standInModel(server, { maxAttempts: 2 }).complete(request());

    expect(completion.text).toBe('Second time lucky.');
    expect(server.requests).toHaveLength(2);
  });

  it('logs access denied once, with the fix, and answers 503-style every time', async () => {
    const logger = new RecordingLogger();
    const model = standInModel(server, { logger });
    server.enqueue(
      bedrock.error('AccessDeniedException', "You don't have access to the model with the specified model ID."),
      bedrock.error('AccessDeniedException', "You don't have access to the model with the specified model ID."),
    );

    const first = expectModelUnavailable(await rejection(model.complete(request())));
    const second = expectModelUnavailable(await rejection(collect(model.stream(request()))));

    for (const error of [first, second]) {
      expect(error.message).toBe('The language model is not available right now');
      expect(error.retryAfterSeconds).toBe(60);
    }
    expect(logger.entries).toHaveLength(1);
    expect(logger.entries[0]).toMatchObject({
      level: 'error',
      fields: { problem: 'access_denied', model_id: 'amazon.nova-lite-v1:0', region: 'us-east-1' },
    });
    expect(logger.entries[0]?.message).toContain('enable model access for amazon.nova-lite-v1:0 in region us-east-1');
  });

  it.each([
    [
      'ResourceNotFoundException',
      'Model not found.',
      'model_not_found',
      'aws bedrock list-foundation-models --region us-east-1',
    ],
    [
      'ValidationException',
      "Invocation of model ID amazon.nova-lite-v1:0 with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.",
      'needs_inference_profile',
      'such as us.amazon.nova-lite-v1:0',
    ],
    ['ValidationException', 'Input is too long for requested model.', 'context_too_long', 'lower TWIN_HISTORY_TOKENS'],
  ])('logs a %s that configuration must fix (%s) with the fix', async (type, message, problem, fix) => {
    const logger = new RecordingLogger();
    server.enqueue(bedrock.error(type, message));

    const error = expectModelUnavailable(await rejection(standInModel(server, { logger }).complete(request())));

    expect(error.message).toBe('The language model is not available right now');
    expect(logger.entries).toHaveLength(1);
    expect(logger.entries[0]?.fields).toMatchObject({ problem });
    expect(logger.entries[0]?.message).toContain(fix);
  });

  it('turns a server that never answers into model_unavailable after timeoutMs', async () => {
    server.enqueue(bedrock.hang());

    const error = await within(
      rejection(standInModel(server, { timeoutMs: 200 }).complete(request())),
      5_000,
      'the request timeout',
    );

    expect(expectModelUnavailable(error).message).toBe('The language model did not answer in time');
  });

  it('turns a refused connection into model_unavailable', async () => {
    const closed = await FakeBedrockServer.start();
    const model = standInModel(closed);
    await closed.close();

    const error = await within(rejection(model.complete(request())), 5_000, 'the refused connection');

    expect(expectModelUnavailable(error).message).toBe('The language model could not be reached');
  });

  it('rejects with the signal reason when the caller aborts while waiting', async () => {
    server.enqueue(bedrock.hang());
    const controller = new AbortController();
    const reason = new Error('the visitor left');

    const pending = rejection(standInModel(server).complete(request({ signal: controller.signal })));
    await within(server.waitForRequests(1), 3_000, 'the request reaching the server');
    controller.abort(reason);

    expect(await within(pending, 3_000, 'the aborted completion')).toBe(reason);
  });

  it('rejects with the signal reason when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();

    const completeError = await rejection(standInModel(server).complete(request({ signal: controller.signal })));
    const streamError = await rejection(collect(standInModel(server).stream(request({ signal: controller.signal }))));

    expect(completeError).toBe(controller.signal.reason);
    expect(streamError).toBe(controller.signal.reason);
  });
});

describe('BedrockChatModel without an injected client', () => {
  it('is named after its model id, Nova Lite by default, and counts tokens without loading anything', () => {
    expect(new BedrockChatModel().name).toBe('amazon.nova-lite-v1:0');
    expect(new BedrockChatModel({ modelId: 'eu.amazon.nova-pro-v1:0' }).name).toBe('eu.amazon.nova-pro-v1:0');
    expect(new BedrockChatModel().countTokens('hello world')).toBe(2);
    expect(new BedrockChatModel().countTokens('')).toBe(0);
  });
});
