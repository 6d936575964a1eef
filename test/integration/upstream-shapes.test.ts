import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpenAiChatModel } from '../../src/adapters/openai/openai-chat-model.js';
import { FakeOpenAiServer, reply, type UpstreamShape } from '../support/fake-openai-server.js';
import { appWith } from '../support/http-fixture.js';

// OpenAI-compatible servers end answers differently. Every shape, through every surface, in JSON and
// stream: text is an answer (stored, returned); empty or null content is model_unavailable, the
// visitor's question is kept, nothing empty is stored, and nothing empty is sent upstream next turn.
const ANSWER = 'Shaped answer from upstream.';
let upstream: FakeOpenAiServer;
let fixture: ReturnType<typeof appWith>;

beforeAll(async () => {
  upstream = await FakeOpenAiServer.start();
  const model = new OpenAiChatModel({ apiKey: 'sk-test', baseURL: upstream.baseURL, maxRetries: 0, timeoutMs: 5_000 });
  fixture = appWith({ model });
});

beforeEach(() => upstream.reset());

afterAll(async () => {
  await upstream?.close();
});

type Surface = 'chat' | 'completions' | 'responses';
type Outcome = { ok: true; text: string; session: string } | { ok: false; code: string; session: string };

/** Asks through one surface; returns the answer text, or the error code, and the session it was stored under. */
async function ask(surface: Surface, stream: boolean, question: string): Promise<Outcome> {
  const app = fixture.server;
  if (surface === 'chat') {
    const res = await request(app)
      .post(stream ? '/chat/stream' : '/chat')
      .send({ message: question })
      .buffer(true);
    if (!stream) {
      const session = res.body.session_id ?? (await latestSession());
      return res.status === 200
        ? { ok: true, text: res.body.response, session }
        : { ok: false, code: res.body.error.code, session };
    }
    const events = [...res.text.matchAll(/^event: (\w+)\ndata: (.*)$/gm)].map((m) => ({
      event: m[1],
      data: JSON.parse(m[2] as string),
    }));
    const session = events.find((e) => e.event === 'session')?.data.session_id;
    const done = events.find((e) => e.event === 'done');
    if (done)
      return {
        ok: true,
        text: events
          .filter((e) => e.event === 'token')
          .map((e) => e.data.text)
          .join(''),
        session,
      };
    return { ok: false, code: events.find((e) => e.event === 'error')?.data.error.code, session };
  }
  const path = surface === 'completions' ? '/v1/chat/completions' : '/v1/responses';
  const body =
    surface === 'completions'
      ? { model: 'twin', stream, messages: [{ role: 'user', content: question }] }
      : { model: 'twin', stream, input: question };
  const res = await request(app).post(path).send(body).buffer(true);
  // A failed JSON turn names no session (without `user` the client holds the history anyway).
  const session = (res.headers['x-session-id'] as string | undefined) ?? (await latestSession());
  if (!stream) {
    if (res.status !== 200) return { ok: false, code: res.body.error.code, session };
    const text = surface === 'completions' ? res.body.choices[0].message.content : res.body.output[0].content[0].text;
    return { ok: true, text, session };
  }
  const data = [...res.text.matchAll(/^data: (.*)$/gm)]
    .map((m) => m[1] as string)
    .filter((d) => d !== '[DONE]')
    .map((d) => JSON.parse(d));
  if (surface === 'completions') {
    const failed = data.find((d) => d.error);
    if (failed) return { ok: false, code: failed.error.code, session };
    return { ok: true, text: data.map((d) => d.choices[0]?.delta.content ?? '').join(''), session };
  }
  const failed = data.find((d) => d.type === 'response.failed');
  if (failed) return { ok: false, code: failed.response.error.code, session };
  const deltas = data
    .filter((d) => d.type === 'response.output_text.delta')
    .map((d) => d.delta)
    .join('');
  expect(data.at(-1).type).toBe('response.completed');
  return { ok: true, text: deltas, session };
}

async function latestSession(): Promise<string> {
  const page = await fixture.adapters.store.listSessions({ limit: 1 });
  return page.items[0]?.session_id as string;
}

const shapes: UpstreamShape[] = [];
for (const finishReason of [true, false]) {
  for (const done of [true, false]) {
    for (const content of ['text', 'empty', 'null'] as const)
      shapes.push({ finishReason, done, content, text: ANSWER });
  }
}
const cases = shapes.flatMap((shape) =>
  (['chat', 'completions', 'responses'] as const).flatMap((surface) =>
    [false, true].map((stream) => {
      const label = `${shape.content}, finish_reason ${shape.finishReason ? 'present' : 'absent'}, [DONE] ${shape.done ? 'present' : 'absent'}: ${surface} ${stream ? 'stream' : 'JSON'}`;
      return [label, shape, surface, stream] as const;
    }),
  ),
);

describe('upstream answer shapes', () => {
  it.each(cases)('%s', async (_label, shape, surface, stream) => {
    upstream.enqueue(reply.shaped(shape));
    const question = `Question for ${_label}`;
    const outcome = await ask(surface, stream, question);

    const messages = (await fixture.adapters.store.load(outcome.session as never))?.messages ?? [];
    if (shape.content === 'text') {
      expect(outcome).toMatchObject({ ok: true, text: ANSWER });
      expect(messages.map((m) => m.content)).toEqual([question, ANSWER]);
    } else {
      expect(outcome).toMatchObject({ ok: false, code: 'model_unavailable' });
      // The visitor's message is kept; no empty answer is stored.
      expect(messages.map((m) => m.content)).toEqual([question]);
    }

    // The next turn on the same session sends the model nothing empty.
    upstream.enqueue(reply.text('Next answer.'));
    await request(fixture.server).post('/chat').send({ message: 'And next?', session_id: outcome.session }).expect(200);
    const sent = upstream.requests.at(-1)?.body.messages ?? [];
    expect(sent.every((m) => typeof m.content === 'string' && m.content.trim() !== '')).toBe(true);
    expect(sent.map((m) => m.content).slice(1)).toEqual(
      shape.content === 'text' ? [question, ANSWER, 'And next?'] : [question, 'And next?'],
    );
  });
});
