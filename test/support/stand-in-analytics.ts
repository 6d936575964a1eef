import type { Context, Next } from 'koa';
import type { Message } from '../../src/domain/conversation.js';
import type { ConversationStore } from '../../src/ports/conversation-store.js';
import { ADMIN_TOKEN } from './http-fixture.js';

/**
 * A test-only stand-in for the analytics routes of issue #4 (built on another branch),
 * answering the agreed shapes from what the store really holds, so the dashboard's
 * charts show the chats the test made. Once #4 is merged, the e2e test runs against
 * the real routes instead (drop the stand-in).
 */
export function standInAnalytics(store: ConversationStore) {
  return async (ctx: Context, next: Next): Promise<void> => {
    if (ctx.method !== 'GET' || !['/analytics', '/analytics/timeseries'].includes(ctx.path)) return next();
    if (ctx.get('Authorization') !== `Bearer ${ADMIN_TOKEN}`) {
      ctx.status = 401;
      ctx.body = { error: { code: 'unauthorized', message: 'A valid admin token is required' } };
      return;
    }
    const page = await store.listSessions({ limit: 100 });
    const conversations = await Promise.all(page.items.map((s) => store.load(s.session_id)));
    const messages = conversations.flatMap((c) => c?.messages ?? []);
    ctx.body = ctx.path === '/analytics' ? overview(messages, page.items.length) : timeseries(messages);
  };
}

const isQuestion = (m: Message) => m.role === 'user' && m.content.trim().endsWith('?');

function overview(messages: readonly Message[], sessions: number) {
  const users = messages.filter((m) => m.role === 'user');
  const hours = new Map<number, number>();
  const weekdays = new Map<number, number>();
  const words = new Map<string, number>();
  for (const m of messages) {
    const at = new Date(m.timestamp);
    hours.set(at.getUTCHours(), (hours.get(at.getUTCHours()) ?? 0) + 1);
    weekdays.set(at.getUTCDay(), (weekdays.get(at.getUTCDay()) ?? 0) + 1);
  }
  for (const m of users) {
    for (const word of m.content.toLowerCase().match(/\p{L}{5,}/gu) ?? []) words.set(word, (words.get(word) ?? 0) + 1);
  }
  return {
    total_sessions: sessions,
    total_messages: messages.length,
    avg_messages_per_session: sessions ? messages.length / sessions : 0,
    avg_duration_seconds: 42,
    question_rate: users.length ? users.filter(isQuestion).length / users.length : 0,
    most_active_hours: [...hours].map(([hour, count]) => ({ hour, messages: count })),
    most_active_weekdays: [...weekdays].map(([weekday, count]) => ({ weekday, messages: count })),
    top_topics: [...words]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([topic, count]) => ({ topic, count })),
    sentiment: { positive: users.length, neutral: 1, negative: 0 },
  };
}

function timeseries(messages: readonly Message[]) {
  const hour = 3_600_000;
  const now = Math.floor(Date.now() / hour) * hour;
  const points = Array.from({ length: 24 }, (_, i) => {
    const start = now - (23 - i) * hour;
    const inside = messages.filter((m) => {
      const t = Date.parse(m.timestamp);
      return t >= start && t < start + hour;
    });
    return {
      start: new Date(start).toISOString(),
      sessions: inside.length > 0 ? 1 : 0,
      messages: inside.length,
      user_messages: inside.filter((m) => m.role === 'user').length,
      questions: inside.filter(isQuestion).length,
      avg_sentiment: 0,
    };
  });
  return { granularity: 'hour', points };
}
