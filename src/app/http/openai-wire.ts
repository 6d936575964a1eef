import { createHash } from 'node:crypto';
import type { Context } from 'koa';
import { z } from 'zod';
import type { ChatOutcome } from '../../domain/chat/chat-types.js';
import type { ClientMessage } from '../../domain/chat/client-history.js';
import { isSessionId, type SessionId } from '../../domain/conversation/conversation.js';
import { openSseResponse } from './event-stream.js';

/** The name clients pick from GET /v1/models. */
export const TWIN_MODEL_ID = 'twin';

const ContentPart = z.looseObject({ type: z.string(), text: z.string().optional() });

/** The parts of an OpenAI chat completions request the twin reads; other fields are accepted and ignored. */
export const ChatCompletionsBody = z.looseObject({
  model: z.string().min(1),
  messages: z
    .array(
      z.looseObject({
        role: z.string(),
        content: z.union([z.string(), z.array(ContentPart), z.null()]).optional(),
      }),
    )
    .min(1)
    .max(1000),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  // An empty `user` is no user (some clients always send the field).
  user: z.string().max(256).nullish(),
});

export type ChatCompletionsRequest = z.infer<typeof ChatCompletionsBody>;

/** Text parts joined; images, audio and tool calls carry nothing the twin can read. */
export function toClientMessages(messages: ChatCompletionsRequest['messages']): ClientMessage[] {
  return messages.map(({ role, content }) => ({
    role,
    content:
      typeof content === 'string'
        ? content
        : (content ?? [])
            .filter((part) => typeof part.text === 'string')
            .map((part) => part.text)
            .join('\n'),
  }));
}

/**
 * The session a `user` value persists to. A value that is already a valid session id is
 * used as is (so GET /conversation/<user> reads it); any other value is hashed into one.
 * Either way the value is the session's capability: clients should send an unguessable one.
 */
export function sessionIdForUser(user: string): SessionId {
  if (isSessionId(user)) return user;
  return `user_${createHash('sha256').update(user, 'utf8').digest('base64url')}` as SessionId;
}

function usageOf(answer: ChatOutcome) {
  const { input_tokens, output_tokens } = answer.usage;
  return { prompt_tokens: input_tokens, completion_tokens: output_tokens, total_tokens: input_tokens + output_tokens };
}

export function completionBody(id: string, created: number, answer: ChatOutcome) {
  return {
    id,
    object: 'chat.completion',
    created,
    model: TWIN_MODEL_ID,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: answer.response, refusal: null },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
    usage: usageOf(answer),
  };
}

export function chunkBody(
  id: string,
  created: number,
  delta: { role?: 'assistant'; content?: string },
  finishReason: 'stop' | null = null,
) {
  return {
    id,
    object: 'chat.completion.chunk',
    created,
    model: TWIN_MODEL_ID,
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
  };
}

export function usageChunkBody(id: string, created: number, answer: ChatOutcome) {
  return { id, object: 'chat.completion.chunk', created, model: TWIN_MODEL_ID, choices: [], usage: usageOf(answer) };
}

export interface DataStream {
  send(data: unknown): void;
  /** Writes the `data: [DONE]` terminator OpenAI clients wait for, then closes. */
  done(): void;
  end(): void;
  readonly signal: AbortSignal;
}

/** OpenAI-style SSE: unnamed `data:` events only, unlike /chat/stream's named events. */
export function openDataStream(ctx: Context): DataStream {
  const { body, signal } = openSseResponse(ctx);
  const write = (text: string) => {
    if (!body.writableEnded) body.write(text);
  };
  return {
    signal,
    send: (data) => write(`data: ${JSON.stringify(data)}\n\n`),
    done() {
      write('data: [DONE]\n\n');
      if (!body.writableEnded) body.end();
    },
    end() {
      if (!body.writableEnded) body.end();
    },
  };
}
