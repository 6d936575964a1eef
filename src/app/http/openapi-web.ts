import { z } from 'zod';
import { ChatCompletionsBody } from './openai-wire.js';

type ErrorResponse = (description: string) => object;

const html = { 'text/html': { schema: { type: 'string' } } };

/** The pages, the persona card and the OpenAI-compatible routes, for /openapi.json. */
export function webAndOpenAiPaths(error: ErrorResponse): Record<string, object> {
  const completionsRequest = z.toJSONSchema(ChatCompletionsBody, { target: 'draft-2020-12', io: 'input' });
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
        responses: { 200: { description: 'The image' }, 404: error('not_found: the persona has no avatar') },
      },
    },
    '/v1/models': {
      get: { summary: 'OpenAI-compatible model list: one model, "twin"', responses: { 200: { description: 'OK' } } },
    },
    '/v1/chat/completions': {
      post: {
        summary:
          'OpenAI-compatible chat completions with model "twin" (stream: true gives SSE chunks ending with data: [DONE]). Client system messages are ignored; `user` persists the turns to a session.',
        requestBody: { required: true, content: { 'application/json': { schema: completionsRequest } } },
        responses: {
          200: { description: 'chat.completion, or text/event-stream of chat.completion.chunk' },
          400: error('invalid_input'),
          404: error('not_found: unknown model'),
          409: error('conflict: the user session was deleted'),
          503: error('model_unavailable'),
        },
      },
    },
  };
}
