import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { SessionId } from '../../src/domain/conversation/conversation.js';
import { ADMIN_TOKEN, appWith } from '../support/http-fixture.js';
import { answerRecord, storeTurn } from '../support/rated-conversations.js';

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const SESSION = '5e34eb87-e860-47c3-a264-9f2ca0d5bccc' as SessionId;

/** A twin whose store holds one conversation of two answered turns, counted as the chat turn counts them. */
async function twinWithAnswers() {
  const twin = appWith();
  const { store, analytics, clock } = twin.adapters;
  await storeTurn(
    store,
    analytics,
    clock,
    SESSION,
    'Where is the lighthouse?',
    'On the cliff.',
    answerRecord({ latency_ms: 900, time_to_first_token_ms: 120, cost_usd: 0.002 }),
  );
  await storeTurn(
    store,
    analytics,
    clock,
    SESSION,
    'Do you have a dog?',
    'Yes, a collie.',
    answerRecord({ latency_ms: 1500, grounded: true, cost_usd: 0.001 }),
  );
  return twin;
}

const rate = (server: ReturnType<typeof appWith>['server'], body: object, session: string = SESSION) =>
  request(server).post(`/conversation/${session}/feedback`).send(body);

describe('POST /conversation/:session_id/feedback', () => {
  it('keeps a rating (204), replaces it with a later one, and shows it in the conversation', async () => {
    const { server } = await twinWithAnswers();
    await rate(server, { message_index: 1, rating: 'up' }).expect(204);
    await rate(server, { message_index: 3, rating: 'up' }).expect(204);
    await rate(server, {
      message_index: 3,
      rating: 'down',
      comment: '  Wrong dog. Mail me at ada@example.org  ',
    }).expect(204);

    const conversation = await request(server).get(`/conversation/${SESSION}`).expect(200);
    expect(conversation.body.messages.map((m: { rating?: unknown }) => m.rating ?? null)).toEqual([
      null,
      { rating: 'up', comment: null },
      null,
      { rating: 'down', comment: 'Wrong dog. Mail me at [email]' },
    ]);
  });

  it('refuses what is not a rating of an answer with 400, and an unknown session with 404', async () => {
    const { server, adapters } = await twinWithAnswers();
    const cases: object[] = [
      { message_index: 0, rating: 'up' }, // a visitor message
      { message_index: 4, rating: 'up' }, // past the end
      { message_index: 1, rating: 'meh' },
      { message_index: -1, rating: 'up' },
      { message_index: 1.5, rating: 'up' },
      { message_index: '1', rating: 'up' },
      { rating: 'up' },
      { message_index: 1, rating: 'down', comment: 'x'.repeat(1001) },
      { message_index: 1, rating: 'down', comment: 42 },
    ];
    for (const body of cases) {
      const res = await rate(server, body).expect(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
    expect((await adapters.store.load(SESSION))?.ratings).toBeUndefined();
    expect((await rate(server, { message_index: 1, rating: 'up' }, 'no-such-session-123')).status).toBe(404);
    expect((await rate(server, { message_index: 1, rating: 'up' }, 'bad id!')).status).toBe(404);
    await request(server).post(`/conversation/${SESSION}/feedback`).type('text').send('up').expect(415);
    // 1000 characters is still fine.
    await rate(server, { message_index: 1, rating: 'down', comment: 'y'.repeat(1000) }).expect(204);
  });

  it('feeds satisfaction into GET /analytics, and a purge takes the ratings away everywhere', async () => {
    const { server } = await twinWithAnswers();
    await rate(server, { message_index: 1, rating: 'up' }).expect(204);
    await rate(server, { message_index: 3, rating: 'down' }).expect(204);
    const before = await request(server).get('/analytics').set(admin).expect(200);
    expect(before.body.feedback).toEqual({ up: 1, down: 1, satisfaction_rate: 0.5 });

    await request(server).delete(`/conversation/${SESSION}?purge=true`).expect(204);
    const after = await request(server).get('/analytics').set(admin).expect(200);
    expect(after.body.feedback).toEqual({ up: 0, down: 0, satisfaction_rate: null });
    expect(after.body.answers.total).toBe(0);
    const listed = await request(server).get('/analytics/feedback?rating=down').set(admin).expect(200);
    expect(listed.body.feedback).toEqual([]);
  });
});

describe('GET /analytics quality figures', () => {
  it('reports latency and time-to-first-token percentiles, tokens, cost and answers over the period', async () => {
    const { server, adapters } = await twinWithAnswers();
    const res = await request(server).get('/analytics').set(admin).expect(200);
    expect(res.body.period).toEqual({ days: null, from: null, to: '2026-03-05T00:00:00.000Z' });
    expect(res.body.answers).toEqual({ total: 2, grounded_rate: 1, limited: 0 });
    expect(res.body.latency_ms.count).toBe(2);
    expect(res.body.latency_ms.p50).toBeGreaterThan(900 * 0.955);
    expect(res.body.latency_ms.p50).toBeLessThan(900 * 1.045);
    expect(res.body.latency_ms.p99).toBeGreaterThan(1500 * 0.955);
    expect(res.body.time_to_first_token_ms).toMatchObject({ count: 1 });
    expect(res.body.tokens).toEqual({ input: 1000, output: 120 });
    expect(res.body.cost_usd).toBe(0.003);
    // The classic figures are still there.
    expect(res.body.total_messages).toBe(4);

    // Four days later, the last 3 days hold nothing; the last 5 hold everything.
    adapters.clock.advance(4 * 86_400_000);
    const recent = await request(server).get('/analytics?days=3').set(admin).expect(200);
    expect(recent.body.period).toEqual({ days: 3, from: '2026-03-06T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' });
    expect(recent.body.answers.total).toBe(0);
    expect(recent.body.latency_ms).toEqual({ count: 0, p50: null, p95: null, p99: null });
    expect(recent.body.total_messages).toBe(0);
    const wider = await request(server).get('/analytics?days=5').set(admin).expect(200);
    expect(wider.body.answers.total).toBe(2);
    expect(wider.body.total_messages).toBe(4);
    for (const days of ['0', '367', 'x', '1.5']) {
      expect((await request(server).get(`/analytics?days=${days}`).set(admin)).status).toBe(400);
    }
  });

  it('compares persona versions at GET /analytics/persona-versions', async () => {
    const { server, adapters } = appWith();
    const { store, analytics, clock } = adapters;
    const id = 'b2f1ecd8-011b-4377-a476-49a60bc1e4f6' as SessionId;
    await storeTurn(
      store,
      analytics,
      clock,
      id,
      'q1',
      'a1',
      answerRecord({ persona_version: 'aaaa1111', grounded: false }),
    );
    clock.advance(86_400_000);
    await storeTurn(store, analytics, clock, id, 'q2', 'a2', answerRecord({ persona_version: 'bbbb2222' }));
    await rate(server, { message_index: 3, rating: 'up' }, id).expect(204);
    await rate(server, { message_index: 1, rating: 'down' }, id).expect(204);
    const res = await request(server).get('/analytics/persona-versions').set(admin).expect(200);
    expect(res.body.versions.map((v: { persona_version: string }) => v.persona_version)).toEqual([
      'bbbb2222',
      'aaaa1111',
    ]);
    expect(res.body.versions[0]).toMatchObject({
      answers: 1,
      grounded_rate: 1,
      feedback: { up: 1, down: 0, satisfaction_rate: 1 },
    });
    expect(res.body.versions[1]).toMatchObject({
      answers: 1,
      grounded_rate: 0,
      feedback: { up: 0, down: 1, satisfaction_rate: 0 },
    });
    await request(server).get('/analytics/persona-versions').expect(401);
    await request(server).get('/analytics/persona-versions?days=0').set(admin).expect(400);
  });
});

describe('GET /analytics/feedback and knowledge-gap candidates', () => {
  it('lists rated answers with question, answer, comment, session and time, thumbs-down by default', async () => {
    const { server, adapters } = await twinWithAnswers();
    await rate(server, { message_index: 1, rating: 'up' }).expect(204);
    adapters.clock.advance(1000);
    await rate(server, { message_index: 3, rating: 'down', comment: 'Not a collie' }).expect(204);

    const downs = await request(server).get('/analytics/feedback').set(admin).expect(200);
    expect(downs.body).toEqual({
      feedback: [
        {
          session_id: SESSION,
          message_index: 3,
          rating: 'down',
          comment: 'Not a collie',
          rated_at: expect.any(String),
          question: 'Do you have a dog?',
          answer: 'Yes, a collie.',
          answered_at: expect.any(String),
          grounded: true,
          persona_version: 'persona-a',
          gap_candidate: true,
        },
      ],
      next_cursor: null,
    });
    const ups = await request(server).get('/analytics/feedback?rating=up').set(admin).expect(200);
    expect(ups.body.feedback.map((r: { message_index: number }) => r.message_index)).toEqual([1]);
    expect(ups.body.feedback[0].gap_candidate).toBe(false);
    await request(server).get('/analytics/feedback').expect(401);
    for (const query of ['rating=sideways', 'limit=0', 'limit=101', 'cursor=!!']) {
      expect((await request(server).get(`/analytics/feedback?${query}`).set(admin)).status).toBe(400);
    }
  });

  it('turns a thumbs-down answer into an open knowledge gap on request, and nothing else', async () => {
    const { server } = await twinWithAnswers();
    await rate(server, { message_index: 1, rating: 'up' }).expect(204);
    await rate(server, { message_index: 3, rating: 'down' }).expect(204);
    const path = (index: number) => `/analytics/feedback/${SESSION}/${index}/knowledge-gap`;

    await request(server).post(path(3)).expect(401);
    expect((await request(server).post(path(1)).set(admin)).status).toBe(409);
    expect((await request(server).post(path(0)).set(admin)).status).toBe(409);
    expect(
      (await request(server).post('/analytics/feedback/no-such-session-1/3/knowledge-gap').set(admin)).status,
    ).toBe(404);
    expect((await request(server).post(`/analytics/feedback/${SESSION}/x/knowledge-gap`).set(admin)).status).toBe(400);
    const created = await request(server).post(path(3)).set(admin).expect(201);
    expect(created.body).toMatchObject({ question: 'Do you have a dog?', status: 'open', times_asked: 1 });
    const gaps = await request(server).get('/analytics/knowledge-gaps').set(admin).expect(200);
    expect(gaps.body.gaps.map((g: { id: string }) => g.id)).toContain(created.body.id);
  });
});

describe('GET /sessions previews', () => {
  it('shows each session’s first question, and its thumbs up and down', async () => {
    const { server } = await twinWithAnswers();
    await rate(server, { message_index: 1, rating: 'up' }).expect(204);
    await rate(server, { message_index: 3, rating: 'down' }).expect(204);
    const res = await request(server).get('/sessions').set(admin).expect(200);
    expect(res.body.sessions[0]).toMatchObject({
      session_id: SESSION,
      message_count: 4,
      first_question: 'Where is the lighthouse?',
      feedback: { up: 1, down: 1 },
    });
  });
});

describe('the OpenAPI description', () => {
  it('covers feedback, exports, persona versions and the quality figures of GET /analytics', async () => {
    const res = await request(appWith().server).get('/openapi.json').expect(200);
    const paths = res.body.paths as Record<string, Record<string, { parameters?: { name: string }[] }>>;
    for (const [path, method] of [
      ['/conversation/{session_id}/feedback', 'post'],
      ['/conversation/{session_id}/export', 'get'],
      ['/analytics/feedback', 'get'],
      ['/analytics/feedback/{session_id}/{message_index}/knowledge-gap', 'post'],
      ['/analytics/export', 'get'],
      ['/analytics/persona-versions', 'get'],
    ] as const) {
      expect(paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    expect(paths['/analytics']?.get?.parameters?.map((p) => p.name)).toContain('days');
    expect(res.body.components.schemas.FeedbackRequest.required).toEqual(['message_index', 'rating']);
    expect(Object.keys(res.body.components.schemas.RatedAnswer.properties)).toContain('gap_candidate');
    // Every reference to a component names one that exists.
    const refs = [...JSON.stringify(res.body).matchAll(/"#\/components\/schemas\/([A-Za-z]+)"/g)].map((m) => m[1]);
    for (const ref of new Set(refs)) expect(res.body.components.schemas, ref).toHaveProperty(ref as string);
    const overview = JSON.stringify(paths['/analytics']);
    for (const field of ['latency_ms', 'time_to_first_token_ms', 'tokens', 'cost_usd', 'feedback', 'period']) {
      expect(overview).toContain(`"${field}"`);
    }
  });
});
