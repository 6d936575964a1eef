import { z } from 'zod';
import { ChatCompletionsBody } from './openai-wire.js';
import { ResponsesBody } from './responses-wire.js';

type ErrorResponse = (description: string) => object;

const html = { 'text/html': { schema: { type: 'string' } } };

/** The pages, the persona card and the OpenAI-compatible routes, for /openapi.json. */
export function webAndOpenAiPaths(error: ErrorResponse): Record<string, object> {
  const completionsRequest = z.toJSONSchema(ChatCompletionsBody, { target: 'draft-2020-12', io: 'input' });
  const responsesRequest = z.toJSONSchema(ResponsesBody, { target: 'draft-2020-12', io: 'input' });
  const sessionHeader = {
    'X-Session-Id': {
      description: 'The session the exchange is stored under (GET /conversation/{id}); a key to the conversation',
      schema: { type: 'string' },
    },
  };
  return {
    '/dashboard': {
      get: { summary: "The owner's dashboard page", responses: { 200: { description: 'OK', content: html } } },
    },
    '/persona': {
      get: {
        summary: "The persona's public card: name, full_name, title, location, initials, greeting, avatar_url",
        responses: { 200: { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
    '/persona/avatar': {
      get: {
        summary: 'avatar.(svg|webp|png|jpg|jpeg|gif) from the persona folder',
        responses: {
          200: { description: 'The image' },
          304: { description: 'Not modified (If-None-Match matched its ETag)' },
          404: error('not_found: the persona has no avatar'),
        },
      },
    },
    '/v1/models': {
      get: { summary: 'OpenAI-compatible model list: one model, "twin"', responses: { 200: { description: 'OK' } } },
    },
    '/v1/models/{model}': {
      get: {
        summary: 'OpenAI-compatible model object for "twin"',
        parameters: [{ name: 'model', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'OK' }, 404: error('not_found: unknown model') },
      },
    },
    '/v1/chat/completions': {
      post: {
        summary:
          'OpenAI-compatible chat completions with model "twin" (stream: true gives SSE chunks ending with data: [DONE]). Client system messages are ignored; `user` (or `safety_identifier`) keeps the turns in one session. n must be 1; stop and max_tokens / max_completion_tokens cut the answer (finish_reason "length" for a token limit).',
        requestBody: { required: true, content: { 'application/json': { schema: completionsRequest } } },
        responses: {
          200: {
            description: 'chat.completion, or text/event-stream of chat.completion.chunk',
            headers: sessionHeader,
          },
          400: error('invalid_input (names the parameter)'),
          404: error('not_found: unknown model'),
          409: error('conflict: the user session was deleted'),
          429: error('rate_limited (Retry-After set)'),
          503: error('model_unavailable'),
        },
      },
    },
    '/v1/responses': {
      post: {
        summary:
          'OpenAI Responses API with model "twin": input as a string or messages; stream: true gives the Responses event stream (response.created ... response.completed, or response.incomplete / response.failed). instructions and system messages are ignored (the persona governs); previous_response_id continues the stored conversation; max_output_tokens cuts the answer (status "incomplete").',
        requestBody: { required: true, content: { 'application/json': { schema: responsesRequest } } },
        responses: {
          200: { description: 'response, or text/event-stream of Responses events', headers: sessionHeader },
          400: error('invalid_input (names the parameter)'),
          404: error('not_found: unknown model'),
          409: error('conflict: the session was deleted'),
          429: error('rate_limited (Retry-After set)'),
          503: error('model_unavailable'),
        },
      },
    },
  };
}
