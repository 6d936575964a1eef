import OpenAI from 'openai';
import type {
  ChatCompletionCreateParamsBase,
  ChatCompletionMessageParam,
  ChatCompletionMessageToolCall,
} from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { ModelUnavailable } from '../../domain/errors.js';
import type {
  ChatCompletion,
  ChatModel,
  ChatRequest,
  ChatStreamEvent,
  TokenUsage,
  TwinTools,
} from '../../ports/chat-model.js';
import { translateOpenAiError } from './error-translation.js';
import { StreamGuard } from './stream-guard.js';
import { countTokens } from './token-counter.js';
import { ToolCallAssembler } from './tool-call-assembler.js';
import { MAX_TOOL_ROUNDS, runToolCall, type ToolCallRequest, TWIN_TOOL_DEFINITIONS } from './twin-tool-calls.js';
import { UsageTotal } from './usage-total.js';

export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 2;

interface CommonOptions {
  /** Any OpenAI-compatible endpoint: Ollama, vLLM, LM Studio, llama.cpp server... */
  readonly baseURL?: string;
  /** Model id sent to the server and shown to clients. Default 'gpt-4o-mini'. */
  readonly model?: string;
  /** Per attempt until the response starts, then the longest silence allowed mid-stream. Default 30000. */
  readonly timeoutMs?: number;
  /** SDK retries of connection errors, 429 and 5xx before the response starts. Default 2. */
  readonly maxRetries?: number;
  readonly fetch?: typeof fetch;
  /** Upper bound on the answer's length (sent as `max_completion_tokens`). */
  readonly maxOutputTokens?: number;
}

export type OpenAiChatModelOptions = CommonOptions &
  (
    | { readonly apiKey: string; readonly client?: undefined }
    /** A prebuilt client wins over apiKey, baseURL, maxRetries and fetch. */
    | { readonly client: OpenAI; readonly apiKey?: string }
  );

/**
 * A ChatModel on the OpenAI chat completions API, or on any server that speaks it.
 * Vendor failures surface as `model_unavailable` with fixed, secret-free messages;
 * an aborted request rejects with the caller's abort reason.
 */
export class OpenAiChatModel implements ChatModel {
  readonly name: string;
  private readonly client: OpenAI;
  private readonly idleTimeoutMs: number;
  private readonly maxOutputTokens: number | undefined;

  constructor(options: OpenAiChatModelOptions) {
    this.name = options.model ?? DEFAULT_OPENAI_MODEL;
    this.maxOutputTokens = options.maxOutputTokens;
    this.idleTimeoutMs = options.timeoutMs ?? options.client?.timeout ?? DEFAULT_TIMEOUT_MS;
    this.client =
      options.client ??
      new OpenAI({
        apiKey: options.apiKey,
        baseURL: options.baseURL,
        timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
        fetch: options.fetch,
      });
  }

  countTokens(text: string): number {
    return countTokens(text);
  }

  async complete(request: ChatRequest): Promise<ChatCompletion> {
    const messages = baseMessages(request);
    const usage = new UsageTotal();
    let grounded = true;
    try {
      // Tool calls loop back to the model until it answers in text.
      for (let round = 0; ; round++) {
        const completion = await this.client.chat.completions.create(
          { ...this.params(request, messages, round), stream: false },
          { signal: request.signal },
        );
        usage.add(completion.usage);
        const choice = completion.choices[0];
        const message = choice?.message;
        // A reply cut at the token limit carries half-written tool calls: it is the answer.
        const truncated = choice?.finish_reason === 'length';
        const calls = truncated ? [] : functionCalls(message?.tool_calls);
        if (!request.tools || calls.length === 0) {
          const text = message?.content ?? '';
          if (text.trim() === '') throw emptyAnswer(usage.total(request, text));
          return { text, usage: usage.total(request, text), grounded, ...(truncated ? { truncated } : {}) };
        }
        if (!(await this.runTools(request.tools, message?.content ?? '', calls, messages))) grounded = false;
      }
    } catch (error) {
      throw request.signal?.aborted ? request.signal.reason : translateOpenAiError(error);
    }
  }

  async *stream(request: ChatRequest): AsyncGenerator<ChatStreamEvent, void, undefined> {
    const messages = baseMessages(request);
    const usage = new UsageTotal();
    let grounded = true;
    let text = '';
    let truncated = false;
    for (let round = 0; ; round++) {
      const result = yield* this.streamRound(request, messages, round);
      text += result.text;
      usage.add(result.usage);
      truncated = result.finishReason === 'length';
      // A round cut at the token limit carries half-written tool calls: it is the answer.
      if (!request.tools || result.calls.length === 0 || truncated) break;
      if (!(await this.runTools(request.tools, result.text, result.calls, messages))) grounded = false;
    }
    if (text.trim() === '') throw emptyAnswer(usage.total(request, text));
    yield { type: 'done', usage: usage.total(request, text), grounded, ...(truncated ? { truncated } : {}) };
  }

  /** One streamed request: yields its tokens, returns its text, tool calls and usage. */
  private async *streamRound(
    request: ChatRequest,
    messages: readonly ChatCompletionMessageParam[],
    round: number,
  ): AsyncGenerator<ChatStreamEvent, RoundResult, undefined> {
    const guard = new StreamGuard(this.idleTimeoutMs, request.signal);
    const calls = new ToolCallAssembler();
    let text = '';
    let usage: CompletionUsage | undefined;
    let finishReason: string | undefined;
    try {
      const chunks = await this.client.chat.completions.create(
        { ...this.params(request, messages, round), stream: true, stream_options: { include_usage: true } },
        { signal: guard.signal },
      );
      guard.arm();
      for await (const chunk of chunks) {
        guard.disarm();
        // Chunks already buffered would still arrive after an abort; stop at once.
        if (request.signal?.aborted) break;
        if (chunk.usage) usage = chunk.usage;
        finishReason = chunk.choices.find((choice) => choice.finish_reason)?.finish_reason ?? finishReason;
        const delta = chunk.choices[0]?.delta;
        calls.add(delta?.tool_calls);
        if (delta?.content) {
          text += delta.content;
          yield { type: 'token', text: delta.content };
        }
        guard.arm();
      }
    } catch (error) {
      throw streamFailure(error, request.signal, guard);
    } finally {
      guard.dispose();
    }
    // The SDK ends a stream quietly when its signal aborts, so the cause is checked here.
    if (request.signal?.aborted || guard.idleTimedOut) throw streamFailure(undefined, request.signal, guard);
    // Servers differ: some never send finish_reason, some omit `data: [DONE]`. A stream that closed
    // cleanly (a cut connection throws above) is an answer when it carried one.
    const found = calls.calls();
    if (finishReason === undefined && text === '' && found.length === 0) {
      throw streamFailure(undefined, request.signal, guard);
    }
    return { text, calls: found, usage, finishReason };
  }

  /**
   * Answers the model's tool calls in the conversation it will see next. Returns false
   * when it declared the question unanswerable.
   */
  private async runTools(
    tools: TwinTools,
    content: string,
    calls: readonly ToolCallRequest[],
    messages: ChatCompletionMessageParam[],
  ): Promise<boolean> {
    messages.push({
      role: 'assistant',
      content: content || null,
      tool_calls: calls.map((call) => ({
        id: call.id,
        type: 'function' as const,
        function: { name: call.name, arguments: call.arguments },
      })),
    });
    let grounded = true;
    for (const call of calls) {
      const result = await runToolCall(tools, call);
      if (result.unknownQuestion) grounded = false;
      messages.push({ role: 'tool', tool_call_id: call.id, content: result.content });
    }
    return grounded;
  }

  private params(
    request: ChatRequest,
    messages: readonly ChatCompletionMessageParam[],
    round: number,
  ): ChatCompletionCreateParamsBase {
    return {
      model: this.name,
      messages: [...messages],
      ...upstreamTokenLimit(this.maxOutputTokens, request.maxOutputTokens),
      ...(request.tools
        ? { tools: TWIN_TOOL_DEFINITIONS, ...(round >= MAX_TOOL_ROUNDS ? { tool_choice: 'none' as const } : {}) }
        : {}),
    };
  }
}

interface RoundResult {
  readonly text: string;
  readonly calls: readonly ToolCallRequest[];
  readonly usage: CompletionUsage | undefined;
  /** undefined when the server never said (some OpenAI-compatible servers do not). */
  readonly finishReason: string | undefined;
}

// Turns are rebuilt field by field: callers may pass richer message records,
// and unknown fields make strict servers answer 400. Blank turns carry nothing and
// some compatible servers reject them, so none is sent.
function baseMessages(request: ChatRequest): ChatCompletionMessageParam[] {
  return [
    { role: 'system', content: request.system },
    ...request.messages
      .filter((turn) => turn.content.trim() !== '')
      .map((turn) => ({ role: turn.role, content: turn.content })),
  ];
}

/**
 * `max_completion_tokens` for the server: the owner's cap, or the client's limit when smaller. The
 * turn cuts the answer to the client's limit exactly; the server gets headroom above it so a tool
 * call (tens of tokens) is not cut in half, and so a tokenizer that differs from ours cannot cut
 * the answer shorter than the client asked.
 */
export const CLIENT_LIMIT_HEADROOM_TOKENS = 256;

function upstreamTokenLimit(owner: number | undefined, client: number | undefined) {
  const fromClient = client === undefined ? undefined : client + CLIENT_LIMIT_HEADROOM_TOKENS;
  const limit = owner === undefined ? fromClient : fromClient === undefined ? owner : Math.min(owner, fromClient);
  return limit === undefined ? {} : { max_completion_tokens: limit };
}

function functionCalls(calls: readonly ChatCompletionMessageToolCall[] | undefined): ToolCallRequest[] {
  return (calls ?? []).flatMap((call) =>
    call.type === 'function' ? [{ id: call.id, name: call.function.name, arguments: call.function.arguments }] : [],
  );
}

// An empty reply is no answer: it must never reach the visitor as a grounded one.
function emptyAnswer(usage: TokenUsage): ModelUnavailable {
  // The usage goes with it: an empty answer is still billed, and budgets must count it.
  return new ModelUnavailable('The language model returned an empty answer', { usage });
}

function streamFailure(error: unknown, signal: AbortSignal | undefined, guard: StreamGuard): unknown {
  if (signal?.aborted) return signal.reason;
  if (guard.idleTimedOut) return new ModelUnavailable('The language model stopped answering', { cause: error });
  // A stream that closed with nothing in it: no text, no tool call, no finish_reason.
  if (error === undefined) return new ModelUnavailable('The language model stream ended early');
  return translateOpenAiError(error);
}
