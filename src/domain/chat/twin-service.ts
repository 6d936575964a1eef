import type { AnalyticsStore } from '../../ports/analytics-store.js';
import type { ChatModel, ChatRequest, ChatStreamEvent, TokenUsage } from '../../ports/chat-model.js';
import type { Clock } from '../../ports/clock.js';
import type { ConversationStore } from '../../ports/conversation-store.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { Logger } from '../../ports/logger.js';
import type { MetricsSink } from '../../ports/metrics-sink.js';
import type { PersonaSource } from '../../ports/persona-source.js';
import {
  type AnalyticsDelta,
  conversationDelta,
  type MessageContext,
  messageDelta,
  negateDelta,
} from '../analytics/analytics-counters.js';
import { topicVocabulary } from '../analytics/topics.js';
import {
  type Conversation,
  clampPageLimit,
  DEFAULT_MAX_MESSAGE_CHARS,
  type Message,
  normalizeMessageText,
  type Page,
  parseSessionId,
  type SessionId,
  type SessionSummary,
} from '../conversation/conversation.js';
import { SessionPurge } from '../conversation/session-purge.js';
import { DomainError, ModelUnavailable, NotFound } from '../errors.js';
import { PersonaIndex } from '../grounding/persona-index.js';
import type { KnowledgeService } from '../knowledge/knowledge-service.js';
import type { ModelPriceTable } from '../monitoring/model-prices.js';
import type { Persona } from '../persona/persona.js';
import { maskPii } from '../text/pii.js';
import { contentWords } from '../text/text.js';
import { selectContext } from './context-selection.js';
import { windowHistory } from './history-window.js';
import type { Refusal, SpendGuard } from './spend-guard.js';
import { TurnMetrics } from './turn-metrics.js';
import { TurnTools } from './turn-tools.js';

export interface TwinLimits {
  /** Longest accepted message, in code points. */
  readonly maxMessageChars: number;
  /** Token budget for the history sent with each question. */
  readonly historyTokens: number;
  /** Messages read from the store before windowing: bounds the read for very long sessions. */
  readonly historyLoadLimit: number;
  /** Token budget for the system prompt: the whole persona when it fits, else the core plus retrieved passages. */
  readonly contextTokens: number;
}

export const DEFAULT_LIMITS: TwinLimits = {
  maxMessageChars: DEFAULT_MAX_MESSAGE_CHARS,
  historyTokens: 3000,
  historyLoadLimit: 200,
  contextTokens: 4000,
};

export interface TwinServiceDeps {
  readonly store: ConversationStore;
  readonly model: ChatModel;
  readonly persona: PersonaSource;
  readonly metrics: MetricsSink;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly limits?: Partial<TwinLimits>;
  /** Counters updated as messages are stored; a failed update is logged, never fails a chat. */
  readonly analytics?: AnalyticsStore;
  /** Prices per model for the EstimatedCost metric; defaults to DEFAULT_MODEL_PRICES. */
  readonly prices?: ModelPriceTable;
  /** The knowledge-gap loop; without it, unanswered questions and leads are not recorded. */
  readonly knowledge?: KnowledgeService;
  /** Spend caps and turn limits; without it the model is always called. */
  readonly guard?: SpendGuard;
  /** false: e-mails and phone numbers in visitor messages are masked in the stored transcript. Default true. */
  readonly storePii?: boolean;
  /** The "forget me" purge across every store; defaults to one over these deps. */
  readonly purge?: SessionPurge;
}

export interface ChatInput {
  readonly message: unknown;
  readonly session_id?: unknown;
}

export interface ChatReply {
  readonly response: string;
  readonly session_id: SessionId;
  readonly grounded: boolean;
}

export type ChatStreamOutput =
  | { readonly type: 'session'; readonly session_id: SessionId }
  | { readonly type: 'token'; readonly text: string }
  | { readonly type: 'done'; readonly reply: ChatReply };

export interface CallOptions {
  readonly signal?: AbortSignal;
}

interface PreparedTurn {
  readonly sessionId: SessionId;
  readonly request: ChatRequest;
  readonly startedAt: number;
  /** When the session's first message was stored (this turn's user message for a new session). */
  readonly sessionStartedAt: string;
  readonly persona: Persona;
  readonly tools: TurnTools | undefined;
  /** Set when a spend cap or turn limit answers instead of the model. */
  readonly refusal: Refusal | null;
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error instanceof Error && error.name === 'AbortError');
}

/**
 * The twin's use cases. Depends only on ports, so any host (Koa, Lambda,
 * a CLI, a plain node:http server) can drive it.
 */
export class TwinService {
  readonly limits: TwinLimits;
  private readonly index = new PersonaIndex();

  private readonly turnMetrics: TurnMetrics;

  constructor(private readonly deps: TwinServiceDeps) {
    this.limits = { ...DEFAULT_LIMITS, ...deps.limits };
    this.turnMetrics = new TurnMetrics(deps.metrics, deps.model.name, deps.prices);
  }

  get modelName(): string {
    return this.deps.model.name;
  }

  /** Answers one message. The user's message is stored before the model is called, so a model failure loses nothing. */
  async chat(input: ChatInput, options: CallOptions = {}): Promise<ChatReply> {
    const turn = await this.prepare(input, options.signal);
    if (turn.refusal) return this.answerWithoutModel(turn, turn.refusal.text);
    try {
      const completion = await this.deps.model.complete(turn.request);
      return await this.finish(turn, completion.text, completion.grounded, completion.usage);
    } catch (error) {
      throw this.modelFailure(error, options.signal);
    }
  }

  /** Like chat, yielding the session id first, then tokens as the model produces them. */
  async *chatStream(input: ChatInput, options: CallOptions = {}): AsyncGenerator<ChatStreamOutput> {
    const turn = await this.prepare(input, options.signal);
    yield { type: 'session', session_id: turn.sessionId };
    if (turn.refusal) {
      yield { type: 'token', text: turn.refusal.text };
      yield { type: 'done', reply: await this.answerWithoutModel(turn, turn.refusal.text) };
      return;
    }
    let text = '';
    let done: Extract<ChatStreamEvent, { type: 'done' }> | undefined;
    try {
      for await (const event of this.deps.model.stream(turn.request)) {
        if (event.type === 'token') {
          if (text === '') this.turnMetrics.firstToken(this.deps.clock.now().getTime() - turn.startedAt);
          text += event.text;
          yield { type: 'token', text: event.text };
        } else {
          done = event;
        }
      }
    } catch (error) {
      throw this.modelFailure(error, options.signal);
    }
    if (!done) throw new ModelUnavailable('The language model ended its answer early');
    yield { type: 'done', reply: await this.finish(turn, text, done.grounded, done.usage) };
  }

  async getConversation(sessionId: unknown): Promise<Conversation> {
    const conversation = await this.deps.store.load(parseSessionId(sessionId));
    if (!conversation) throw new NotFound('No conversation with this session id');
    return conversation;
  }

  /** Soft delete hides the conversation; purge removes every trace of it. */
  async deleteConversation(sessionId: unknown, options: { purge?: boolean } = {}): Promise<void> {
    const id = parseSessionId(sessionId);
    if (options.purge) return (this.deps.purge ?? new SessionPurge(this.deps)).purge(id);
    // The whole conversation is read first only when counters must forget its contribution.
    const existing =
      options.purge || this.deps.analytics
        ? await this.deps.store.load(id, this.deps.analytics ? {} : { limit: 1 })
        : null;
    if (options.purge) {
      if (!existing) throw new NotFound('No conversation with this session id');
      await this.deps.store.purge(id);
    } else if (!(await this.deps.store.softDelete(id))) {
      throw new NotFound('No conversation with this session id');
    }
    if (existing && this.deps.analytics) {
      const persona = await this.deps.persona.load();
      await this.count(negateDelta(conversationDelta(existing, topicVocabulary(persona.facts))));
    }
  }

  listSessions(page: { limit?: number; cursor?: string } = {}): Promise<Page<SessionSummary>> {
    return this.deps.store.listSessions({ limit: clampPageLimit(page.limit), cursor: page.cursor });
  }

  private async prepare(input: ChatInput, signal: AbortSignal | undefined): Promise<PreparedTurn> {
    const content = normalizeMessageText(input.message, this.limits.maxMessageChars);
    const given =
      input.session_id === undefined || input.session_id === null ? undefined : parseSessionId(input.session_id);
    const sessionId = given ?? this.deps.ids.sessionId();
    const [persona, previous] = await Promise.all([
      this.deps.persona.load(),
      given ? this.deps.store.load(given, { limit: this.limits.historyLoadLimit }) : Promise.resolve(null),
    ]);
    const now = this.deps.clock.now();
    const turnsSoFar = Math.ceil((previous?.session.message_count ?? 0) / 2);
    const refusal = (await this.deps.guard?.check(sessionId, turnsSoFar, persona, now)) ?? null;
    // The model sees the message as written (a visitor may be giving their e-mail to be contacted);
    // the transcript keeps contact details only when the owner allows it.
    const stored = this.deps.storePii === false ? maskPii(content) : content;
    await this.deps.store.append(sessionId, [
      { id: this.deps.ids.messageId(), role: 'user', content: stored, timestamp: now.toISOString() },
    ]);
    const userAt = now.toISOString();
    await this.countMessage({ role: 'user', content: stored, timestamp: userAt }, persona, {
      sessionStartedAt: previous?.session.created_at,
      previousLastAt: previous?.session.last_updated,
    });
    this.turnMetrics.question(content, previous, now);
    const history = windowHistory(previous?.messages ?? [], this.limits.historyTokens, (text) =>
      this.deps.model.countTokens(text),
    );
    const recent = history.filter((m) => m.role === 'user').map((m) => m.content);
    const context = selectContext(
      persona,
      this.index,
      now,
      { question: content, recent },
      this.limits.contextTokens,
      (text) => this.deps.model.countTokens(text),
    );
    const tools = this.deps.knowledge
      ? new TurnTools(this.deps.knowledge, this.deps.logger, {
          sessionId,
          question: content,
          userTexts: [...recent, content],
        })
      : undefined;
    return {
      sessionId,
      startedAt: now.getTime(),
      sessionStartedAt: previous?.session.created_at ?? userAt,
      persona,
      tools,
      refusal,
      request: {
        system: context.system,
        messages: [...history.map(toTurn), { role: 'user', content }],
        persona,
        signal,
        ...(tools ? { tools } : {}),
      },
    };
  }

  private async finish(turn: PreparedTurn, text: string, grounded: boolean, usage: TokenUsage): Promise<ChatReply> {
    // A model without tools (or one that forgot to call it) still leaves a gap behind.
    const question = turn.request.messages.at(-1)?.content ?? '';
    if (!grounded && turn.tools && !turn.tools.gapRecorded && contentWords(question).length > 0) {
      await turn.tools.recordUnknownQuestion(question);
    }
    const now = this.deps.clock.now();
    await this.deps.store.append(turn.sessionId, [
      { id: this.deps.ids.messageId(), role: 'assistant', content: text, timestamp: now.toISOString() },
    ]);
    await this.countMessage({ role: 'assistant', content: text, timestamp: now.toISOString() }, turn.persona, {
      sessionStartedAt: turn.sessionStartedAt,
      previousLastAt: new Date(turn.startedAt).toISOString(),
    });
    this.turnMetrics.answer(now.getTime() - turn.startedAt, usage);
    await this.recordSpend(turn.sessionId, usage, now);
    return { response: text, session_id: turn.sessionId, grounded };
  }

  /** A refusal is stored like an answer (the transcript shows what the visitor saw) but costs no tokens. */
  private async answerWithoutModel(turn: PreparedTurn, text: string): Promise<ChatReply> {
    const now = this.deps.clock.now();
    await this.deps.store.append(turn.sessionId, [
      { id: this.deps.ids.messageId(), role: 'assistant', content: text, timestamp: now.toISOString() },
    ]);
    await this.countMessage({ role: 'assistant', content: text, timestamp: now.toISOString() }, turn.persona, {
      sessionStartedAt: turn.sessionStartedAt,
      previousLastAt: new Date(turn.startedAt).toISOString(),
    });
    if (turn.refusal) this.turnMetrics.refusal(turn.refusal);
    return { response: text, session_id: turn.sessionId, grounded: true };
  }

  // Budgets are counted after the fact; a failed count must not fail an answer already given.
  private async recordSpend(sessionId: SessionId, usage: TokenUsage, now: Date): Promise<void> {
    try {
      await this.deps.guard?.record(sessionId, usage, now);
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'token usage not counted');
    }
  }

  private countMessage(
    message: Pick<Message, 'role' | 'content' | 'timestamp'>,
    persona: Persona,
    context: MessageContext,
  ) {
    if (!this.deps.analytics) return Promise.resolve();
    return this.count(messageDelta(message, context, topicVocabulary(persona.facts)));
  }

  // Counters are derived data: a failure must not fail the chat. `twin analytics rebuild` repairs them.
  private async count(delta: AnalyticsDelta): Promise<void> {
    try {
      await this.deps.analytics?.add(delta);
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'analytics counters not updated; run `twin analytics rebuild`');
    }
  }

  /** Aborts pass through untouched; any other failure becomes model_unavailable. */
  private modelFailure(error: unknown, signal: AbortSignal | undefined): unknown {
    if (isAbort(error, signal)) return error;
    if (error instanceof DomainError) {
      this.turnMetrics.modelError(error.code);
      return error;
    }
    this.turnMetrics.modelError('model_unavailable');
    this.deps.logger.error({ err: error }, 'chat model failed');
    return new ModelUnavailable('The language model is unavailable', { cause: error });
  }
}

function toTurn(message: Message): { role: Message['role']; content: string } {
  return { role: message.role, content: message.content };
}
