import { FeedbackRequestBody, RatedAnswerBody, RatedAnswersResponseBody } from './routes/feedback.js';
import { GapBody } from './routes/knowledge.js';

/**
 * The feedback schemas, registered with the rest in openapi.ts. KnowledgeGap is registered
 * here too: responses refer to it as a component of its own.
 */
export const QUALITY_SCHEMAS = [FeedbackRequestBody, RatedAnswerBody, RatedAnswersResponseBody, GapBody];

const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const error = (description: string) => ({ description, content: json('Error') });
const sessionId = {
  name: 'session_id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,128}$' },
};
const number = { type: 'number' };
const nullableNumber = { type: ['number', 'null'] };
const percentiles = {
  type: 'object',
  description: 'Milliseconds, to within ±4.5 % (log-scale histogram); null when count is 0',
  properties: { count: number, p50: nullableNumber, p95: nullableNumber, p99: nullableNumber },
};
const feedback = {
  type: 'object',
  properties: { up: number, down: number, satisfaction_rate: { ...nullableNumber, description: 'up / (up + down)' } },
};

/** Fields GET /analytics gains for answer quality (merged into its schema in analytics-openapi.ts). */
export const QUALITY_FIELDS = {
  period: {
    type: 'object',
    description: 'The UTC days covered: the last `days` days including today, or all time (days null)',
    properties: { days: nullableNumber, from: { type: ['string', 'null'] }, to: { type: 'string' } },
  },
  answers: {
    type: 'object',
    properties: {
      total: number,
      grounded_rate: nullableNumber,
      limited: { ...number, description: 'resting answers' },
    },
  },
  latency_ms: percentiles,
  time_to_first_token_ms: { ...percentiles, description: 'Streamed answers only. Milliseconds, to within ±4.5 %' },
  tokens: { type: 'object', properties: { input: number, output: number } },
  cost_usd: { ...number, description: 'Estimated from TWIN_MODEL_PRICES; answers of unpriced models add nothing' },
  feedback,
};

const days = {
  name: 'days',
  in: 'query',
  description: 'The last N UTC days, today included; omit for all time',
  schema: { type: 'integer', minimum: 1, maximum: 366 },
};

/** Paths of routes/feedback.ts, routes/exports.ts and GET /analytics/persona-versions. */
export const QUALITY_PATHS = {
  '/conversation/{session_id}/feedback': {
    post: {
      summary: 'Rate an answer (a later rating of the same answer replaces the earlier)',
      parameters: [sessionId],
      requestBody: { required: true, content: json('FeedbackRequest') },
      responses: {
        204: { description: 'Kept' },
        400: error('invalid_input: not an answer, unknown rating, comment too long'),
        404: error('not_found: no such session'),
        415: error('unsupported_media_type'),
      },
    },
  },
  '/conversation/{session_id}/export': {
    get: {
      summary: 'Download a conversation (attachment)',
      parameters: [
        sessionId,
        { name: 'format', in: 'query', schema: { type: 'string', enum: ['markdown', 'json'], default: 'markdown' } },
      ],
      responses: {
        200: {
          description: 'The conversation, with Content-Disposition: attachment',
          content: {
            'text/markdown': { schema: { type: 'string' } },
            'application/json': { schema: { type: 'object' } },
          },
        },
        400: error('invalid_input'),
        404: error('not_found'),
      },
    },
  },
  '/analytics/feedback': {
    get: {
      summary: 'Rated answers with question, answer, comment, session and time, newest first (admin)',
      security: [{ admin: [] }],
      parameters: [
        { name: 'rating', in: 'query', schema: { type: 'string', enum: ['down', 'up'], default: 'down' } },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
        { name: 'cursor', in: 'query', schema: { type: 'string' } },
      ],
      responses: {
        200: { description: 'OK', content: json('RatedAnswerList') },
        400: error('invalid_input'),
        401: error('unauthorized'),
      },
    },
  },
  '/analytics/feedback/{session_id}/{message_index}/knowledge-gap': {
    post: {
      summary: "Offer a thumbs-down answer's question as a knowledge gap, to answer it in the gaps list (admin)",
      security: [{ admin: [] }],
      parameters: [
        sessionId,
        { name: 'message_index', in: 'path', required: true, schema: { type: 'integer', minimum: 0 } },
      ],
      responses: {
        201: { description: 'The open gap', content: json('KnowledgeGap') },
        400: error('invalid_input'),
        401: error('unauthorized'),
        404: error('not_found'),
        409: error('conflict: the answer is not rated thumbs-down'),
      },
    },
  },
  '/analytics/export': {
    get: {
      summary: 'Every conversation as NDJSON, streamed (admin)',
      security: [{ admin: [] }],
      responses: {
        200: {
          description:
            'One JSON object per line: session fields, metadata and messages with answer records and ratings',
          content: { 'application/x-ndjson': { schema: { type: 'string' } } },
        },
        401: error('unauthorized'),
      },
    },
  },
  '/analytics/persona-versions': {
    get: {
      summary: 'Persona versions compared: answers, grounded share, latency, cost, satisfaction (admin)',
      security: [{ admin: [] }],
      parameters: [days],
      responses: {
        200: {
          description: 'The most recent version first',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  period: QUALITY_FIELDS.period,
                  versions: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        persona_version: { type: 'string' },
                        first_day: { type: ['string', 'null'] },
                        last_day: { type: ['string', 'null'] },
                        answers: number,
                        grounded_rate: nullableNumber,
                        avg_latency_ms: nullableNumber,
                        cost_usd: number,
                        feedback,
                      },
                    },
                  },
                },
              },
            },
          },
        },
        400: error('invalid_input'),
        401: error('unauthorized'),
      },
    },
  },
};

export const ANALYTICS_DAYS_PARAMETER = days;
