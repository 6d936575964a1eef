import { Readable } from 'node:stream';
import type { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { ConversationExports } from '../../../domain/conversation/conversation-exports.js';
import type { Logger } from '../../../ports/logger.js';
import { parseBody } from '../validation.js';
import { visitorSessionId } from '../visitor-session.js';

const ExportQuery = z.object({ format: z.enum(['markdown', 'json']).default('markdown') });

/** Downloads: the visitor's conversation as a file, and every conversation as NDJSON for the owner. */
export function exportRoutes(router: Router, exports: ConversationExports, admin: Middleware, logger: Logger): void {
  router.get('/conversation/:session_id/export', async (ctx) => {
    const { format } = parseBody(ExportQuery, ctx.query);
    const file = await exports.exportOne(visitorSessionId(ctx.params.session_id), format);
    ctx.attachment(file.filename);
    ctx.set('Cache-Control', 'no-store');
    ctx.type = file.contentType;
    ctx.body = file.body;
  });

  router.get('/analytics/export', admin, async (ctx) => {
    const lines = exports.exportAll()[Symbol.asyncIterator]();
    // The first conversation is read before the status is sent, so a store that is down
    // is a plain 503, not a 200 that breaks off.
    const first = await lines.next();
    async function* rest(): AsyncGenerator<string> {
      if (!first.done) yield first.value;
      try {
        for (let next = await lines.next(); !next.done; next = await lines.next()) yield next.value;
      } catch (error) {
        // Headers are gone: the connection is cut so the download reads as incomplete, never as whole.
        logger.error({ err: error, request_id: ctx.state.requestId }, 'export failed part way');
        throw error;
      }
    }
    ctx.attachment('conversations.ndjson');
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'application/x-ndjson; charset=utf-8';
    // Readable.from pulls one line at a time as the socket drains: memory stays constant.
    ctx.body = Readable.from(rest(), { objectMode: false });
  });
}
