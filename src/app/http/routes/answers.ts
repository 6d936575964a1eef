import type { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { KnowledgeService } from '../../../domain/knowledge/knowledge-service.js';
import type { StoredAnswer } from '../../../domain/knowledge/owner-answers.js';
import { requireJson } from '../require-json.js';
import { parseBody } from '../validation.js';

export const OwnerAnswerBody = z
  .object({
    id: z.string().describe('ans- and 16 hex digits; derived from the question, so it changes with it'),
    question: z.string().describe('The question as published: plain text, e-mails and phone numbers masked'),
    answer: z.string(),
  })
  .meta({ id: 'OwnerAnswer' });

export const OwnerAnswersResponseBody = z.object({ answers: z.array(OwnerAnswerBody) }).meta({ id: 'OwnerAnswerList' });

export const OwnerAnswerEditBody = z
  .object({
    question: z.string().optional().describe('A new question (1..500 characters once made public)'),
    answer: z.string().optional().describe('A new answer (1..4000 characters)'),
  })
  .strict()
  .meta({ id: 'OwnerAnswerEdit' });

function publicAnswer({ id, question, answer }: StoredAnswer): z.infer<typeof OwnerAnswerBody> {
  return { id, question, answer };
}

/** The owner's answers: list, edit, delete. Admin only; answering a gap creates them. */
export function answerRoutes(router: Router, knowledge: KnowledgeService, admin: Middleware): void {
  router.get('/knowledge/answers', admin, async (ctx) => {
    ctx.body = { answers: (await knowledge.listAnswers()).map(publicAnswer) };
  });

  router.put('/knowledge/answers/:id', admin, requireJson, async (ctx) => {
    const body = parseBody(OwnerAnswerEditBody, ctx.request.body);
    ctx.body = publicAnswer(await knowledge.editAnswer(ctx.params.id, body));
  });

  router.delete('/knowledge/answers/:id', admin, async (ctx) => {
    await knowledge.deleteAnswer(ctx.params.id);
    ctx.status = 204;
  });
}
