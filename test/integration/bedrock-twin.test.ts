import supertest from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BedrockChatModel } from '../../src/adapters/bedrock/bedrock-chat-model.js';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { createLambdaHandlers, type LambdaHandlers } from '../../src/app/lambda/lambda-host.js';
import { localStreamingRuntime } from '../../src/app/lambda/streaming-runtime.js';
import { TOKENS } from '../../src/app/tokens.js';
import type { ChatModel } from '../../src/ports/chat-model.js';
import { DUMMY_CREDENTIALS, signatureOf, standInModel } from '../support/bedrock-stand-in.js';
import { eventFrame } from '../support/event-stream.js';
import { bedrock, FakeBedrockServer, finishStream, send, startEventStream } from '../support/fake-bedrock-server.js';
import { deferred } from '../support/fake-openai-server.js';
import { testConfig } from '../support/http-fixture.js';
import { httpApiEvent, recordingResponseStream } from '../support/lambda-events.js';
import { listen } from '../support/live-server.js';
import { testPersona } from '../support/personas.js';
import { readEvents, type SseEvent } from '../support/sse.js';
import { fakeAdapters } from '../support/twin-fixture.js';

// The configured path signs with the default credential chain, as on Lambda: keys in the
// environment come first in that chain, so it never looks further (no profile, no IMDS).
process.env.AWS_ACCESS_KEY_ID = DUMMY_CREDENTIALS.accessKeyId;
process.env.AWS_SECRET_ACCESS_KEY = DUMMY_CREDENTIALS.secretAccessKey;
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_CONFIG_FILE = '/nonexistent/aws-config';
process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/aws-credentials';
delete process.env.AWS_PROFILE;
delete process.env.AWS_SESSION_TOKEN;

const JSON_HEADERS = { 'content-type': 'application/json' };

let server: FakeBedrockServer;
beforeAll(async () => {
  server = await FakeBedrockServer.start();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
});

/** The app with the Bedrock adapter on an injected stand-in client, every other port faked. */
function bedrockApp(model: ChatModel = standInModel(server)) {
  const adapters = fakeAdapters({ model });
  const container = buildContainer(testConfig({ TWIN_MODEL: 'bedrock' }), adapters);
  return { app: createApp(container), adapters };
}

/** A stream whose second delta waits for the test: proves tokens pass through as they arrive. */
function pausedStream(goOn: Promise<void>) {
  return async ({ res }: Parameters<Parameters<FakeBedrockServer['enqueue']>[0]>[0]) => {
    startEventStream(res);
    await send(res, eventFrame('messageStart', { role: 'assistant' }));
    await send(res, eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Lisbon,' } }));
    await goOn;
    await send(res, eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: ' Portugal.' } }));
    await finishStream(res, 'end_turn', { inputTokens: 50, outputTokens: 3 }, 0);
  };
}

describe('TWIN_MODEL=bedrock over HTTP', () => {
  it('answers POST /chat with Bedrock’s text, grounded, and keeps both messages', async () => {
    server.enqueue(bedrock.text("I'm based in Lisbon, Portugal."));
    const http = supertest(bedrockApp().app.callback());

    const res = await http.post('/chat').send({ message: 'Where are you based?' }).expect(200);

    expect(res.body).toMatchObject({ response: "I'm based in Lisbon, Portugal.", grounded: true });
    const conversation = await http.get(`/conversation/${res.body.session_id}`).expect(200);
    expect(conversation.body.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
    const sent = server.requests[0]?.body;
    expect(sent?.system?.[0]?.text).toContain('Noor');
    expect(sent?.messages?.at(-1)).toEqual({ role: 'user', content: [{ text: 'Where are you based?' }] });
  });

  it('streams POST /chat/stream token by token as Bedrock sends them', async () => {
    const goOn = deferred();
    server.enqueue(pausedStream(goOn.promise));
    const live = await listen(bedrockApp().app);
    try {
      const response = await fetch(`${live.url}/chat/stream`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({ message: 'Where are you based?' }),
      });
      const events: SseEvent[] = [];
      for await (const event of readEvents(response)) {
        events.push(event);
        // The first token reached the browser while Bedrock still held the rest back.
        if (event.event === 'token') goOn.resolve();
      }
      expect(events.map((e) => e.event)).toEqual(['session', 'token', 'token', 'done']);
      expect(events.filter((e) => e.event === 'token').map((e) => (e.data as { text: string }).text)).toEqual([
        'Lisbon,',
        ' Portugal.',
      ]);
      expect(events.at(-1)?.data).toMatchObject({ response: 'Lisbon, Portugal.', grounded: true });
    } finally {
      await live.close();
    }
  });

  it('answers /v1/chat/completions, JSON and streamed, from Bedrock', async () => {
    server.enqueue(
      bedrock.text('I build simulators.'),
      bedrock.text('I build simulators.', { deltas: ['I build', ' simulators.'] }),
    );
    const http = supertest(bedrockApp().app.callback());
    const messages = [{ role: 'user', content: 'What do you build?' }];

    const json = await http.post('/v1/chat/completions').send({ model: 'twin', messages }).expect(200);
    const streamed = await http
      .post('/v1/chat/completions')
      .send({ model: 'twin', messages, stream: true })
      .expect(200);

    expect(json.body.choices[0].message.content).toBe('I build simulators.');
    const deltas = streamed.text
      .split('\n\n')
      .filter((block) => block.startsWith('data: {'))
      .map((block) => JSON.parse(block.slice(6)).choices[0]?.delta?.content)
      .filter((content): content is string => typeof content === 'string' && content !== '');
    expect(deltas).toEqual(['I build', ' simulators.']);
    expect(server.requests.map((r) => r.operation)).toEqual(['converse', 'converse-stream']);
  });

  it('spends Bedrock’s own token counts against the budget, then rests without calling it', async () => {
    server.enqueue(bedrock.text('A long answer.', { usage: { inputTokens: 900, outputTokens: 200 } }));
    const adapters = fakeAdapters({ model: standInModel(server) });
    const config = testConfig({ TWIN_MODEL: 'bedrock', TWIN_DAILY_TOKEN_BUDGET: '1000' });
    const http = supertest(createApp(buildContainer(config, adapters)).callback());

    await http.post('/chat').send({ message: 'Tell me everything.' }).expect(200);
    const rested = await http.post('/chat').send({ message: 'And more?' }).expect(200);

    expect(rested.body.response).toContain('resting');
    expect(server.requests).toHaveLength(1);
    expect(adapters.metrics.named('InputTokens').map((p) => p.value)).toEqual([900]);
    expect(adapters.metrics.named('EstimatedCost')[0]?.value).toBeCloseTo((900 * 0.06 + 200 * 0.24) / 1e6, 12);
  });

  it('answers a throttle with 503 model_unavailable and Retry-After, keeping the visitor’s message', async () => {
    server.enqueue(bedrock.error('ThrottlingException', 'Too many requests, please wait before trying again.'));
    const http = supertest(bedrockApp().app.callback());

    const res = await http.post('/chat').send({ message: 'Are you there?' }).expect(503);

    expect(res.body.error.code).toBe('model_unavailable');
    expect(res.body.error.message).not.toContain('Too many requests');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    const sessions = await http.get('/sessions').set('Authorization', 'Bearer test-admin-token-0123456789').expect(200);
    const sessionId = sessions.body.sessions[0]?.session_id as string;
    const conversation = await http.get(`/conversation/${sessionId}`).expect(200);
    expect(conversation.body.messages).toEqual([expect.objectContaining({ role: 'user', content: 'Are you there?' })]);
  });

  it('answers access denied with 503 and logs the fix once', async () => {
    server.enqueue(
      bedrock.error('AccessDeniedException', "You don't have access to the model with the specified model ID."),
      bedrock.error('AccessDeniedException', "You don't have access to the model with the specified model ID."),
    );
    const adapters = fakeAdapters();
    const model = standInModel(server, { logger: adapters.logger });
    const http = supertest(createApp(buildContainer(testConfig(), { ...adapters, model })).callback());

    await http.post('/chat').send({ message: 'Hello?' }).expect(503);
    const second = await http.post('/chat').send({ message: 'Hello again?' }).expect(503);

    expect(second.body.error).toEqual({
      code: 'model_unavailable',
      message: 'The language model is not available right now',
    });
    expect(second.headers['retry-after']).toBe('60');
    const fixes = adapters.logger.entries.filter((entry) => entry.message?.includes('enable model access'));
    expect(fixes).toHaveLength(1);
    expect(fixes[0]?.message).toContain('amazon.nova-lite-v1:0 in region us-east-1');
  });
});

describe('TWIN_MODEL=bedrock from configuration alone', () => {
  const env = () => ({
    TWIN_MODEL: 'bedrock',
    BEDROCK_MODEL_ID: 'us.amazon.nova-lite-v1:0',
    BEDROCK_ENDPOINT: server.http1Endpoint,
    BEDROCK_MAX_RETRIES: '0',
    BEDROCK_MAX_TOKENS: '500',
    BEDROCK_TEMPERATURE: '0.3',
    AWS_REGION: 'eu-west-1',
    BEDROCK_REGION: 'us-east-1',
  });

  it('builds a Bedrock model that signs with the credential chain and sends the configured inferenceConfig', async () => {
    const { model: _scripted, ...adapters } = fakeAdapters();
    const container = buildContainer(testConfig(env()), adapters);
    const model = container.get<ChatModel>(TOKENS.Model);
    expect(model).toBeInstanceOf(BedrockChatModel);
    expect(model.name).toBe('us.amazon.nova-lite-v1:0');
    server.enqueue(bedrock.text('Configured.'));

    const request = { system: 'S', messages: [{ role: 'user' as const, content: 'Hi' }], persona: testPersona() };
    expect((await model.complete(request)).text).toBe('Configured.');

    const [sent] = server.requests;
    expect(sent?.path).toBe('/model/us.amazon.nova-lite-v1%3A0/converse');
    // A cleartext endpoint is a local server: spoken to over HTTP/1.1.
    expect(sent?.protocol).toBe('http/1.1');
    expect(sent?.body.inferenceConfig).toEqual({ maxTokens: 500, temperature: 0.3 });
    expect(sent && signatureOf(sent)).toMatchObject({
      accessKeyId: DUMMY_CREDENTIALS.accessKeyId,
      region: 'us-east-1',
      service: 'bedrock',
    });
  });

  describe('through the Lambda handlers', () => {
    let lambda: LambdaHandlers;
    beforeAll(() => {
      const { model: _scripted, ...adapters } = fakeAdapters();
      lambda = createLambdaHandlers({
        config: () => testConfig(env()),
        overrides: adapters,
        runtime: localStreamingRuntime,
      });
    });
    afterAll(async () => {
      await lambda.close();
    });

    it('answers the HTTP API handler', async () => {
      server.enqueue(bedrock.text('From Lambda.'));

      const result = await lambda.handler(
        httpApiEvent('POST', '/chat', { headers: JSON_HEADERS, body: JSON.stringify({ message: 'Hi' }) }),
      );

      expect(result.statusCode).toBe(200);
      expect(JSON.parse(result.body)).toMatchObject({ response: 'From Lambda.', grounded: true });
    });

    it('streams through the Function URL handler as Bedrock sends the tokens', async () => {
      const goOn = deferred();
      server.enqueue(pausedStream(goOn.promise));
      const { stream, result } = recordingResponseStream();
      // The stand-in holds the second delta until the first has been written to the response stream.
      const original = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: never[]) => {
        if (String(chunk).includes('event: token')) goOn.resolve();
        return original(chunk as Buffer, ...rest);
      }) as typeof stream.write;

      await lambda.streamHandler(
        httpApiEvent('POST', '/chat/stream', { headers: JSON_HEADERS, body: JSON.stringify({ message: 'Where?' }) }),
        stream,
      );

      const streamed = await result();
      expect(streamed.prelude.statusCode).toBe(200);
      const tokens = [...streamed.body.matchAll(/event: token\ndata: (.*)\n/g)].map(
        (m) => JSON.parse(m[1] ?? '{}').text,
      );
      expect(tokens).toEqual(['Lisbon,', ' Portugal.']);
      expect(streamed.chunks).toBeGreaterThan(2);
      expect(server.requests[0]?.operation).toBe('converse-stream');
    });
  });
});
