import type { Router } from '@koa/router';
import type { Middleware } from 'koa';
import type { TwinService } from '../../../domain/chat/twin-service.js';
import type { ConversationExports } from '../../../domain/conversation/conversation-exports.js';
import { DeleteQuery, SessionsQuery } from '../schemas.js';
import { parseBody } from '../validation.js';
import { visitorSessionId } from '../visitor-session.js';

export function conversationRoutes(
  router: Router,
  service: TwinService,
  admin: Middleware,
  exports: ConversationExports,
): void {
  router.get('/conversation/:session_id', async (ctx) => {
    const conversation = await service.getConversation(visitorSessionId(ctx.params.session_id));
    const ratings = new Map((conversation.ratings ?? []).map((r) => [r.seq, r]));
    ctx.body = {
      session_id: conversation.session.session_id,
      messages: conversation.messages.map(({ seq, role, content, timestamp }) => {
        const rated = ratings.get(seq);
        // The visitor's own rating comes back, so a reloaded page shows which thumb is pressed.
        return rated
          ? { role, content, timestamp, rating: { rating: rated.rating, comment: rated.comment } }
          : { role, content, timestamp };
      }),
    };
  });

  router.delete('/conversation/:session_id', async (ctx) => {
    const query = parseBody(DeleteQuery, ctx.query);
    await service.deleteConversation(visitorSessionId(ctx.params.session_id), { purge: query.purge === 'true' });
    ctx.status = 204;
  });

  router.get('/sessions', admin, async (ctx) => {
    const query = parseBody(SessionsQuery, ctx.query);
    const page = await service.listSessions(query);
    const previews = await exports.previews(page.items.map((s) => s.session_id));
    ctx.body = {
      sessions: page.items.map(({ session_id, created_at, last_updated, message_count }) => ({
        session_id,
        created_at,
        last_updated,
        message_count,
        first_question: previews.get(session_id)?.first_question ?? null,
        feedback: previews.get(session_id)?.feedback ?? { up: 0, down: 0 },
      })),
      next_cursor: page.next_cursor,
    };
  });
}
