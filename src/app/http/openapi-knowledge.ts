import { OwnerAnswerBody, OwnerAnswerEditBody, OwnerAnswersResponseBody } from './routes/answers.js';
import { AnswerBody, GapsResponseBody, LeadsResponseBody } from './routes/knowledge.js';

/** The knowledge-gap, answer and lead schemas, registered with the rest in openapi.ts. */
export const KNOWLEDGE_SCHEMAS = [
  AnswerBody,
  GapsResponseBody,
  LeadsResponseBody,
  OwnerAnswerBody,
  OwnerAnswersResponseBody,
  OwnerAnswerEditBody,
];

const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const error = (description: string) => ({ description, content: json('Error') });
const gapId = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^gap-[0-9a-f]{16}$' },
};

const answerId = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^ans-[0-9a-f]{16}$' },
};

/** Paths of routes/knowledge.ts and routes/answers.ts. */
export const KNOWLEDGE_PATHS = {
  '/analytics/knowledge-gaps': {
    get: {
      summary: 'Questions the twin could not answer, open first, most asked first (admin)',
      security: [{ admin: [] }],
      parameters: [
        { name: 'status', in: 'query', schema: { type: 'string', enum: ['open', 'answered', 'dismissed'] } },
      ],
      responses: { 200: { description: 'OK', content: json('KnowledgeGapList') }, 401: error('unauthorized') },
    },
  },
  '/analytics/knowledge-gaps/{id}/answer': {
    post: {
      summary:
        "Answer a gap: the answer joins the persona's knowledge (the store's answers; answers.md on disk) from the next message on, under the question with e-mails, phone numbers and HTML removed (admin)",
      security: [{ admin: [] }],
      parameters: [gapId],
      requestBody: { required: true, content: json('GapAnswer') },
      responses: {
        200: { description: 'The answered gap', content: json('KnowledgeGap') },
        400: error('invalid_input'),
        401: error('unauthorized'),
        404: error('not_found'),
        409: error(
          'conflict: answers.md in the persona folder is a link, a hard link or not a regular file; nothing is read or written',
        ),
      },
    },
  },
  '/analytics/knowledge-gaps/{id}/dismiss': {
    post: {
      summary: 'Dismiss a gap: it leaves the open list (admin)',
      security: [{ admin: [] }],
      parameters: [gapId],
      responses: {
        200: { description: 'The dismissed gap', content: json('KnowledgeGap') },
        400: error('invalid_input'),
        401: error('unauthorized'),
        404: error('not_found'),
      },
    },
  },
  '/analytics/leads': {
    get: {
      summary: 'Visitors who asked to be contacted, newest first (admin)',
      security: [{ admin: [] }],
      responses: { 200: { description: 'OK', content: json('LeadList') }, 401: error('unauthorized') },
    },
  },
  '/knowledge/answers': {
    get: {
      summary: "The owner's answers, by question (admin)",
      security: [{ admin: [] }],
      responses: {
        200: { description: 'OK', content: json('OwnerAnswerList') },
        401: error('unauthorized'),
        409: error(
          'conflict: answers.md in the persona folder is a link, a hard link or not a regular file; nothing is read or written',
        ),
      },
    },
  },
  '/knowledge/answers/{id}': {
    put: {
      summary:
        'Edit an answer: its text, its question, or both. A new question gives a new id (in the response). Every instance uses the edit within TWIN_ANSWERS_REFRESH_SECONDS (admin)',
      security: [{ admin: [] }],
      parameters: [answerId],
      requestBody: { required: true, content: json('OwnerAnswerEdit') },
      responses: {
        200: { description: 'The edited answer', content: json('OwnerAnswer') },
        400: error('invalid_input'),
        401: error('unauthorized'),
        404: error('not_found'),
        409: error(
          'conflict: another answer has this question, or answers.md in the persona folder is a link, a hard link or not a regular file',
        ),
        415: error('unsupported_media_type'),
      },
    },
    delete: {
      summary: 'Delete an answer: the twin stops using it (admin)',
      security: [{ admin: [] }],
      parameters: [answerId],
      responses: {
        204: { description: 'Deleted' },
        400: error('invalid_input'),
        401: error('unauthorized'),
        404: error('not_found'),
        409: error(
          'conflict: answers.md in the persona folder is a link, a hard link or not a regular file; nothing is read or written',
        ),
      },
    },
  },
};
