import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ChatOutcome } from '../../domain/chat/chat-types.js';
import type { ClientMessage } from '../../domain/chat/client-history.js';
import { clientSessionId, type SessionId } from '../../domain/conversation/conversation.js';
import { InvalidInput, NotFound } from '../../domain/errors.js';
import { IgnoredSampling, TokenLimit, TWIN_MODEL_ID, UserField } from './openai-wire.js';

const ContentPart = z.looseObject({ type: z.string(), text: z.string().optional() });

// Messages (EasyInputMessage, typed `message` items, earlier outputs), `item_reference`s, and items
// the twin has no use for (function calls and their outputs, reasoning): those are skipped.
const InputItem = z.looseObject({
  type: z.string().optional(),
  role: z.string().optional(),
  content: z.union([z.string(), z.array(ContentPart), z.null()]).optional(),
  id: z.string().optional(),
});

const Unsupported = (why: string) =>
  z
    .unknown()
    .refine((v) => v === undefined || v === null || v === false, why)
    .optional();

/** The parts of an OpenAI Responses request the twin reads; other fields are accepted and ignored. */
export const ResponsesBody = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(InputItem).min(1).max(1000)]),
  stream: z.boolean().nullish(),
  max_output_tokens: TokenLimit,
  previous_response_id: z.string().max(200).nullish(),
  user: UserField,
  safety_identifier: UserField,
  background: Unsupported('background responses are not supported: the twin answers while you wait'),
  conversation: Unsupported('conversations are not supported: continue with previous_response_id or `user`'),
  temperature: IgnoredSampling.temperature,
  top_p: IgnoredSampling.top_p,
});

export type ResponsesRequest = z.infer<typeof ResponsesBody>;

export interface ResponsesInput {
  /** Message items reduced to text, oldest first. */
  readonly messages: readonly ClientMessage[];
  /** The session that `previous_response_id` or `item_reference`s point into, if any. */
  readonly continues?: SessionId;
}

/** Reads `input` and the references into a stored conversation. Throws InvalidInput naming the field. */
export function readResponsesInput(body: ResponsesRequest): ResponsesInput {
  if (typeof body.input === 'string') {
    const continues = body.previous_response_id
      ? sessionOf(body.previous_response_id, 'resp', 'previous_response_id')
      : undefined;
    return { messages: [{ role: 'user', content: body.input }], continues };
  }
  const messages: ClientMessage[] = [];
  const sessions = new Set<SessionId>();
  if (body.previous_response_id) sessions.add(sessionOf(body.previous_response_id, 'resp', 'previous_response_id'));
  body.input.forEach((item, index) => {
    if (item.type === 'item_reference') {
      if (!body.previous_response_id) sessions.add(sessionOf(item.id ?? '', 'msg', `input.${index}.id`));
    } else if ((item.type === undefined || item.type === 'message') && typeof item.role === 'string') {
      messages.push({ role: item.role, content: textOf(item.content) });
    }
  });
  if (sessions.size > 1) throw new InvalidInput('input: the item references point into different conversations');
  return { messages, continues: [...sessions][0] };
}

/** Text parts joined; images, files and audio carry nothing the twin can read. */
function textOf(content: z.infer<typeof InputItem>['content']): string {
  if (typeof content === 'string') return content;
  return (content ?? [])
    .filter((part) => typeof part.text === 'string')
    .map((part) => part.text)
    .join('\n');
}

/**
 * Response and message ids carry the session they were stored in, so `previous_response_id` and
 * `item_reference` continue it: `resp_<session id>.<nonce>`, `msg_<session id>.<nonce>`. Like the
 * session id itself they are keys to the conversation.
 */
export function responseIds(session: SessionId): { response: string; message: string } {
  const nonce = randomBytes(8).toString('hex');
  return { response: `resp_${session}.${nonce}`, message: `msg_${session}.${nonce}` };
}

const ISSUED_IDS = {
  resp: /^resp_([A-Za-z0-9_-]{8,128})\.[0-9a-f]{16}$/,
  msg: /^msg_([A-Za-z0-9_-]{8,128})\.[0-9a-f]{16}$/,
} as const;

/** The session part of a response or message id this twin issued (responseIds), or undefined. */
export function issuedSessionPart(id: string, prefix: 'resp' | 'msg'): string | undefined {
  return ISSUED_IDS[prefix].exec(id)?.[1];
}

function sessionOf(id: string, prefix: 'resp' | 'msg', field: string): SessionId {
  const part = issuedSessionPart(id, prefix);
  if (part === undefined) throw new InvalidInput(`${field}: not an id this twin issued`);
  // Like GET /conversation/:id: a guessable session id (an old short one) is no key to its history.
  const session = clientSessionId(part);
  if (session === undefined) throw new NotFound(`${field}: no stored response with this id`);
  return session;
}

type Status = 'in_progress' | 'completed' | 'incomplete' | 'failed';

export interface ResponseFrame {
  readonly ids: { readonly response: string; readonly message: string };
  readonly createdAt: number;
  readonly body: ResponsesRequest;
}

/** The output message item: one `output_text` part. */
export function messageItem(frame: ResponseFrame, text: string | undefined, status: Exclude<Status, 'failed'>) {
  return {
    id: frame.ids.message,
    type: 'message' as const,
    status,
    role: 'assistant' as const,
    content: text === undefined ? [] : [outputText(text)],
  };
}

export function outputText(text: string) {
  return { type: 'output_text' as const, text, annotations: [], logprobs: [] };
}

/** A `response` object (openai SDK v6 `Response`); echoes the request's settings the twin honours. */
export function responseObject(
  frame: ResponseFrame,
  state: {
    status: Status;
    answer?: ChatOutcome;
    output?: readonly object[];
    error?: { code: string; message: string };
    completedAt?: number;
  },
) {
  const { body, ids } = frame;
  const usage = state.answer?.usage;
  return {
    id: ids.response,
    object: 'response' as const,
    created_at: frame.createdAt,
    status: state.status,
    background: false,
    completed_at: state.completedAt ?? null,
    error: state.error ?? null,
    incomplete_details: state.status === 'incomplete' ? { reason: 'max_output_tokens' as const } : null,
    // Ignored like client system messages: the persona's prompt governs.
    instructions: null,
    max_output_tokens: body.max_output_tokens ?? null,
    max_tool_calls: null,
    metadata: {},
    model: TWIN_MODEL_ID,
    output: state.output ?? [],
    parallel_tool_calls: false,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    safety_identifier: body.safety_identifier ?? null,
    service_tier: 'default' as const,
    store: true,
    temperature: null,
    text: { format: { type: 'text' as const }, verbosity: 'medium' as const },
    tool_choice: 'none' as const,
    tools: [],
    top_logprobs: 0,
    top_p: null,
    truncation: 'disabled' as const,
    usage: usage
      ? {
          input_tokens: usage.input_tokens,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: usage.output_tokens,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: usage.input_tokens + usage.output_tokens,
        }
      : null,
    user: body.user ?? null,
  };
}

/** The finished response: `incomplete` (reason max_output_tokens) when a token limit cut the answer. */
export function finishedResponse(frame: ResponseFrame, answer: ChatOutcome, completedAt: number) {
  const status = answer.finish_reason === 'length' ? 'incomplete' : 'completed';
  return responseObject(frame, {
    status,
    answer,
    output: [messageItem(frame, answer.response, status)],
    completedAt,
  });
}
