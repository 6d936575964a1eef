import { z } from 'zod';
import { analyticsPaths } from './analytics-openapi.js';
import { KNOWLEDGE_PATHS, KNOWLEDGE_SCHEMAS } from './openapi-knowledge.js';
import { QUALITY_PATHS, QUALITY_SCHEMAS } from './openapi-quality.js';
import { withMiddlewareResponses } from './openapi-responses.js';
import { webAndOpenAiPaths } from './openapi-web.js';
import { WIDGET_PATHS } from './openapi-widget.js';
import {
  ChatRequestBody,
  ChatResponseBody,
  ConversationResponseBody,
  ErrorResponseBody,
  HealthResponseBody,
  RootResponseBody,
  SessionsResponseBody,
} from './schemas.js';

const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const error = (description: string) => ({ description, content: json('Error') });
const sessionIdParam = {
  name: 'session_id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,128}$' },
};

/** OpenAPI 3.1 generated from the same zod schemas the routes validate with. */
export function buildOpenApiDocument(version: string): object {
  const registry = z.registry<{ id: string }>();
  for (const schema of [
    ChatRequestBody,
    ChatResponseBody,
    ConversationResponseBody,
    ErrorResponseBody,
    HealthResponseBody,
    RootResponseBody,
    SessionsResponseBody,
    ...KNOWLEDGE_SCHEMAS,
    ...QUALITY_SCHEMAS,
  ]) {
    const id = schema.meta()?.id;
    if (typeof id === 'string') registry.add(schema, { id });
  }
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, target: 'draft-2020-12' });
  return {
    openapi: '3.1.0',
    info: { title: 'digital-twin', version },
    components: {
      schemas,
      securitySchemes: { admin: { type: 'http', scheme: 'bearer', description: 'TWIN_ADMIN_TOKEN' } },
    },
    paths: withMiddlewareResponses(pathsOf(), error),
  };
}

function pathsOf(): Record<string, Record<string, unknown>> {
  return {
    '/': { get: { summary: 'Greeting', responses: { 200: { description: 'OK', content: json('Greeting') } } } },
    '/health': {
      get: { summary: 'Health check', responses: { 200: { description: 'OK', content: json('Health') } } },
    },
    '/openapi.json': {
      get: { summary: 'This document (OpenAPI 3.1)', responses: { 200: { description: 'OK' } } },
    },
    '/chat': {
      post: {
        summary: 'Ask the twin',
        requestBody: { required: true, content: json('ChatRequest') },
        responses: {
          200: { description: 'The answer', content: json('ChatResponse') },
          400: error('invalid_input'),
          409: error('conflict: the session was deleted'),
          413: error('payload_too_large'),
          415: error('unsupported_media_type'),
          503: error('model_unavailable (Retry-After set)'),
        },
      },
    },
    '/chat/stream': {
      post: {
        summary: 'Ask the twin, streamed as server-sent events: session, token*, done | error',
        requestBody: { required: true, content: json('ChatRequest') },
        responses: {
          200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } },
          400: error('invalid_input'),
          415: error('unsupported_media_type'),
        },
      },
    },
    '/conversation/{session_id}': {
      get: {
        summary: 'A conversation',
        parameters: [sessionIdParam],
        responses: {
          200: { description: 'OK', content: json('Conversation') },
          400: error('invalid_input'),
          404: error('not_found'),
        },
      },
      delete: {
        summary: 'Delete a conversation (soft; ?purge=true removes every trace)',
        parameters: [
          sessionIdParam,
          { name: 'purge', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } },
        ],
        responses: { 204: { description: 'Deleted' }, 400: error('invalid_input'), 404: error('not_found') },
      },
    },
    '/sessions': {
      get: {
        summary: 'Recent sessions (admin)',
        security: [{ admin: [] }],
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
        ],
        responses: { 200: { description: 'OK', content: json('SessionList') }, 401: error('unauthorized') },
      },
    },
    ...webAndOpenAiPaths(error),
    ...WIDGET_PATHS,
    ...analyticsPaths(error),
    '/metrics': {
      get: {
        summary: 'Prometheus metrics (admin; present when TWIN_METRICS includes prometheus)',
        security: [{ admin: [] }],
        responses: {
          200: {
            description: 'Prometheus text exposition format',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
          401: error('unauthorized'),
        },
      },
    },
    ...KNOWLEDGE_PATHS,
    ...QUALITY_PATHS,
  };
}
