import type { TokenUsage } from '../../ports/chat-model.js';
import { type AnswerRecord, normalizeMessageText, parseSessionId } from '../conversation/conversation.js';
import { DomainError, ModelUnavailable, NotFound } from '../errors.js';
import { PersonaIndex } from '../grounding/persona-index.js';
import { maskPii } from '../text/pii.js';
import { contentWords } from '../text/text.js';
import { appendAnswer } from './answer-append.js';
import { checkAnswerLimits, type FinishReason } from './answer-limits.js';
import {
  type CallOptions,
  type ChatInput,
  type ChatOutcome,
  type ChatTurnsDeps,
  DEFAULT_LIMITS,
  type OpenTurn,
  type TwinLimits,
} from './chat-types.js';
import type { Refusal, Reservation } from './spend-guard.js';
import { TokenCounts } from './token-counts.js';
import { TurnAnalytics } from './turn-analytics.js';
import { TurnMetrics } from './turn-metrics.js';
import { modelAnswerRecord, NO_USAGE, outcome, tokensIn, turnsIn } from './turn-outcome.js';
import { buildRequest, estimateTurnTokens, historyWindow } from './turn-request.js';

/**
 * The one pipeline behind every chat surface: validate -> limits (turn cap and budgets, atomic)
 * -> store the visitor's message -> context within TWIN_CONTEXT_TOKENS -> model -> store the
 * answer -> analytics counters -> spend and metrics. Where the history comes from (the store, or
 * the client's messages on /v1) is a parameter, not a second pipeline. Hosts call `begin`, run the
 * model on `turn.request` (or not, when `turn.refusal` is set), then `answer`, `rest` or `fail`.
 */
export class ChatTurns {
  readonly limits: TwinLimits;
  private readonly index = new PersonaIndex();
  // A stored message, a passage or the prompt is encoded once, not once per turn.
  private readonly tokens: TokenCounts;
  private readonly metrics: TurnMetrics;
  private readonly counting: TurnAnalytics;

  constructor(private readonly deps: ChatTurnsDeps) {
    this.limits = { ...DEFAULT_LIMITS, ...deps.limits };
    this.metrics = new TurnMetrics(deps.metrics, deps.model.name, deps.prices);
    this.tokens = new TokenCounts((text) => deps.model.countTokens(text));
    this.counting = new TurnAnalytics(deps.analytics, deps.logger);
  }

  get analytics(): TurnAnalytics {
    return this.counting;
  }

  async begin(input: ChatInput, options: CallOptions = {}): Promise<OpenTurn> {
    const question = normalizeMessageText(input.message, this.limits.maxMessageChars);
    const limits = checkAnswerLimits({ maxOutputTokens: input.max_output_tokens, stop: input.stop });
    const given =
      input.session_id === undefined || input.session_id === null ? undefined : parseSessionId(input.session_id);
    const sessionId = given ?? this.deps.ids.sessionId();
    // With a client-held history only the session's summary is needed from the store.
    const loadLimit = input.history ? 1 : this.limits.historyLoadLimit;
    const [persona, previous] = await Promise.all([
      this.deps.persona.load(),
      given ? this.deps.store.load(given, { limit: loadLimit }) : Promise.resolve(null),
    ]);
    if (input.existing_session_only && !previous) throw new NotFound('No conversation with this id');
    const history = historyWindow(
      input.history ?? previous?.messages ?? [],
      this.limits.historyTokens,
      this.tokens.count,
    );
    const now = this.deps.clock.now();
    const opened = await this.deps.guard?.open({
      sessionId,
      client: options.client,
      turnsSoFar: turnsIn(previous?.session),
      sessionTokensSoFar: tokensIn(previous?.messages),
      estimate: estimateTurnTokens(this.limits.contextTokens, history, question),
      persona,
      now,
    });
    const refusal = opened && 'refusal' in opened ? opened.refusal : null;
    const reservation = opened && 'reservation' in opened ? opened.reservation : null;
    const timestamp = now.toISOString();
    // Masked once: the stored text is counted too (storeAnswer, countQuestionOnly).
    const stored = this.stored(question);
    try {
      await this.deps.store.append(sessionId, [
        { id: this.deps.ids.messageId(), role: 'user', content: stored, timestamp },
      ]);
    } catch (error) {
      if (reservation) await this.settle(reservation, NO_USAGE);
      throw error;
    }
    this.metrics.question(question, previous, now);
    const { request, tools } = await buildRequest({
      persona,
      index: this.index,
      now,
      question,
      history,
      contextTokens: this.limits.contextTokens,
      countTokens: this.tokens.count,
      signal: options.signal,
      knowledge: this.deps.knowledge,
      logger: this.deps.logger,
      sessionId,
      maxOutputTokens: limits.maxOutputTokens,
      embedder: this.deps.contextEmbedder,
    });
    return {
      sessionId,
      startedAt: now.getTime(),
      persona,
      request,
      refusal,
      reservation,
      limits,
      tools,
      question: {
        content: question,
        stored,
        timestamp,
        context: { sessionStartedAt: previous?.session.created_at, previousLastAt: previous?.session.last_updated },
      },
      counted: false,
    };
  }

  firstToken(turn: OpenTurn): void {
    if (turn.firstTokenAt !== undefined) return;
    turn.firstTokenAt = this.deps.clock.now().getTime();
    this.metrics.firstToken(turn.firstTokenAt - turn.startedAt);
  }

  /** Stores the model's answer; an empty one is no answer (model_unavailable) and is never stored. */
  async answer(
    turn: OpenTurn,
    text: string,
    grounded: boolean,
    usage: TokenUsage,
    finishReason: FinishReason = 'stop',
  ): Promise<ChatOutcome> {
    if (text.trim() === '') {
      throw await this.fail(turn, new ModelUnavailable('The language model returned an empty answer'), usage);
    }
    const question = turn.question.content;
    // A model without tools (or one that forgot to call it) still leaves a gap behind.
    if (!grounded && turn.tools && !turn.tools.gapRecorded && contentWords(question).length > 0) {
      await turn.tools.recordUnknownQuestion(question);
    }
    const now = this.deps.clock.now();
    const record = modelAnswerRecord(turn, this.deps.model.name, this.deps.prices, grounded, usage, now);
    await this.storeAnswer(turn, text, record, now).catch(async (error: unknown) => {
      // Deleted mid-turn: the delete subtracted the stored question, so it must still be counted.
      await Promise.all([turn.reservation && this.settle(turn.reservation, usage), this.countQuestionOnly(turn)]);
      throw error;
    });
    this.metrics.answer(record.latency_ms, usage);
    if (turn.reservation) await this.settle(turn.reservation, usage);
    return outcome(turn, text, { grounded, usage, source: 'model', finish_reason: finishReason });
  }

  /**
   * The client's own limits cut the whole answer away (say, a stop sequence it starts with): the
   * client gets an empty answer, so nothing is stored for it, and the tokens spent still count.
   */
  async cutAway(turn: OpenTurn, usage: TokenUsage, finishReason: FinishReason): Promise<ChatOutcome> {
    this.metrics.answer(this.deps.clock.now().getTime() - turn.startedAt, usage);
    if (turn.reservation) await this.settle(turn.reservation, usage);
    await this.countQuestionOnly(turn);
    return outcome(turn, '', { grounded: false, usage, source: 'model', finish_reason: finishReason });
  }

  /** A refused turn's resting answer (`text`: as the client's limits cut it): stored like an answer, no tokens. */
  async rest(turn: OpenTurn, text?: string, finishReason: FinishReason = 'stop'): Promise<ChatOutcome> {
    const refusal = turn.refusal as Refusal;
    const now = this.deps.clock.now();
    const response = text ?? refusal.text;
    await this.storeAnswer(
      turn,
      response,
      {
        grounded: true,
        source: 'limit',
        model: this.deps.model.name,
        persona_version: turn.persona.version,
        latency_ms: now.getTime() - turn.startedAt,
        input_tokens: 0,
        output_tokens: 0,
      },
      now,
    );
    this.metrics.refusal(refusal);
    return outcome(turn, response, { grounded: true, usage: NO_USAGE, source: 'limit', finish_reason: finishReason });
  }

  /**
   * The turn ended without an answer; the stored question is still counted. A reported usage is
   * charged; a turn cut by the visitor or mid-answer keeps its estimate (else cutting every answer
   * spends past every budget); only a turn the model never began gives its reservation back.
   * Aborts pass through untouched; any non-domain failure becomes model_unavailable.
   */
  async fail(turn: OpenTurn, error: unknown, usage?: TokenUsage): Promise<unknown> {
    const aborted = turn.request.signal?.aborted === true || (error instanceof Error && error.name === 'AbortError');
    const reported = usage ?? (error instanceof ModelUnavailable ? error.usage : undefined);
    const charged = reported ?? (aborted || turn.firstTokenAt !== undefined ? undefined : NO_USAGE);
    if (turn.reservation && charged) await this.settle(turn.reservation, charged);
    await this.countQuestionOnly(turn);
    if (aborted) return error;
    if (error instanceof DomainError) {
      this.metrics.modelError(error.code);
      return error;
    }
    this.metrics.modelError('model_unavailable');
    this.deps.logger.error({ err: error }, 'chat model failed');
    return new ModelUnavailable('The language model is unavailable', { cause: error });
  }

  private async storeAnswer(turn: OpenTurn, text: string, record: AnswerRecord, now: Date): Promise<void> {
    const timestamp = now.toISOString();
    const content = this.stored(text);
    const id = this.deps.ids.messageId();
    await appendAnswer(this.deps.store, turn.sessionId, { id, role: 'assistant', content, timestamp, answer: record });
    turn.counted = true;
    const q = turn.question;
    await this.counting.messages(
      [
        { message: { role: 'user', content: q.stored, timestamp: q.timestamp }, context: q.context },
        {
          message: { role: 'assistant', content, timestamp, answer: record },
          context: { sessionStartedAt: q.context.sessionStartedAt ?? q.timestamp, previousLastAt: q.timestamp },
        },
      ],
      turn.persona,
    );
  }

  private async countQuestionOnly(turn: OpenTurn): Promise<void> {
    if (turn.counted) return;
    turn.counted = true;
    const q = turn.question;
    await this.counting.messages(
      [{ message: { role: 'user', content: q.stored, timestamp: q.timestamp }, context: q.context }],
      turn.persona,
    );
  }

  // The model sees the text as written (a visitor may be giving their e-mail to be contacted);
  // the transcript keeps contact details only when the owner allows it, in both roles.
  private stored(text: string): string {
    return this.deps.storePii === false ? maskPii(text) : text;
  }

  // Budgets are settled after the fact; a failed settle must not fail an answer already given.
  private async settle(reservation: Reservation, usage: TokenUsage): Promise<void> {
    try {
      await this.deps.guard?.settle(reservation, usage);
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'token usage not counted');
    }
  }
}
