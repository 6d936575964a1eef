import type { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { KnowledgeGap } from '../../../domain/knowledge/knowledge-gaps.js';
import type { KnowledgeService } from '../../../domain/knowledge/knowledge-service.js';
import type { Lead } from '../../../domain/knowledge/leads.js';
import { publicQuestion } from '../../../domain/knowledge/public-question.js';
import { requireJson } from '../require-json.js';
import { parseBody } from '../validation.js';

export const GapsQuery = z.object({ status: z.enum(['open', 'answered', 'dismissed']).optional() });

export const AnswerBody = z
  .object({
    answer: z.string().describe('The owner’s answer, in the first person (1..4000 characters)'),
    question: z
      .string()
      .optional()
      .describe(
        'The question as it should appear in answers.md; default: the visitor’s (public_question). Contact details are masked and markup removed either way',
      ),
  })
  .meta({ id: 'GapAnswer' });

export const GapBody = z
  .object({
    id: z.string(),
    question: z.string(),
    times_asked: z.number().int(),
    first_asked: z.string(),
    last_asked: z.string(),
    status: z.enum(['open', 'answered', 'dismissed']),
    answer: z.string().nullable(),
    public_question: z
      .string()
      .describe(
        'How the question is written to answers.md when answered: e-mails and phone numbers masked, plain text',
      ),
  })
  .meta({ id: 'KnowledgeGap' });

export const GapsResponseBody = z.object({ gaps: z.array(GapBody) }).meta({ id: 'KnowledgeGapList' });

export const LeadBody = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    notes: z.string().nullable(),
    session_id: z.string().nullable(),
    times_recorded: z.number().int(),
    first_recorded: z.string(),
    last_recorded: z.string(),
  })
  .meta({ id: 'Lead' });

export const LeadsResponseBody = z.object({ leads: z.array(LeadBody) }).meta({ id: 'LeadList' });

// The store's grouping key stays internal: the owner sees the question as first asked.
function publicGap(gap: KnowledgeGap): z.infer<typeof GapBody> {
  const { id, question, times_asked, first_asked, last_asked, status, answer } = gap;
  return {
    id,
    question,
    times_asked,
    first_asked,
    last_asked,
    status,
    answer,
    public_question: publicQuestion(question),
  };
}

function publicLead(lead: Lead): z.infer<typeof LeadBody> {
  const { id, email, name, notes, session_id, times_recorded, first_recorded, last_recorded } = lead;
  return { id, email, name, notes, session_id, times_recorded, first_recorded, last_recorded };
}

/** The owner's side of the knowledge-gap loop, and the leads. Admin only. */
export function knowledgeRoutes(router: Router, knowledge: KnowledgeService, admin: Middleware): void {
  router.get('/analytics/knowledge-gaps', admin, async (ctx) => {
    const query = parseBody(GapsQuery, ctx.query);
    ctx.body = { gaps: (await knowledge.listGaps(query)).map(publicGap) };
  });

  router.post('/analytics/knowledge-gaps/:id/answer', admin, requireJson, async (ctx) => {
    const body = parseBody(AnswerBody, ctx.request.body);
    ctx.body = publicGap(await knowledge.answerGap(ctx.params.id, body.answer, body.question));
  });

  router.post('/analytics/knowledge-gaps/:id/dismiss', admin, async (ctx) => {
    ctx.body = publicGap(await knowledge.dismissGap(ctx.params.id));
  });

  router.get('/analytics/leads', admin, async (ctx) => {
    ctx.body = { leads: (await knowledge.listLeads()).map(publicLead) };
  });
}
