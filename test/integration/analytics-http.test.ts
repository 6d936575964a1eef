import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { RecordingLogger } from '../../src/adapters/memory/recording-logger.js';
import { ADMIN_TOKEN, appWith } from '../support/http-fixture.js';

const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };

async function twinWithConversation() {
  const twin = appWith();
  const first = await request(twin.server).post('/chat').send({ message: 'Tell me about room acoustics?' }).expect(200);
  twin.adapters.clock.advance(90_000);
  await request(twin.server)
    .post('/chat')
    .send({ message: 'I love it, thanks!', session_id: first.body.session_id })
    .expect(200);
  return { ...twin, sessionId: first.body.session_id as string };
}

describe('analytics over HTTP', () => {
  it('keeps every analytics route for the owner', async () => {
    const { server, sessionId } = await twinWithConversation();
    for (const path of ['/analytics', '/analytics/timeseries', `/analytics/conversations/${sessionId}`]) {
      const res = await request(server).get(path).expect(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
  });

  it('GET /analytics reports true numbers from the counters', async () => {
    const { server } = await twinWithConversation();
    const res = await request(server).get('/analytics').set(admin).expect(200);
    expect(res.body).toMatchObject({
      total_sessions: 1,
      total_messages: 4,
      avg_messages_per_session: 4,
      avg_duration_seconds: 90,
      question_rate: 50,
      sentiment: { positive: 0.5, neutral: 0.5, negative: 0 },
      top_topics: expect.arrayContaining([{ topic: 'room acoustics', count: 1 }]),
    });
    expect(res.body.most_active_hours[0]).toEqual({ hour: 5, messages: 4 });
    expect(res.body.most_active_weekdays[0]).toEqual({ weekday: 'Wednesday', messages: 4 });
  });

  it('honours the configured and the requested time zone', async () => {
    const { server } = await twinWithConversation();
    const res = await request(server).get('/analytics?timezone=Asia/Tokyo').set(admin).expect(200);
    expect(res.body.most_active_hours[0]).toEqual({ hour: 14, messages: 4 });
    const bad = await request(server).get('/analytics?timezone=Mars/Olympus').set(admin).expect(400);
    expect(bad.body.error.code).toBe('invalid_input');
  });

  it('GET /analytics/timeseries returns every bucket, zeros included', async () => {
    const { server } = await twinWithConversation();
    const res = await request(server).get('/analytics/timeseries?days=3&granularity=day').set(admin).expect(200);
    expect(res.body.granularity).toBe('day');
    expect(res.body.points).toHaveLength(3);
    expect(res.body.points.map((p: { messages: number }) => p.messages)).toEqual([0, 0, 4]);
    expect(res.body.points[2]).toMatchObject({
      start: '2026-03-04T00:00:00.000Z',
      sessions: 1,
      user_messages: 2,
      questions: 1,
    });
    const hourly = await request(server).get('/analytics/timeseries?days=1&granularity=hour').set(admin).expect(200);
    expect(hourly.body.points).toHaveLength(24);
  });

  it('rejects bad series parameters with invalid_input', async () => {
    const { server } = await twinWithConversation();
    for (const query of ['days=0', 'days=abc', 'granularity=month', 'days=400', 'days=40&granularity=hour']) {
      const res = await request(server).get(`/analytics/timeseries?${query}`).set(admin).expect(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
  });

  it('GET /analytics/conversations/:id gives one conversation, 404 for unknown and 400 for bad ids', async () => {
    const { server, sessionId } = await twinWithConversation();
    const res = await request(server).get(`/analytics/conversations/${sessionId}`).set(admin).expect(200);
    expect(res.body).toMatchObject({
      session_id: sessionId,
      total_messages: 4,
      user_messages: 2,
      turns: 2,
      questions: 1,
    });
    await request(server).get('/analytics/conversations/no-such-session').set(admin).expect(404);
    await request(server).get('/analytics/conversations/..%2Fetc').set(admin).expect(400);
  });

  it('forgets a deleted conversation', async () => {
    const { server, sessionId } = await twinWithConversation();
    await request(server).delete(`/conversation/${sessionId}`).expect(204);
    const res = await request(server).get('/analytics').set(admin).expect(200);
    expect(res.body).toMatchObject({ total_sessions: 0, total_messages: 0, top_topics: [] });
  });

  it('answers the chat even when the counters fail, and logs it', async () => {
    const { server, adapters } = appWith();
    adapters.analytics.add = async () => {
      throw new Error('disk full');
    };
    const res = await request(server).post('/chat').send({ message: 'Hello' }).expect(200);
    expect(res.body.response).toBe('You said: Hello');
    const logger = adapters.logger as RecordingLogger;
    expect(logger.entries.some((e) => e.level === 'warn' && /analytics/.test(e.message ?? ''))).toBe(true);
  });
});
