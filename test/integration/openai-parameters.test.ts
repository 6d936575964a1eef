import OpenAI from 'openai';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_LIMIT_HEADROOM_TOKENS, OpenAiChatModel } from '../../src/adapters/openai/openai-chat-model.js';
import { countTokens } from '../../src/adapters/openai/token-counter.js';
import { FakeOpenAiServer, reply } from '../support/fake-openai-server.js';
import { appWith } from '../support/http-fixture.js';
import { type LiveServer, listen } from '../support/live-server.js';

// /v1/chat/completions parameters through the official SDK, with the real OpenAI adapter behind the
// twin talking to a loopback stand-in: deltas split anywhere, and the model's own tokenizer (o200k).
const ORIGIN = 'https://owner.example';
let upstream: FakeOpenAiServer;
let twin: LiveServer;
let client: OpenAI;
let fixture: ReturnType<typeof appWith>;

beforeAll(async () => {
  upstream = await FakeOpenAiServer.start();
  const model = new OpenAiChatModel({
    apiKey: 'sk-test',
    baseURL: upstream.baseURL,
    model: 'gpt-4o-mini',
    maxRetries: 0,
  });
  fixture = appWith({ model }, { CORS_ORIGINS: ORIGIN });
  twin = await listen(fixture.app);
  client = new OpenAI({ baseURL: `${twin.url}/v1`, apiKey: 'unused', maxRetries: 0, timeout: 10_000 });
});

beforeEach(() => upstream.reset());

afterAll(async () => {
  await twin?.close();
  await upstream?.close();
});

const ask = (content: string) => [{ role: 'user' as const, content }];

async function stored(sessionId: string | null): Promise<string[]> {
  const res = await request(fixture.server).get(`/conversation/${sessionId}`).expect(200);
  return res.body.messages.map((m: { content: string }) => m.content);
}

async function streamed(params: Omit<OpenAI.ChatCompletionCreateParamsStreaming, 'model' | 'stream'>) {
  const { data, response } = await client.chat.completions
    .create({ model: 'twin', stream: true, ...params })
    .withResponse();
  const deltas: string[] = [];
  let finish: string | null = null;
  for await (const chunk of data) {
    const choice = chunk.choices[0];
    if (choice?.delta.content) deltas.push(choice.delta.content);
    finish = choice?.finish_reason ?? finish;
  }
  return { deltas, text: deltas.join(''), finish, session: response.headers.get('x-session-id') };
}

describe('user and safety_identifier', () => {
  it.each([
    ['empty', ''],
    ['blank', '   '],
  ])(
    'treats an %s user as no user: each request gets a session of its own, named in X-Session-Id',
    async (_what, user) => {
      const sessions = [];
      for (let i = 0; i < 2; i++) {
        const { response } = await client.chat.completions
          .create({ model: 'twin', user, messages: ask(`Hello ${i}`) })
          .withResponse();
        sessions.push(response.headers.get('x-session-id'));
      }
      expect(sessions[0]).toMatch(/^5f3c9e21-/); // issued by the server (the fixture's sequential ids), not derived from ''
      expect(sessions[1]).not.toBe(sessions[0]);
      expect(await stored(sessions[0] as string)).toEqual(['Hello 0', 'Hello from the fake model.']);
    },
  );

  it('stores a guessable user (or safety_identifier) exchange under a server-issued id, which GET /conversation finds', async () => {
    for (const field of ['user', 'safety_identifier'] as const) {
      const value = `ana-${field}@example.org`;
      const { response } = await client.chat.completions
        .create({ model: 'twin', [field]: value, messages: ask('Remember me') })
        .withResponse();
      const session = response.headers.get('x-session-id');
      expect(session).not.toContain('ana');
      expect(await stored(session)).toEqual(['Remember me', 'Hello from the fake model.']);
      // Nothing another client can compute from the value leads to it.
      await request(fixture.server)
        .get(`/conversation/${encodeURIComponent(value)}`)
        .expect(404);
    }
  });

  it('exposes X-Session-Id to browser pages of allowed origins', async () => {
    const res = await request(fixture.server)
      .post('/v1/chat/completions')
      .set('Origin', ORIGIN)
      .send({ model: 'twin', messages: ask('Hi') })
      .expect(200);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(res.headers['access-control-expose-headers']?.split(/,\s*/)).toContain('X-Session-Id');
  });
});

describe('n', () => {
  it.each([2, 0, 1.5, 128])('answers n: %s with a 400 naming n', async (n) => {
    const res = await request(fixture.server)
      .post('/v1/chat/completions')
      .send({ model: 'twin', n, messages: ask('Hi') })
      .expect(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.message).toMatch(/^n: /);
    expect(upstream.requests).toHaveLength(0);
  });

  it('accepts n: 1 and n: null', async () => {
    for (const n of [1, null]) {
      const completion = await client.chat.completions.create({ model: 'twin', n, messages: ask('Hi') });
      expect(completion.choices).toHaveLength(1);
    }
  });
});

describe('stop', () => {
  const answer = 'I live in Lisbon, Portugal. Ask me about Lisbon.';

  it.each([
    ['a string', 'Lisbon', 'I live in '],
    ['a list', ['Portugal', 'Lisbon'], 'I live in '],
    ['a list whose first match ends first', ['Portugal', ', P'], 'I live in Lisbon'],
    ['a sequence the answer never writes', ['Madrid'], answer],
    ['a newline', '\n', answer],
  ])('cuts the JSON answer at %s and stores what the client got', async (_label, stop, expected) => {
    upstream.enqueue(reply.text(answer));
    const { data, response } = await client.chat.completions
      .create({ model: 'twin', stop, messages: ask('Where do you live?') })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe(expected);
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(await stored(response.headers.get('x-session-id'))).toEqual(['Where do you live?', expected]);
  });

  it.each([
    [['I live in Lis', 'bon, Portugal.']],
    [['I live in L', 'i', 's', 'b', 'o', 'n, Portugal.']],
    [['I live in Lisb', 'on', ', Portugal.']],
    [['I live in ', 'Lisbon, Portugal.']],
  ])('stops a stream on a sequence split over deltas (%j) and sends nothing after it', async (tokens) => {
    upstream.enqueue(reply.stream(tokens));
    const result = await streamed({ stop: ['Lisbon'], messages: ask('Where do you live?') });
    expect(result.text).toBe('I live in ');
    expect(result.deltas.join('')).not.toMatch(/L|Portugal/);
    expect(result.finish).toBe('stop');
    expect(await stored(result.session)).toEqual(['Where do you live?', 'I live in ']);
  });

  it('releases a held start that was not a stop sequence when the stream ends', async () => {
    upstream.enqueue(reply.stream(['I say Lis', 'sabon. Lis']));
    const result = await streamed({ stop: ['Lisbon'], messages: ask('Say it') });
    expect(result.text).toBe('I say Lissabon. Lis');
    expect(await stored(result.session)).toEqual(['Say it', 'I say Lissabon. Lis']);
  });

  it('returns an empty answer when the stop sequence comes first, and stores only the question', async () => {
    upstream.enqueue(reply.text('Lisbon is home.'));
    const { data, response } = await client.chat.completions
      .create({ model: 'twin', stop: 'Lisbon', messages: ask('Where?') })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('');
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(await stored(response.headers.get('x-session-id'))).toEqual(['Where?']);
  });

  it.each([
    [[''], 'stop'],
    [['a', 'b', 'c', 'd', 'e'], 'stop'],
    [[1], 'stop'],
  ])('rejects stop %j with a 400 naming it', async (stop, name) => {
    const res = await request(fixture.server)
      .post('/v1/chat/completions')
      .send({ model: 'twin', stop, messages: ask('Hi') })
      .expect(400);
    expect(res.body.error.message.startsWith(name)).toBe(true);
  });
});

describe('max_tokens and max_completion_tokens', () => {
  const answer = 'The capital of Portugal is Lisbon, a city of seven hills and many trams.';

  it.each(['max_tokens', 'max_completion_tokens'] as const)(
    '%s: 1 gives one token, finish_reason length, and stores it',
    async (name) => {
      upstream.enqueue(reply.text(answer));
      const { data, response } = await client.chat.completions
        .create({ model: 'twin', [name]: 1, messages: ask('Capital?') })
        .withResponse();
      expect(data.choices[0]?.message.content).toBe('The');
      expect(data.choices[0]?.finish_reason).toBe('length');
      expect(await stored(response.headers.get('x-session-id'))).toEqual(['Capital?', 'The']);
      // Upstream is told too (with headroom for a tool call); the twin cuts exactly.
      expect(upstream.requests[0]?.body.max_completion_tokens).toBe(1 + CLIENT_LIMIT_HEADROOM_TOKENS);
    },
  );

  it.each([1, 2, 5, 9, 15, 40])('cuts JSON and streams alike within %i tokens of the model tokenizer', async (max) => {
    upstream.enqueue(reply.text(answer), reply.text(answer));
    const json = await client.chat.completions
      .create({ model: 'twin', max_tokens: max, messages: ask('Capital?') })
      .withResponse();
    const stream = await streamed({ max_completion_tokens: max, messages: ask('Capital?') });
    const text = json.data.choices[0]?.message.content ?? '';
    expect(countTokens(text)).toBe(Math.min(max, countTokens(answer)));
    expect(answer.startsWith(text)).toBe(true);
    expect(stream.text).toBe(text);
    const reason = countTokens(answer) > max ? 'length' : 'stop';
    expect([json.data.choices[0]?.finish_reason, stream.finish]).toEqual([reason, reason]);
    expect((await stored(json.response.headers.get('x-session-id'))).at(-1)).toBe(text);
    expect((await stored(stream.session)).at(-1)).toBe(text);
  });

  it('takes the smaller when both are given', async () => {
    upstream.enqueue(reply.text(answer));
    const completion = await client.chat.completions.create({
      model: 'twin',
      max_tokens: 3,
      max_completion_tokens: 2,
      messages: ask('Capital?'),
    });
    expect(completion.choices[0]?.message.content).toBe('The capital');
  });

  it('says length when the upstream model stopped at its own limit', async () => {
    upstream.enqueue(({ request: sent, res }) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const message = { role: 'assistant', content: 'The capital of', refusal: null };
      res.end(
        JSON.stringify({
          id: 'x',
          object: 'chat.completion',
          created: 0,
          model: sent.body.model,
          choices: [{ index: 0, message, finish_reason: 'length' }],
        }),
      );
    });
    const completion = await client.chat.completions.create({ model: 'twin', messages: ask('Capital?') });
    expect(completion.choices[0]).toMatchObject({ message: { content: 'The capital of' }, finish_reason: 'length' });
  });

  it.each([
    ['max_tokens', 0],
    ['max_tokens', -1],
    ['max_tokens', 1.5],
    ['max_tokens', '5'],
    ['max_completion_tokens', 0],
    // Ignored, but checked against OpenAI's ranges as OpenAI would.
    ['temperature', 'hot'],
    ['temperature', 5],
    ['temperature', -0.1],
    ['top_p', 1.5],
    ['presence_penalty', 3],
    ['frequency_penalty', -2.5],
    ['seed', 1.5],
  ])('rejects %s: %j with a 400 naming it', async (name, value) => {
    const res = await request(fixture.server)
      .post('/v1/chat/completions')
      .send({ model: 'twin', [name]: value, messages: ask('Hi') })
      .expect(400);
    expect(res.body.error.message.startsWith(`${name}:`)).toBe(true);
  });

  it('accepts the ignored sampling parameters within OpenAI’s ranges, and null', async () => {
    for (const params of [
      { temperature: 0, top_p: 1 },
      { temperature: 2, presence_penalty: -2, seed: 42 },
      { temperature: null },
    ]) {
      await request(fixture.server)
        .post('/v1/chat/completions')
        .send({ model: 'twin', messages: ask('Hi'), ...params })
        .expect(200);
    }
  });
});
