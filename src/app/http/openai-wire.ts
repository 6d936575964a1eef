import type { Context } from 'koa';
import { z } from 'zod';
import { MAX_STOP_CHARS, MAX_STOP_SEQUENCES } from '../../domain/chat/answer-limits.js';
import type { ChatInput, ChatOutcome } from '../../domain/chat/chat-types.js';
import type { ClientMessage } from '../../domain/chat/client-history.js';
import { clientSessionId, type SessionId } from '../../domain/conversation/conversation.js';
import { openSseResponse } from './event-stream.js';

/** The session a /v1 exchange was stored under: pass it back as `user` to continue, or to GET /conversation/:id. */
export const SESSION_HEADER = 'X-Session-Id';

/** The name clients pick from GET /v1/models. */
export const TWIN_MODEL_ID = 'twin';

const ContentPart = z.looseObject({ type: z.string(), text: z.string().optional() });

/** A token limit as OpenAI takes it: a positive integer, or null for none. */
export const TokenLimit = z.int().min(1).nullish();

/**
 * Sampling parameters the twin ignores (the owner's model settings govern) but checks, with
 * the ranges of OpenAI's API reference, so a client's mistake is a 400 naming the parameter
 * here as it would be there, rather than silently accepted.
 */
export const IgnoredSampling = {
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  seed: z.int().nullish(),
};

/** Who is asking, for the session: empty is nobody (some clients always send the field). */
export const UserField = z.string().max(256).nullish();

const StopSequence = z.string().min(1).max(MAX_STOP_CHARS);

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
  user: UserField,
  // OpenAI's successor to `user` for telling end users apart: the same session key.
  safety_identifier: UserField,
  // The twin stores one answer per turn, so it gives one choice.
  n: z.int().min(1).max(1, 'only 1 choice is supported: the twin stores one answer per turn').nullish(),
  stop: z
    .union([
      StopSequence,
      z.array(StopSequence).max(MAX_STOP_SEQUENCES, `at most ${MAX_STOP_SEQUENCES} stop sequences`),
    ])
    .nullish(),
  max_tokens: TokenLimit,
  max_completion_tokens: TokenLimit,
  ...IgnoredSampling,
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

/** The client's limits on the answer, as the turn takes them. */
export function completionLimits(body: ChatCompletionsRequest): Pick<ChatInput, 'max_output_tokens' | 'stop'> {
  // Both names are in use (max_tokens is the older one); a client that sends both gets the smaller.
  const limits = [body.max_tokens, body.max_completion_tokens].filter((n): n is number => typeof n === 'number');
  const stop = typeof body.stop === 'string' ? [body.stop] : (body.stop ?? undefined);
  return {
    ...(limits.length > 0 ? { max_output_tokens: Math.min(...limits) } : {}),
    ...(stop && stop.length > 0 ? { stop } : {}),
  };
}

/**
 * The session a `user` (or `safety_identifier`) value continues: the value itself when it would
 * pass as a session id a client may choose (unguessable: see isUnguessableSessionId), else
 * undefined, and the exchange is stored in a session of its own under a server-issued id.
 * A guessable value (a name, an e-mail, "user-123") must not be a key others can compute: its
 * hash would be too (issue 16, item 8), and the session would be readable by anyone who sent it.
 */
export function sessionForUser(user: string | null | undefined): SessionId | undefined {
  return clientSessionId(user);
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
        finish_reason: answer.finish_reason,
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
  finishReason: 'stop' | 'length' | null = null,
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

/** Aborts when the client hangs up before the response is written, so the model stops spending tokens. */
export function clientGone(ctx: Context): AbortSignal {
  const gone = new AbortController();
  ctx.res.on('close', () => {
    if (!ctx.res.writableFinished) gone.abort(new DOMException('The client disconnected', 'AbortError'));
  });
  return gone.signal;
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
