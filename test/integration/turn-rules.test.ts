import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countTokens } from '../../src/adapters/openai/token-counter.js';
import { unrelatedPages } from '../eval/padding.js';
import { type FakeHandler, reply } from '../support/fake-openai-server.js';
import {
  ANSWER,
  analytics,
  countsOf,
  expectCounts,
  ModelStandIn,
  RAW_CONTACTS,
  RESTED,
  transcript,
  withTwin,
} from '../support/turn-rig.js';
import { SURFACES } from '../support/turn-surfaces.js';

/**
 * Issue 12, "Proof": every rule of the one turn pipeline against every surface a visitor's turn
 * arrives through (JSON, SSE, /v1 JSON, /v1 stream, Lambda buffered and streaming, the CLI).
 * The model is a real loopback OpenAI-compatible server, so "no model call" is counted on the
 * wire and "the prompt the model receives" is read from the request it got.
 * Where a surface cannot express a rule, the test says so instead of pretending.
 */

// The stand-in reports this usage for every answer: one answer spends a 50,000-token budget.
const BIG_USAGE = { prompt_tokens: 60_000, completion_tokens: 2 };
const BUDGET = '50000';

/** Echoes the contact details of the visitor's message, streaming them cut mid-address. */
const echoContacts: FakeHandler = (exchange) => {
  const last = String(exchange.request.body.messages.at(-1)?.content ?? '');
  const email = /\S+@\S+\.\w+/.exec(last)?.[0] ?? 'nobody@example.net';
  const text = `I've noted ${email} and +1 415 555 0134 for you.`;
  // Cut inside the address and the number, as model tokens are.
  const tokens = [text.slice(0, 14), text.slice(14, 22), text.slice(22, 40), text.slice(40)];
  return reply.text(text, { tokens })(exchange);
};

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

describe.each(SURFACES.map((surface) => [surface.name, surface] as const))('%s', (_name, surface) => {
  it('(a) rests without calling the model once the daily budget is spent', async () => {
    model.answer = reply.text(ANSWER, { usage: BIG_USAGE });
    await withTwin(model, surface, { TWIN_DAILY_TOKEN_BUDGET: BUDGET }, async (rig) => {
      // One conversation of three: the CLI's usage counters live in its process (filesystem
      // store), so "the rest of the day" is what one process sees.
      const turns = await rig.converse(['Where are you based?', 'What do you do?', 'Any hobbies?']);
      expect(turns.map((t) => [t.status, t.text])).toEqual([
        [200, ANSWER],
        [200, RESTED],
        [200, RESTED],
      ]);
      expect(model.calls).toHaveLength(1);
      if (surface.name.startsWith('twin chat')) return;
      const other = await rig.converse(['A new visitor asks']);
      expect(other[0]?.text).toBe(RESTED);
      expect(model.calls).toHaveLength(1);
    });
  });

  it('(a) rests without calling the model once the session budget is spent, and only in that session', async () => {
    model.answer = reply.text(ANSWER, { usage: BIG_USAGE });
    await withTwin(model, surface, { TWIN_SESSION_TOKEN_BUDGET: BUDGET }, async (rig) => {
      const turns = await rig.converse(['Where are you based?', 'What do you do?', 'Any hobbies?']);
      expect(turns.map((t) => t.text)).toEqual([ANSWER, RESTED, RESTED]);
      expect(model.calls).toHaveLength(1);
      const other = await rig.converse(['A new visitor asks']);
      expect(other[0]?.text).toBe(ANSWER);
      expect(model.calls).toHaveLength(2);
    });
  });

  it('(b) answers at most TWIN_MAX_TURNS visitor messages per conversation', async () => {
    await withTwin(model, surface, { TWIN_MAX_TURNS: '2' }, async (rig) => {
      const turns = await rig.converse(['One?', 'Two?', 'Three?']);
      expect(turns.map((t) => t.status)).toEqual([200, 200, 200]);
      expect(turns.map((t) => t.text).slice(0, 2)).toEqual([ANSWER, ANSWER]);
      expect(turns[2]?.text).not.toBe(ANSWER);
      expect(model.calls).toHaveLength(2);
      // The stored transcript shows what the visitor saw, the refusal included.
      const stored = await transcript(rig, turns[0]?.sessionId);
      expect(stored.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user', 'assistant']);
      expect(stored.at(-1)?.content).toBe(turns[2]?.text);
    });
  });

  // The CLI reads stdin one line at a time: it cannot send two turns of one session at once
  // (several CLI processes on one data dir are not supported: one process owns a data dir).
  if (surface.concurrent)
    it('(b) holds the turn cap under 40 concurrent turns on one session', async () => {
      await withTwin(
        model,
        surface,
        { TWIN_MAX_TURNS: '10' },
        async (rig) => {
          const [opening] = await rig.converse(['Hello']);
          const session = opening?.sessionId;
          const burst = await Promise.all(
            Array.from({ length: 40 }, (_, i) => rig.converse([`Question ${i}?`], { session })),
          );
          const turns = burst.flat();
          expect(turns.every((t) => t.status === 200)).toBe(true);
          expect(turns.filter((t) => t.text === ANSWER)).toHaveLength(9);
          expect(model.calls).toHaveLength(10);
          const stored = await transcript(rig, session);
          expect(countsOf([stored]).user_messages).toBe(41);
          await expectCounts(rig, countsOf([stored]));
        },
        // The filesystem store (the default) takes real time to append: a cap checked apart
        // from the append is overshot there sooner than in memory.
        { store: 'filesystem' },
      );
    });

  it('(c) masks e-mails and phone numbers of both roles in the stored transcript when TWIN_STORE_PII=false', async () => {
    model.answer = echoContacts;
    await withTwin(model, surface, { TWIN_STORE_PII: 'false' }, async (rig) => {
      const turns = await rig.converse([
        'Reach me at maria@example.net or +1 415 555 0134 please',
        'My colleague is ana.rui+twin@mail.example.net, phone (415) 555-0134',
      ]);
      expect(turns.map((t) => t.status)).toEqual([200, 200]);
      // The visitor and the model still see the message as written.
      expect(turns[0]?.text).toContain('maria@example.net');
      expect(JSON.stringify(model.calls[0]?.body.messages)).toContain('maria@example.net');
      const stored = await transcript(rig, turns[0]?.sessionId);
      expect(stored.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
      for (const message of stored) {
        for (const raw of RAW_CONTACTS) expect(message.content).not.toMatch(raw);
      }
      expect(stored[1]?.content).toBe("I've noted [email] and [phone] for you.");
    });
  });

  it('(d) counts every stored message once; soft delete and purge subtract only that, never below zero', async () => {
    await withTwin(model, surface, {}, async (rig) => {
      const [a1] = await rig.converse(['Where are you based?', 'What is EchoMap?']);
      const [b1] = await rig.converse(['Do you play the cello?']);
      const a = await transcript(rig, a1?.sessionId);
      const b = await transcript(rig, b1?.sessionId);
      expect([a.length, b.length]).toEqual([4, 2]);
      await expectCounts(rig, countsOf([a, b]));
      const perConversation = await rig.admin('GET', `/analytics/conversations/${b1?.sessionId}`);
      expect(perConversation.body).toMatchObject({ total_messages: 2, user_messages: 1, assistant_messages: 1 });

      expect((await rig.admin('DELETE', `/conversation/${a1?.sessionId}`)).status).toBe(204);
      await expectCounts(rig, countsOf([b]));
      // Purging what soft delete already subtracted subtracts nothing more, however often.
      await rig.admin('DELETE', `/conversation/${a1?.sessionId}?purge=true`);
      await rig.admin('DELETE', `/conversation/${a1?.sessionId}?purge=true`);
      await expectCounts(rig, countsOf([b]));
      expect((await rig.admin('DELETE', `/conversation/${b1?.sessionId}?purge=true`)).status).toBe(204);
      await expectCounts(rig, countsOf([]));
      const series = await rig.admin('GET', '/analytics/timeseries?days=2&granularity=hour');
      expect(series.status).toBe(200);
      expect(JSON.stringify(series.body)).not.toMatch(/:-\d/);
      expect((await analytics(rig)).question_rate).toBe(0);
    });
  });

  it('(e) fits the system prompt the model receives into TWIN_CONTEXT_TOKENS', async () => {
    const almanac = unrelatedPages(30);
    const budget = 1000;
    await withTwin(
      model,
      surface,
      { TWIN_CONTEXT_TOKENS: String(budget) },
      async (rig) => {
        const [turn] = await rig.converse(['What does EchoMap do?']);
        expect(turn?.text).toBe(ANSWER);
        const system = model.calls[0]?.body.messages[0];
        expect(system?.role).toBe('system');
        const prompt = String(system?.content);
        expect(countTokens(prompt)).toBeLessThanOrEqual(budget);
        expect(prompt).toContain('EchoMap for predicting flutter echoes');
        expect(prompt).toContain('Noor Haddad');
        // The persona is over ten times the budget: most of it stayed out.
        expect(countTokens(almanac)).toBeGreaterThan(10 * budget);
      },
      { personaFiles: { 'almanac.md': almanac } },
    );
  });
});

describe('the context budget check itself', () => {
  it('sees the whole persona in the prompt when the budget allows it (so the rule above can fail)', async () => {
    const almanac = unrelatedPages(30);
    const surface = SURFACES[0];
    if (!surface) throw new Error('no surface');
    await withTwin(
      model,
      surface,
      { TWIN_CONTEXT_TOKENS: '200000' },
      async (rig) => {
        await rig.converse(['What does EchoMap do?']);
        const prompt = String(model.calls[0]?.body.messages[0]?.content);
        expect(prompt).toContain(almanac.slice(0, 200));
        expect(countTokens(prompt)).toBeGreaterThan(countTokens(almanac));
      },
      { personaFiles: { 'almanac.md': almanac } },
    );
  });
});
