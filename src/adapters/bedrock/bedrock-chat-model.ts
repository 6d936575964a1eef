import type {
  BedrockRuntimeClient,
  ContentBlock,
  ConverseStreamRequest,
  InferenceConfiguration,
  Message,
} from '@aws-sdk/client-bedrock-runtime';
import { ModelUnavailable } from '../../domain/errors.js';
import type {
  ChatCompletion,
  ChatModel,
  ChatRequest,
  ChatStreamEvent,
  TokenUsage,
  TwinTools,
} from '../../ports/chat-model.js';
import type { Logger } from '../../ports/logger.js';
import { StreamGuard } from '../openai/stream-guard.js';
import { countTokens } from '../openai/token-counter.js';
import { MAX_TOOL_ROUNDS, runToolCall, type ToolCallRequest } from '../openai/twin-tool-calls.js';
import { createBedrockClient, loadBedrockSdk } from './bedrock-client.js';
import { type BedrockProblem, problemFix, translateBedrockError } from './bedrock-errors.js';
import { converseMessages, replayable, systemBlocks, textOf } from './converse-messages.js';
import { StreamedContent, TWIN_TOOL_CONFIG, toolResultsMessage, toolUsesIn } from './converse-tools.js';
import { type ConverseUsage, ConverseUsageTotal } from './converse-usage.js';
import { ThinkingFilter, withoutThinking } from './thinking-filter.js';

/** Amazon Nova Lite, called on demand in its own region (us-east-1 offers it so). */
export const DEFAULT_BEDROCK_MODEL_ID = 'amazon.nova-lite-v1:0';
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_MAX_TOKENS = 1024;

// Converse has no tool_choice "none": the last round asks for text, and tool uses in it are ignored.
const ANSWER_NOW = 'Answer the visitor now, in plain text, without calling any tool.';
// Stop reasons after which the reply cannot be trusted as an answer.
const MALFORMED = new Set(['malformed_model_output', 'malformed_tool_use']);

interface CommonOptions {
  /** A model id or an inference-profile id (or ARN). Default 'amazon.nova-lite-v1:0'. */
  readonly modelId?: string;
  /** The longest wait for a reply, then the longest silence allowed mid-stream. Default 30000. */
  readonly timeoutMs?: number;
  /** `inferenceConfig.maxTokens`: the answer's length cap. Default 1024. */
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  /** Receives one line, with the fix, per kind of misconfiguration (access denied, wrong model...). */
  readonly logger?: Logger;
}

export type BedrockChatModelOptions = CommonOptions &
  (
    | {
        readonly client?: undefined;
        /** Unset: the SDK's region chain. */
        readonly region?: string;
        /** A Bedrock-compatible server instead of the region's AWS endpoint. */
        readonly endpoint?: string;
        /** SDK retries of throttling and 5xx before the answer starts. Default 2. */
        readonly maxRetries?: number;
      }
    /** A prebuilt client wins over region, endpoint and maxRetries (tests give one with an endpoint). */
    | { readonly client: BedrockRuntimeClient }
  );

interface RoundResult {
  readonly text: string;
  readonly content: ContentBlock[];
  readonly calls: readonly ToolCallRequest[];
  readonly usage: ConverseUsage | undefined;
}

/**
 * A ChatModel on Amazon Bedrock's Converse and ConverseStream APIs, signed by the AWS SDK
 * (loaded on the first call). Failures surface as `model_unavailable` with fixed messages;
 * an aborted request rejects with the caller's abort reason.
 */
export class BedrockChatModel implements ChatModel {
  readonly name: string;
  private readonly options: BedrockChatModelOptions;
  private readonly timeoutMs: number;
  private readonly inference: InferenceConfiguration;
  private client: Promise<BedrockRuntimeClient> | undefined;
  private readonly logged = new Set<BedrockProblem>();

  constructor(options: BedrockChatModelOptions = {}) {
    this.options = options;
    this.name = options.modelId ?? DEFAULT_BEDROCK_MODEL_ID;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.inference = {
      maxTokens: options.maxTokens ?? DEFAULT_MAX_TOKENS,
      ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
      ...(options.topP === undefined ? {} : { topP: options.topP }),
    };
  }

  /** An o200k count: Nova's tokenizer is not published, and the history window only needs an estimate. */
  countTokens(text: string): number {
    return countTokens(text);
  }

  async complete(request: ChatRequest): Promise<ChatCompletion> {
    const messages = converseMessages(request.messages);
    const usage = new ConverseUsageTotal();
    const guard = new StreamGuard(this.timeoutMs, request.signal);
    let grounded = true;
    try {
      const { ConverseCommand } = await loadBedrockSdk();
      const client = await this.getClient();
      // Tool uses loop back to the model until it answers in text.
      for (let round = 0; ; round++) {
        guard.arm();
        const response = await client.send(new ConverseCommand(this.input(request, messages, round)), {
          abortSignal: guard.signal,
        });
        guard.disarm();
        usage.add(response.usage);
        if (MALFORMED.has(response.stopReason ?? '')) throw new ModelUnavailable('The language model failed to answer');
        const content = response.output?.message?.content ?? [];
        const calls = request.tools && round < MAX_TOOL_ROUNDS ? toolUsesIn(content) : [];
        if (!request.tools || calls.length === 0) {
          const text = withoutThinking(textOf(content));
          if (text.trim() === '') throw emptyAnswer(usage.total(request, text));
          return { text, usage: usage.total(request, text), grounded };
        }
        messages.push({ role: 'assistant', content: replayable(content) });
        if (!(await this.runTools(request.tools, calls, messages))) grounded = false;
      }
    } catch (error) {
      throw await this.failure(error, request.signal, guard, 'The language model did not answer in time');
    } finally {
      guard.dispose();
    }
  }

  async *stream(request: ChatRequest): AsyncGenerator<ChatStreamEvent, void, undefined> {
    const messages = converseMessages(request.messages);
    const usage = new ConverseUsageTotal();
    let grounded = true;
    let text = '';
    for (let round = 0; ; round++) {
      const result = yield* this.streamRound(request, messages, round);
      text += result.text;
      usage.add(result.usage);
      if (!request.tools || result.calls.length === 0 || round >= MAX_TOOL_ROUNDS) break;
      messages.push({ role: 'assistant', content: result.content });
      if (!(await this.runTools(request.tools, result.calls, messages))) grounded = false;
    }
    if (text.trim() === '') throw emptyAnswer(usage.total(request, text));
    yield { type: 'done', usage: usage.total(request, text), grounded };
  }

  /** One ConverseStream call: yields its visible tokens, returns its content, tool uses and usage. */
  private async *streamRound(
    request: ChatRequest,
    messages: readonly Message[],
    round: number,
  ): AsyncGenerator<ChatStreamEvent, RoundResult, undefined> {
    const guard = new StreamGuard(this.timeoutMs, request.signal);
    // Ends the HTTP stream when the consumer stops early or the round fails.
    const hangUp = new AbortController();
    const content = new StreamedContent();
    const thoughts = new ThinkingFilter();
    let text = '';
    let usage: ConverseUsage | undefined;
    let stopReason: string | undefined;
    try {
      const { ConverseStreamCommand } = await loadBedrockSdk();
      const client = await this.getClient();
      guard.arm();
      const response = await client.send(new ConverseStreamCommand(this.input(request, messages, round)), {
        abortSignal: AbortSignal.any([guard.signal, hangUp.signal]),
      });
      for await (const event of response.stream ?? []) {
        guard.disarm();
        // Events already buffered would still arrive after an abort; stop at once.
        if (request.signal?.aborted) break;
        if (event.contentBlockStart)
          content.start(event.contentBlockStart.contentBlockIndex, event.contentBlockStart.start);
        if (event.contentBlockDelta) {
          const delta = event.contentBlockDelta;
          const visible = thoughts.push(content.delta(delta.contentBlockIndex, delta.delta));
          if (visible) {
            text += visible;
            yield { type: 'token', text: visible };
          }
        }
        if (event.messageStop) stopReason = event.messageStop.stopReason ?? 'end_turn';
        if (event.metadata) usage = event.metadata.usage;
        guard.arm();
      }
      const rest = thoughts.flush();
      if (rest && stopReason !== undefined) {
        text += rest;
        yield { type: 'token', text: rest };
      }
    } catch (error) {
      throw await this.failure(error, request.signal, guard, 'The language model stopped answering');
    } finally {
      if (stopReason === undefined) hangUp.abort();
      guard.dispose();
    }
    if (request.signal?.aborted) throw request.signal.reason;
    if (guard.idleTimedOut) throw new ModelUnavailable('The language model stopped answering');
    // A stream that closes without messageStop was cut short (proxy, restart, network).
    if (stopReason === undefined) throw new ModelUnavailable('The language model stream ended early');
    if (MALFORMED.has(stopReason)) throw new ModelUnavailable('The language model failed to answer');
    return { text, content: content.content(), calls: request.tools ? content.calls() : [], usage };
  }

  /** Answers the model's tool uses in the conversation; false when it declared the question unanswerable. */
  private async runTools(tools: TwinTools, calls: readonly ToolCallRequest[], messages: Message[]): Promise<boolean> {
    let grounded = true;
    const results: { id: string; content: string }[] = [];
    for (const call of calls) {
      const result = await runToolCall(tools, call);
      if (result.unknownQuestion) grounded = false;
      results.push({ id: call.id, content: result.content });
    }
    messages.push(toolResultsMessage(results));
    return grounded;
  }

  private input(request: ChatRequest, messages: readonly Message[], round: number): ConverseStreamRequest {
    const system = systemBlocks(request.system);
    if (request.tools && round >= MAX_TOOL_ROUNDS) system.push({ text: ANSWER_NOW });
    return {
      modelId: this.name,
      messages: [...messages],
      ...(system.length > 0 ? { system } : {}),
      inferenceConfig: this.inference,
      ...(request.tools ? { toolConfig: TWIN_TOOL_CONFIG } : {}),
    };
  }

  private getClient(): Promise<BedrockRuntimeClient> {
    const options = this.options;
    this.client ??= options.client
      ? Promise.resolve(options.client)
      : createBedrockClient({
          region: options.region,
          endpoint: options.endpoint,
          maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
        }).catch((error: unknown) => {
          this.client = undefined;
          throw error;
        });
    return this.client;
  }

  private async failure(
    error: unknown,
    signal: AbortSignal | undefined,
    guard: StreamGuard,
    timedOut: string,
  ): Promise<unknown> {
    if (signal?.aborted) return signal.reason;
    if (guard.idleTimedOut) return new ModelUnavailable(timedOut, { cause: error });
    const { error: translated, problem } = translateBedrockError(error);
    if (problem && !this.logged.has(problem)) {
      this.logged.add(problem);
      const region = await this.region();
      this.options.logger?.error(
        { err: error, problem, model_id: this.name, region, fix: problemFix(problem, this.name, region) },
        `Amazon Bedrock cannot answer: ${problemFix(problem, this.name, region)}`,
      );
    }
    return translated;
  }

  private async region(): Promise<string> {
    try {
      return await (await this.getClient()).config.region();
    } catch {
      return 'the configured region';
    }
  }
}

function emptyAnswer(usage: TokenUsage): ModelUnavailable {
  // The usage goes with it: an empty answer is still billed, and budgets must count it.
  return new ModelUnavailable('The language model returned an empty answer', { usage });
}
