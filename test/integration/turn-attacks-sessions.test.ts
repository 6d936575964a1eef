import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deferred, reply } from '../support/fake-openai-server.js';
import { writePersonaDir } from '../support/persona-dir.js';
import {
  ANSWER,
  countsOf,
  expectCounts,
  ModelStandIn,
  RAW_CONTACTS,
  RESTED,
  transcript,
  withTwin,
} from '../support/turn-rig.js';
import { SURFACES, type Surface } from '../support/turn-surfaces.js';

/**
 * Attacks on issue 12's rules with other values than the table's: contact details as models
 * and East Asian keyboards write them, client-held history on /v1, `user` values, one session
 * driven through every surface at once, and deletes that race an answer.
 */

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

const surface = (prefix: string): Surface => {
  const found = SURFACES.find((s) => s.name.startsWith(prefix));
  if (!found) throw new Error(`no surface ${prefix}`);
  return found;
};
const JSON_CHAT = surface('POST /chat (JSON)');
const SSE_CHAT = surface('POST /chat/stream');
const V1 = surface('POST /v1/chat/completions (JSON)');
const V1_STREAM = surface('POST /v1/chat/completions (stream');
const post = (url: string, route: string, body: object, headers: Record<string, string> = {}) =>
  fetch(`${url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('masking contact details written the way models and keyboards write them', () => {
  const contacts = [
    ['a non-breaking hyphen (U+2011, common in model output)', '+1 415\u2011555\u20110134'],
    ['en dashes', '+1 415–555–0134'],
    ['spaced hyphens', '415 - 555 - 0134'],
    ['full-width digits and dash (Japanese input)', '０９０－１２３４－５６７８'],
    ['a full-width @', 'maria＠example.net'],
  ] as const;
  it.each(contacts.flatMap(([what, raw]) => [JSON_CHAT, V1_STREAM].map((s) => [what, s.name, raw, s] as const)))(
    '%s, on %s',
    async (_what, _name, raw, s) => {
      model.answer = reply.text(`Noted: ${raw}.`);
      await withTwin(model, s, { TWIN_STORE_PII: 'false' }, async (rig) => {
        const [turn] = await rig.converse([`Call me: ${raw}`]);
        expect(turn?.text).toBe(`Noted: ${raw}.`);
        const stored = await transcript(rig, turn?.sessionId);
        expect(stored.map((m) => m.content)).toEqual([
          `Call me: ${raw.includes('@') || raw.includes('＠') ? '[email]' : '[phone]'}`,
          `Noted: ${raw.includes('@') || raw.includes('＠') ? '[email]' : '[phone]'}.`,
        ]);
      });
    },
  );
});

describe('/v1 with client-held history and TWIN_STORE_PII=false', () => {
  it.each([V1, V1_STREAM].map((s) => [s.name, s] as const))(
    '%s: stores only the new question and answer, both masked, never the history',
    async (_name, s) => {
      // The model repeats an address that only the client's history holds.
      model.answer = reply.text('As you said before, maria@example.net and +1 415 555 0134.');
      await withTwin(model, s, { TWIN_STORE_PII: 'false' }, async (rig) => {
        const history = [
          { role: 'user', content: 'Write to maria@example.net' },
          { role: 'assistant', content: 'Noted maria@example.net, and I can call +1 415 555 0134.' },
        ];
        const [turn] = await rig.converse(['What do you have for me?'], { history });
        expect(JSON.stringify(model.calls[0]?.body.messages)).toContain('maria@example.net');
        const stored = await transcript(rig, turn?.sessionId);
        expect(stored.map((m) => m.role)).toEqual(['user', 'assistant']);
        for (const message of stored) for (const raw of RAW_CONTACTS) expect(message.content).not.toMatch(raw);
        await expectCounts(rig, countsOf([stored]));
      });
    },
  );
});

describe('/v1 `user` values', () => {
  it.each([
    ['a UUID', randomUUID()],
    ['an upper-case UUID', '9F1C2E7A-5B3D-4C8E-A6F0-1D2B3C4E5F60'],
  ])('%s keeps one conversation: the turn cap counts it', async (_what, user) => {
    await withTwin(model, V1, { TWIN_MAX_TURNS: '2' }, async (rig) => {
      const turns = await rig.converse(['One?', 'Two?', 'Three?'], { session: user });
      expect(turns.map((t) => t.text === ANSWER)).toEqual([true, true, false]);
      expect(new Set(turns.map((t) => t.sessionId)).size).toBe(1);
      expect(model.calls).toHaveLength(2);
      await expectCounts(rig, countsOf([await transcript(rig, turns[0]?.sessionId)]));
    });
  });

  // A value others could guess (issue 16, item 8) names no session, like no value at all.
  it.each([
    ['an empty', ''],
    ['a blank', '   '],
    ['a name', 'alice'],
    ['an emoji and accents', 'Zoë 🙂'],
    ['a 256-character', 'u'.repeat(256)],
    ['a patterned 40-character', 'abcdefghijklmnopqrstuvwxyzabcdefghijklmn'],
  ])('%s `user` is no key: every request is a conversation of its own, stored and counted', async (_what, user) => {
    await withTwin(model, V1, { TWIN_MAX_TURNS: '1' }, async (rig) => {
      const turns = await rig.converse(['One?', 'Two?'], { session: user });
      expect(turns.map((t) => t.text)).toEqual([ANSWER, ANSWER]);
      expect(turns[0]?.sessionId).not.toBe(turns[1]?.sessionId);
      const stored = await Promise.all(turns.map((t) => transcript(rig, t.sessionId)));
      await expectCounts(rig, countsOf(stored));
    });
  });

  it.each([
    ['257 characters', 'u'.repeat(257)],
    ['a number', 42],
    ['an object', {}],
  ])('refuses %s with 400 invalid_input, storing nothing', async (_what, user) => {
    await withTwin(model, V1, {}, async (rig) => {
      const res = await post(rig.url as string, '/v1/chat/completions', {
        model: 'twin',
        user,
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
      expect(model.calls).toHaveLength(0);
      await expectCounts(rig, countsOf([]));
    });
  });
});

describe('one session driven through every HTTP surface at once', () => {
  it('answers at most TWIN_MAX_TURNS by the model, and counts what it stored', async () => {
    await withTwin(
      model,
      JSON_CHAT,
      { TWIN_MAX_TURNS: '10' },
      async (rig) => {
        const url = rig.url as string;
        const [first] = await rig.converse(['Hello']);
        const session = first?.sessionId as string;
        const turn = (i: number) => {
          const message = `Question ${i}?`;
          const v1 = { model: 'twin', user: session, messages: [{ role: 'user', content: message }] };
          if (i % 4 === 0) return post(url, '/chat', { message, session_id: session });
          if (i % 4 === 1) return post(url, '/chat/stream', { message, session_id: session });
          return post(url, '/v1/chat/completions', { ...v1, stream: i % 4 === 3 });
        };
        const bodies = await Promise.all(Array.from({ length: 40 }, (_, i) => turn(i).then((r) => r.text())));
        // Streams cut the answer into chunks; the refusal is one piece on every surface.
        expect(bodies.filter((b) => b.includes('limit of 10 questions'))).toHaveLength(31);
        expect(model.calls).toHaveLength(10);
        const stored = await transcript(rig, session);
        expect(stored.filter((m) => m.role === 'user')).toHaveLength(41);
        await expectCounts(rig, countsOf([stored]));
      },
      { store: 'filesystem' },
    );
  });
});

describe('a delete that races the answer', () => {
  const cases = ['soft delete', 'purge'].flatMap((mode) =>
    [JSON_CHAT, SSE_CHAT].map((s) => [mode, s.name, s] as const),
  );
  it.each(cases)(
    '%s while the model answers, on %s: the conversation stays gone and the counters exact',
    async (mode, _n, s) => {
      await withTwin(model, s, {}, async (rig) => {
        const [first] = await rig.converse(['Hello']);
        const session = first?.sessionId as string;
        const asked = deferred();
        const release = deferred();
        model.answer = async (exchange) => {
          asked.resolve();
          await release.promise;
          return reply.text('I noted that, maria.')(exchange);
        };
        const pending = rig.converse(['Please forget me'], { session });
        await asked.promise;
        const removed = await rig.admin('DELETE', `/conversation/${session}${mode === 'purge' ? '?purge=true' : ''}`);
        expect(removed.status).toBe(204);
        release.resolve();
        const [late] = await pending;
        expect(late?.text).not.toBe('I noted that, maria.');
        expect((await rig.admin('GET', `/conversation/${session}`)).status).toBe(404);
        expect((await rig.admin('GET', '/sessions')).body.sessions).toEqual([]);
        await expectCounts(rig, countsOf([]));
        // Counters floored at zero when read could hide a negative one: new activity shows it.
        model.answer = reply.text(ANSWER);
        const [next] = await rig.converse(['A new visitor']);
        await expectCounts(rig, countsOf([await transcript(rig, next?.sessionId)]));
      });
    },
  );
});

describe('Lambda: counters are written before the handler returns (Lambda may freeze the process then)', () => {
  it.each(
    [surface('Lambda event POST /chat (handler)'), surface('Lambda event POST /chat/stream')].map(
      (s) => [s.name, s] as const,
    ),
  )('%s', async (_name, s) => {
    await withTwin(model, s, {}, async (rig) => {
      const [turn] = await rig.converse(['Hello?']);
      const stored = await transcript(rig, turn?.sessionId);
      // No waiting: what the next invocation reads must already be there.
      const body = (await rig.admin('GET', '/analytics')).body;
      expect([body.total_messages, body.user_messages, body.assistant_messages]).toEqual([2, 1, 1]);
      expect(countsOf([stored]).total_messages).toBe(2);
    });
  });
});

describe('limits a restarted process has not seen yet (counters in process memory)', () => {
  const CLI = surface('twin chat');

  it('holds the turn cap under a burst on a session the new process has not seen', async () => {
    const persona = await writePersonaDir();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'twin-restart-'));
    const env = model.env(persona.dir, { TWIN_STORE: 'filesystem', TWIN_DATA_DIR: dataDir, TWIN_MAX_TURNS: '6' });
    try {
      const before = await JSON_CHAT.start(env);
      const turns = await before.converse(['1?', '2?', '3?', '4?', '5?']);
      await before.close();
      const after = await JSON_CHAT.start(env);
      try {
        const session = turns[0]?.sessionId;
        const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => after.converse([`Q${i}?`], { session })));
        expect(burst.flat().filter((t) => t.text === ANSWER)).toHaveLength(1);
        expect(model.calls).toHaveLength(6);
      } finally {
        await after.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true, maxRetries: 5 });
      await persona.remove();
    }
  });

  it('keeps a spent session spent in a new process', async () => {
    model.answer = reply.text(ANSWER, { usage: { prompt_tokens: 60_000, completion_tokens: 2 } });
    await withTwin(model, CLI, { TWIN_SESSION_TOKEN_BUDGET: '50000' }, async (rig) => {
      const [first] = await rig.converse(['Hello?']);
      const [again] = await rig.converse(['Still there?'], { session: first?.sessionId });
      expect(again?.text).toBe(RESTED);
      expect(model.calls).toHaveLength(1);
    });
  });
});
