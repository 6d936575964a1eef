import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chunk, type FakeHandler, reply, sse, startSse } from '../support/fake-openai-server.js';
import { ANSWER, countsOf, expectCounts, ModelStandIn, RESTED, transcript, withTwin } from '../support/turn-rig.js';
import { SURFACES, type Surface } from '../support/turn-surfaces.js';

let model: ModelStandIn;
beforeAll(async () => {
  model = await ModelStandIn.start();
});
afterAll(async () => {
  await model.close();
});
beforeEach(() => {
  model.reset();
});

const table = (surfaces: readonly Surface[]) => surfaces.map((s) => [s.name, s] as const);
// Surfaces a test can cut mid-answer over a real socket (Lambda's stream is cut by Lambda itself).
const HTTP_SURFACES = SURFACES.filter((s) => !s.name.startsWith('Lambda') && s.clients);

/** Streams a first token (when asked to stream), then holds the answer until the twin hangs up; counts the hang-ups. */
function partialThenWait(): { handler: FakeHandler; hungUp: () => number } {
  let hungUp = 0;
  const handler: FakeHandler = async ({ request, res, closed }) => {
    if (!request.body.stream) {
      await closed;
      hungUp += 1;
      return;
    }
    startSse(res);
    await sse(res, chunk(request.body.model, { role: 'assistant', content: '' }));
    await sse(res, chunk(request.body.model, { content: 'Partial ' }));
    await closed;
    hungUp += 1;
  };
  return { handler, hungUp: () => hungUp };
}

/**
 * Sends `message` on the surface and cuts the connection mid-answer: a stream after its first
 * token, a JSON request once the model has it. `session` continues a conversation (`user` on /v1).
 */
async function cutTurn(url: string, name: string, message: string, session?: string): Promise<boolean> {
  const v1 = name.includes('/v1');
  const streaming = name.includes('stream');
  const body = v1
    ? { model: 'twin', stream: streaming, user: session, messages: [{ role: 'user', content: message }] }
    : { message, session_id: session };
  const route = v1 ? '/v1/chat/completions' : streaming ? '/chat/stream' : '/chat';
  const controller = new AbortController();
  const asked = model.server.requests.length;
  const sent = fetch(`${url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: controller.signal,
  });
  if (!streaming) {
    // A resting answer comes back at once; an answer in the making reaches the model first.
    const reached = await Promise.race([
      model.server.waitForRequests(asked + 1).then(() => true),
      sent.then(
        () => false,
        () => false,
      ),
    ]);
    controller.abort();
    await sent.catch(() => undefined);
    return reached;
  }
  const reader = ((await sent).body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes('Partial')) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  controller.abort();
  return text.includes('Partial');
}

describe('a model that reports no usage', () => {
  it.each(table(SURFACES))('%s: its answers still spend the daily budget (estimated)', async (_name, s) => {
    model.answer = reply.text(ANSWER, { usage: null });
    await withTwin(model, s, { TWIN_DAILY_TOKEN_BUDGET: '1000' }, async (rig) => {
      // The twin counts the prompt it sent (hundreds of tokens): a few answers spend the budget.
      const turns = await rig.converse(['One?', 'Two?', 'Three?', 'Four?', 'Five?', 'Six?']);
      const answered = turns.filter((t) => t.text === ANSWER).length;
      expect(answered).toBeGreaterThanOrEqual(1);
      expect(turns.slice(answered).every((t) => t.text === RESTED)).toBe(true);
      expect(model.calls.length).toBe(answered);
      expect(answered).toBeLessThanOrEqual(3);
    });
  });
});

describe('an empty answer from the model', () => {
  it.each(table(SURFACES))('%s: is an error, never stored, and the question is counted once', async (_name, s) => {
    model.answer = reply.text(' \n ');
    await withTwin(model, s, {}, async (rig) => {
      const session = s.name.startsWith('twin') ? undefined : '7d4b0f4e-8a44-4c1f-9a55-0b8f3e0f6a21';
      const turns = await rig.converse(['Hello?', 'Again?'], session ? { session } : {});
      for (const turn of turns) expect(turn.text).toMatch(/model_unavailable|empty answer/);
      const stored = await transcript(rig, session ?? turns[0]?.sessionId);
      expect(stored.map((m) => m.role)).toEqual(['user', 'user']);
      await expectCounts(rig, countsOf([stored]));
    });
  });

  it.each(table(SURFACES))('%s: still spends the tokens the model reported', async (_name, s) => {
    // A visitor can ask the model to "answer with nothing": each such turn costs real tokens.
    model.answer = reply.text('', { usage: { prompt_tokens: 60_000, completion_tokens: 0 } });
    await withTwin(model, s, { TWIN_DAILY_TOKEN_BUDGET: '50000' }, async (rig) => {
      const turns = await rig.converse(['Say nothing.', 'Say nothing.', 'Say nothing.']);
      expect(turns[0]?.text).toMatch(/model_unavailable|empty answer/);
      expect(turns.slice(1).map((t) => t.text)).toEqual([RESTED, RESTED]);
      expect(model.calls).toHaveLength(1);
    });
  });
});

describe('a stream the visitor cuts mid-answer', () => {
  it.each(table(HTTP_SURFACES))('%s: stores and counts the same messages', async (name, s) => {
    const partial = partialThenWait();
    model.answer = partial.handler;
    await withTwin(model, s, {}, async (rig) => {
      const session = '5f0c7a52-52a1-4e0e-8f8e-3d1b7f0c9a10';
      expect(await cutTurn(rig.url as string, name, 'Tell me a long story', session)).toBe(true);
      await expect.poll(partial.hungUp).toBe(1);
      const stored = await transcript(rig, session);
      expect(stored[0]).toMatchObject({ role: 'user', content: 'Tell me a long story' });
      await expectCounts(rig, countsOf([stored]));
    });
  });

  it.each(table(HTTP_SURFACES))(
    '%s: is charged: cutting every answer cannot spend past the daily budget',
    async (name, s) => {
      const partial = partialThenWait();
      model.answer = partial.handler;
      // One turn is estimated at ~4,500 tokens (TWIN_CONTEXT_TOKENS + 500): the budget holds two.
      await withTwin(model, s, { TWIN_DAILY_TOKEN_BUDGET: '9000' }, async (rig) => {
        for (let i = 1; i <= 4; i += 1) {
          if (!(await cutTurn(rig.url as string, name, `Story ${i}`))) break; // resting now
          await expect.poll(partial.hungUp).toBe(i);
        }
        model.answer = reply.text(ANSWER);
        const [after] = await rig.converse(['And now?']);
        expect(after?.text).toBe(RESTED);
        expect(model.calls.length).toBeLessThanOrEqual(3);
      });
    },
  );
});

describe('the per-client share of the daily budget (TWIN_CLIENT_DAILY_TOKEN_BUDGET)', () => {
  // The CLI has no visitor address: it is the owner's terminal, where the share does not apply.
  const withClients = SURFACES.filter((s) => s.clients);
  const env = { TWIN_CLIENT_DAILY_TOKEN_BUDGET: '50000', TWIN_TRUST_PROXY: 'true' };

  it.each(table(withClients))('%s: rests one client without resting the others', async (_name, s) => {
    model.answer = reply.text(ANSWER, { usage: { prompt_tokens: 60_000, completion_tokens: 2 } });
    await withTwin(model, s, env, async (rig) => {
      const first = await rig.converse(['One?', 'Two?'], { client: '198.51.100.1' });
      expect(first.map((t) => t.text)).toEqual([ANSWER, RESTED]);
      // A new conversation does not buy the same client a new share.
      const again = await rig.converse(['Three?'], { client: '198.51.100.1' });
      expect(again[0]?.text).toBe(RESTED);
      const other = await rig.converse(['One?'], { client: '198.51.100.2' });
      expect(other[0]?.text).toBe(ANSWER);
      expect(model.calls).toHaveLength(2);
    });
  });

  it.each(table(withClients))('%s: the daily budget still caps every client together', async (_name, s) => {
    model.answer = reply.text(ANSWER, { usage: { prompt_tokens: 60_000, completion_tokens: 2 } });
    await withTwin(model, s, { ...env, TWIN_DAILY_TOKEN_BUDGET: '100000' }, async (rig) => {
      const texts = [];
      for (const client of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
        texts.push((await rig.converse(['Hello?'], { client }))[0]?.text);
      }
      expect(texts).toEqual([ANSWER, ANSWER, RESTED]);
    });
  });

  // A subscriber picks any address of its /64 at will, and proxies spell one IPv4 address several ways.
  it.each(table(withClients))('%s: one /64, or one IPv4 address however written, is one client', async (_name, s) => {
    model.answer = reply.text(ANSWER, { usage: { prompt_tokens: 60_000, completion_tokens: 2 } });
    await withTwin(model, s, env, async (rig) => {
      const answered = async (client: string) => (await rig.converse(['Hello?'], { client }))[0]?.text === ANSWER;
      expect(await answered('2001:db8:1:2::1')).toBe(true);
      for (const sameSubnet of ['2001:db8:1:2:ffff:ffff:ffff:fffe', '2001:0DB8:0001:0002:abcd::9']) {
        expect(await answered(sameSubnet)).toBe(false);
      }
      expect(await answered('2001:db8:1:3::1')).toBe(true);
      expect(await answered('10.0.0.1')).toBe(true);
      for (const sameAddress of ['::ffff:10.0.0.1', '::ffff:a00:1', '010.0.0.1', '10.0.0.01']) {
        expect(await answered(sameAddress)).toBe(false);
      }
      expect(model.calls).toHaveLength(3);
    });
  });

  // Lambda is left out: its adapter replaces X-Forwarded-For with API Gateway's source IP
  // (test/integration/lambda-handler.test.ts proves a spoofed header buys nothing there).
  it.each(table(withClients.filter((s) => !s.name.startsWith('Lambda'))))(
    '%s: a client cannot buy a new share by sending its own X-Forwarded-For in front of the proxy',
    async (name, s) => {
      model.answer = reply.text(ANSWER, { usage: { prompt_tokens: 60_000, completion_tokens: 2 } });
      await withTwin(model, s, env, async (rig) => {
        const texts: string[] = [];
        for (let i = 1; i <= 3; i += 1) {
          // What an appending proxy (nginx $proxy_add_x_forwarded_for, ALB) forwards: the
          // client's own header, then the address it saw.
          const v1 = name.includes('/v1');
          const body = v1
            ? { model: 'twin', stream: name.includes('stream'), messages: [{ role: 'user', content: 'Hi' }] }
            : { message: 'Hi' };
          const route = v1 ? '/v1/chat/completions' : name.includes('stream') ? '/chat/stream' : '/chat';
          const res = await fetch(`${rig.url}${route}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.0.${i}, 198.51.100.9` },
            body: JSON.stringify(body),
          });
          texts.push(await res.text());
        }
        expect(model.calls).toHaveLength(1);
        expect(texts.slice(1).every((t) => t.includes('RESTING-NOW'))).toBe(true);
      });
    },
  );
});
