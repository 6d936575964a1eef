import type { ChatModel, ChatRequest, ChatStreamEvent, TokenUsage } from '../../ports/chat-model.js';
import type { Clock } from '../../ports/clock.js';
import type { ConversationStore } from '../../ports/conversation-store.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { Logger } from '../../ports/logger.js';
import type { MetricsSink } from '../../ports/metrics-sink.js';
import type { PersonaSource } from '../../ports/persona-source.js';
import type { SessionId } from '../conversation/conversation.js';
import { DomainError, ModelUnavailable } from '../errors.js';
import { renderSystemPrompt } from '../persona/system-prompt.js';
import { type ClientMessage, readClientHistory } from './client-history.js';
import { windowHistory } from './history-window.js';
import { DEFAULT_LIMITS, type TwinLimits } from './twin-service.js';

export interface ClientHistoryChatDeps {
  readonly store: ConversationStore;
  readonly model: ChatModel;
  readonly persona: PersonaSource;
  readonly metrics: MetricsSink;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly limits?: Partial<Pick<TwinLimits, 'maxMessageChars' | 'historyTokens'>>;
}

export interface ClientHistoryInput {
  /** The whole conversation as the client holds it; the last user/assistant message must be the user's. */
  readonly messages: readonly ClientMessage[];
  /** When set, the new question and the answer are also stored in this session. */
  readonly sessionId?: SessionId;
  readonly signal?: AbortSignal;
}

export interface ClientHistoryAnswer {
  readonly text: string;
  readonly grounded: boolean;
  readonly usage: TokenUsage;
}

export type ClientHistoryStreamOutput =
  | { readonly type: 'token'; readonly text: string }
  | { readonly type: 'done'; readonly answer: ClientHistoryAnswer };

/**
 * Answers for clients that keep the history themselves (the OpenAI chat API shape).
 * The client's user and assistant messages are the history, windowed to the token
 * budget; its system messages are dropped, so the persona's prompt always governs.
 * Storing is optional: only when a session id is given.
 */
export class ClientHistoryChat {
  private readonly limits: Pick<TwinLimits, 'maxMessageChars' | 'historyTokens'>;

  constructor(private readonly deps: ClientHistoryChatDeps) {
    this.limits = { ...DEFAULT_LIMITS, ...deps.limits };
  }

  get modelName(): string {
    return this.deps.model.name;
  }

  async complete(input: ClientHistoryInput): Promise<ClientHistoryAnswer> {
    const request = await this.prepare(input);
    try {
      const completion = await this.deps.model.complete(request);
      const answer = { text: completion.text, grounded: completion.grounded, usage: completion.usage };
      await this.store(input.sessionId, 'assistant', answer.text);
      return answer;
    } catch (error) {
      throw this.modelFailure(error, input.signal);
    }
  }

  async *stream(input: ClientHistoryInput): AsyncGenerator<ClientHistoryStreamOutput> {
    const request = await this.prepare(input);
    let text = '';
    let done: Extract<ChatStreamEvent, { type: 'done' }> | undefined;
    try {
      for await (const event of this.deps.model.stream(request)) {
        if (event.type === 'done') {
          done = event;
        } else {
          text += event.text;
          yield event;
        }
      }
    } catch (error) {
      throw this.modelFailure(error, input.signal);
    }
    if (!done) throw new ModelUnavailable('The language model ended its answer early');
    await this.store(input.sessionId, 'assistant', text);
    yield { type: 'done', answer: { text, grounded: done.grounded, usage: done.usage } };
  }

  private async prepare(input: ClientHistoryInput): Promise<ChatRequest> {
    const { history, question } = readClientHistory(input.messages, this.limits.maxMessageChars);
    const persona = await this.deps.persona.load();
    // Stored before the model runs, like every other chat: a model failure loses nothing.
    await this.store(input.sessionId, 'user', question);
    const window = windowHistory(history, this.limits.historyTokens, (text) => this.deps.model.countTokens(text));
    return {
      system: renderSystemPrompt(persona, this.deps.clock.now()),
      messages: [...window, { role: 'user', content: question }],
      persona,
      signal: input.signal,
    };
  }

  private async store(sessionId: SessionId | undefined, role: 'user' | 'assistant', content: string): Promise<void> {
    this.deps.metrics.record({ name: 'MessageCount', value: 1, unit: 'Count', dimensions: { Role: role } });
    if (!sessionId) return;
    const timestamp = this.deps.clock.now().toISOString();
    await this.deps.store.append(sessionId, [{ id: this.deps.ids.messageId(), role, content, timestamp }]);
  }

  private modelFailure(error: unknown, signal: AbortSignal | undefined): unknown {
    if (signal?.aborted === true || (error instanceof Error && error.name === 'AbortError')) return error;
    if (error instanceof DomainError) return error;
    this.deps.logger.error({ err: error }, 'chat model failed');
    return new ModelUnavailable('The language model is unavailable', { cause: error });
  }
}
