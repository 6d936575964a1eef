import type { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import { MAX_COMMENT_CHARS } from '../../../domain/feedback/feedback.js';
import type { FeedbackService } from '../../../domain/feedback/feedback-service.js';
import { requireJson } from '../require-json.js';
import { parseBody } from '../validation.js';
import { visitorSessionId } from '../visitor-session.js';

export const FeedbackRequestBody = z
  .object({
    message_index: z
      .number()
      .int()
      .min(0)
      .describe('0-based index of an assistant message in GET /conversation/{session_id}'),
    rating: z.enum(['up', 'down']),
    comment: z
      .string()
      .nullish()
      .describe(`Optional, at most ${MAX_COMMENT_CHARS} characters; e-mail addresses and phone numbers are masked`),
  })
  .meta({ id: 'FeedbackRequest' });

export const RatedAnswerBody = z
  .object({
    session_id: z.string(),
    message_index: z.number().int(),
    rating: z.enum(['up', 'down']),
    comment: z.string().nullable(),
    rated_at: z.string(),
    question: z.string(),
    answer: z.string(),
    answered_at: z.string(),
    grounded: z.boolean().nullable(),
    persona_version: z.string().nullable(),
    gap_candidate: z.boolean().describe('A thumbs-down answer the twin marked grounded: worth a knowledge-gap answer'),
  })
  .meta({ id: 'RatedAnswer' });

export const RatedAnswersResponseBody = z
  .object({ feedback: z.array(RatedAnswerBody), next_cursor: z.string().nullable() })
  .meta({ id: 'RatedAnswerList' });

const RatedQuery = z.object({
  rating: z.enum(['up', 'down']).default('down'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(1024).optional(),
});

const MessageIndexParam = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Visitors rate answers; the owner lists ratings and turns thumbs-down answers into knowledge gaps. */
export function feedbackRoutes(router: Router, feedback: FeedbackService, admin: Middleware): void {
  router.post('/conversation/:session_id/feedback', requireJson, async (ctx) => {
    const body = parseBody(FeedbackRequestBody, ctx.request.body);
    await feedback.rate(visitorSessionId(ctx.params.session_id), body);
    ctx.status = 204;
  });

  router.get('/analytics/feedback', admin, async (ctx) => {
    const query = parseBody(RatedQuery, ctx.query);
    const page = await feedback.ratedAnswers(query);
    ctx.body = {
      feedback: page.items.map(({ seq: _, ...rated }) => rated),
      next_cursor: page.next_cursor,
    };
  });

  router.post('/analytics/feedback/:session_id/:message_index/knowledge-gap', admin, async (ctx) => {
    const index = parseBody(MessageIndexParam, ctx.params.message_index);
    const gap = await feedback.offerAsGap(ctx.params.session_id, index);
    ctx.status = 201;
    ctx.body = {
      id: gap.id,
      question: gap.question,
      times_asked: gap.times_asked,
      first_asked: gap.first_asked,
      last_asked: gap.last_asked,
      status: gap.status,
      answer: gap.answer,
    };
  });
}
