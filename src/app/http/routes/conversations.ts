import type { Router } from '@koa/router';
import type { Middleware } from 'koa';
import type { TwinService } from '../../../domain/chat/twin-service.js';
import { isUnguessableSessionId } from '../../../domain/conversation/conversation.js';
import { NotFound } from '../../../domain/errors.js';
import { DeleteQuery, SessionsQuery } from '../schemas.js';
import { parseBody } from '../validation.js';

// Only an unguessable id can name a visitor's conversation: guessing short ids (accepted before) finds nothing.
function visitorSessionId(raw: string | undefined): string {
  if (!isUnguessableSessionId(raw)) throw new NotFound('No conversation with this session id');
  return raw;
}

export function conversationRoutes(router: Router, service: TwinService, admin: Middleware): void {
  router.get('/conversation/:session_id', async (ctx) => {
    const conversation = await service.getConversation(visitorSessionId(ctx.params.session_id));
    ctx.body = {
      session_id: conversation.session.session_id,
      messages: conversation.messages.map(({ role, content, timestamp }) => ({ role, content, timestamp })),
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
    ctx.body = {
      sessions: page.items.map(({ session_id, created_at, last_updated, message_count }) => ({
        session_id,
        created_at,
        last_updated,
        message_count,
      })),
      next_cursor: page.next_cursor,
    };
  });
}
