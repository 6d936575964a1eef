import { ANALYTICS_DAYS_PARAMETER, QUALITY_FIELDS } from './openapi-quality.js';

const object = (properties: Record<string, unknown>) => ({ type: 'object', properties });
const number = { type: 'number' };
const timezone = { name: 'timezone', in: 'query', schema: { type: 'string', example: 'Europe/Lisbon' } };
const sentiment = object({ positive: number, neutral: number, negative: number });

/** The /analytics paths of the OpenAPI document (admin token required). */
export function analyticsPaths(error: (description: string) => object): Record<string, object> {
  const ok = (schema: object) => ({ description: 'OK', content: { 'application/json': { schema } } });
  return {
    '/analytics': {
      get: {
        summary: 'Overview and answer quality from the write-time counters (admin)',
        security: [{ admin: [] }],
        parameters: [timezone, ANALYTICS_DAYS_PARAMETER],
        responses: {
          200: ok(
            object({
              total_sessions: number,
              total_messages: number,
              avg_messages_per_session: number,
              avg_duration_seconds: number,
              question_rate: { type: 'number', description: 'percent of user messages that are questions' },
              most_active_hours: { type: 'array', items: object({ hour: number, messages: number }) },
              most_active_weekdays: { type: 'array', items: object({ weekday: { type: 'string' }, messages: number }) },
              top_topics: { type: 'array', items: object({ topic: { type: 'string' }, count: number }) },
              sentiment,
              ...QUALITY_FIELDS,
            }),
          ),
          400: error('invalid_input: unknown time zone'),
          401: error('unauthorized'),
        },
      },
    },
    '/analytics/timeseries': {
      get: {
        summary: 'Activity per hour, day or week; empty buckets are zeros (admin)',
        security: [{ admin: [] }],
        parameters: [
          { name: 'days', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 366, default: 7 } },
          {
            name: 'granularity',
            in: 'query',
            schema: { type: 'string', enum: ['hour', 'day', 'week'], default: 'day' },
          },
          timezone,
        ],
        responses: {
          200: ok(
            object({
              granularity: { type: 'string' },
              time_zone: { type: 'string' },
              points: {
                type: 'array',
                items: object({
                  start: { type: 'string', description: 'UTC instant the bucket starts at (inclusive)' },
                  end: { type: 'string', description: 'UTC instant the next bucket starts at (exclusive)' },
                  local_start: {
                    type: 'string',
                    description: 'wall clock in time_zone at the start, YYYY-MM-DDTHH:MM (the label)',
                  },
                  sessions: number,
                  messages: number,
                  user_messages: number,
                  questions: number,
                  avg_sentiment: number,
                }),
              },
            }),
          ),
          400: error('invalid_input'),
          401: error('unauthorized'),
        },
      },
    },
    '/analytics/conversations/{session_id}': {
      get: {
        summary: "One conversation's metrics (admin)",
        security: [{ admin: [] }],
        parameters: [
          {
            name: 'session_id',
            in: 'path',
            required: true,
            schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,128}$' },
          },
        ],
        responses: {
          200: ok(object({ session_id: { type: 'string' }, total_messages: number, turns: number, sentiment })),
          400: error('invalid_input'),
          401: error('unauthorized'),
          404: error('not_found'),
        },
      },
    },
  };
}
