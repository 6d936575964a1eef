import { z } from 'zod';
import { clientSessionId } from '../../domain/conversation/conversation.js';

/**
 * The API's shapes, used both to validate requests and to generate /openapi.json.
 * Content rules (length, Unicode) live in the domain; these check structure.
 */
export const ChatRequestBody = z
  .object({
    message: z.string().describe('The visitor message (NFC-normalised, 1..TWIN_MAX_MESSAGE_CHARS code points)'),
    session_id: z
      .string()
      .nullish()
      // A guessable id would be a guessable key to the transcript: it gets a new server-issued id instead.
      .overwrite((id) => clientSessionId(id) ?? null)
      .describe(
        'Continue this session (a returned session_id, or a UUID v4 of your own from crypto.randomUUID(); one that looks made up is refused); omit or null to start a new one. Any other value starts a new session with a server-issued id.',
      ),
  })
  .meta({ id: 'ChatRequest' });

export const ChatResponseBody = z
  .object({
    response: z.string(),
    session_id: z.string(),
    grounded: z.boolean().describe('false when the persona does not support an answer'),
  })
  .meta({ id: 'ChatResponse' });

export const MessageBody = z
  .object({
    role: z.enum(['user', 'assistant']),
    content: z.string(),
    timestamp: z.string(),
    rating: z
      .object({ rating: z.enum(['up', 'down']), comment: z.string().nullable() })
      .optional()
      .describe("The visitor's rating of this answer, when there is one"),
  })
  .meta({ id: 'Message' });

export const ConversationResponseBody = z
  .object({ session_id: z.string(), messages: z.array(MessageBody) })
  .meta({ id: 'Conversation' });

export const SessionSummaryBody = z
  .object({
    session_id: z.string(),
    created_at: z.string(),
    last_updated: z.string(),
    message_count: z.number().int(),
    first_question: z.string().nullable().describe("The visitor's first message, cut to 200 characters"),
    feedback: z.object({ up: z.number().int(), down: z.number().int() }),
  })
  .meta({ id: 'SessionSummary' });

export const SessionsResponseBody = z
  .object({ sessions: z.array(SessionSummaryBody), next_cursor: z.string().nullable() })
  .meta({ id: 'SessionList' });

export const SessionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().max(1024).optional(),
});

export const DeleteQuery = z.object({ purge: z.enum(['true', 'false']).optional() });

export const ErrorResponseBody = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .meta({ id: 'Error' });

export const RootResponseBody = z
  .object({ message: z.string(), version: z.string(), storage: z.string(), model: z.string() })
  .meta({ id: 'Greeting' });

export const HealthResponseBody = z
  .object({
    status: z.literal('healthy'),
    version: z.string(),
    storage: z.string(),
    model: z.string(),
    uptime_seconds: z.number(),
  })
  .meta({ id: 'Health' });
