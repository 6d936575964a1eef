import type { ChatStreamEvent, TokenUsage } from '../../ports/chat-model.js';
import type { ConversationStore } from '../../ports/conversation-store.js';
import type { PersonaSource } from '../../ports/persona-source.js';
import {
  type Conversation,
  clampPageLimit,
  type Page,
  parseSessionId,
  type SessionSummary,
} from '../conversation/conversation.js';
import { SessionPurge } from '../conversation/session-purge.js';
import { ModelUnavailable, NotFound } from '../errors.js';
import { AnswerCutter, estimatedUsage } from './answer-limits.js';
import { ChatTurns } from './chat-turns.js';
import type {
  CallOptions,
  ChatInput,
  ChatOutcome,
  ChatStreamOutput,
  ChatTurnsDeps,
  OpenTurn,
  TwinLimits,
} from './chat-types.js';

export type { AnswerLimits, FinishReason } from './answer-limits.js';
export type {
  CallOptions,
  ChatInput,
  ChatOutcome,
  ChatReply,
  ChatStreamOutput,
  ChatTurnsDeps,
  OpenTurn,
  TwinLimits,
} from './chat-types.js';
export { DEFAULT_LIMITS } from './chat-types.js';

export type TwinServiceDeps = ChatTurnsDeps & {
  /** The "forget me" purge across every store; defaults to one over these deps. */
  readonly purge?: SessionPurge;
};

/**
 * The twin's use cases. Every chat surface (HTTP JSON, SSE, /v1 JSON and stream, CLI, Lambda,
 * library hosts) calls `chat` or `chatStream`, which run the one turn pipeline (ChatTurns).
 * Depends only on ports, so any host can drive it.
 */
export class TwinService {
  private readonly turns: ChatTurns;
  private readonly store: ConversationStore;
  private readonly persona: PersonaSource;

  constructor(private readonly deps: TwinServiceDeps) {
    this.turns = new ChatTurns(deps);
    this.store = deps.store;
    this.persona = deps.persona;
  }

  get limits(): TwinLimits {
    return this.turns.limits;
  }

  get modelName(): string {
    return this.deps.model.name;
  }

  /**
   * Answers one message. The visitor's message is stored before the model is called, so a model
   * failure loses nothing. The client's limits (max_output_tokens, stop) cut the answer before
   * it is stored: what is stored is what the client gets.
   */
  async chat(input: ChatInput, options: CallOptions = {}): Promise<ChatOutcome> {
    const turn = await this.turns.begin(input, options);
    if (turn.refusal) return this.rest(turn);
    let completion: Awaited<ReturnType<typeof this.deps.model.complete>>;
    try {
      completion = await this.deps.model.complete(turn.request);
    } catch (error) {
      throw await this.turns.fail(turn, error);
    }
    const cutter = this.cutter(turn);
    cutter.push(completion.text);
    cutter.end();
    return this.finish(turn, completion.text, cutter, completion);
  }

  /**
   * Like chat, yielding the session id first, then tokens as the model produces them, then `done`.
   * Once the client's limits end the answer, no more text is yielded and the model is no longer read.
   */
  async *chatStream(input: ChatInput, options: CallOptions = {}): AsyncGenerator<ChatStreamOutput> {
    const turn = await this.turns.begin(input, options);
    yield { type: 'session', session_id: turn.sessionId };
    if (turn.refusal) {
      const reply = await this.rest(turn);
      yield { type: 'token', text: reply.response };
      yield { type: 'done', reply };
      return;
    }
    const cutter = this.cutter(turn);
    let received = '';
    let done: Extract<ChatStreamEvent, { type: 'done' }> | undefined;
    try {
      for await (const event of this.deps.model.stream(turn.request)) {
        if (event.type === 'done') {
          done = event;
          continue;
        }
        if (event.text === '') continue;
        this.turns.firstToken(turn);
        received += event.text;
        const text = cutter.push(event.text);
        if (text) yield { type: 'token', text };
        // Leaving the loop closes the model's stream: it stops generating what nobody will read.
        if (cutter.finishReason) break;
      }
      if (!done && !cutter.finishReason) throw new ModelUnavailable('The language model ended its answer early');
      const tail = cutter.end();
      if (tail) yield { type: 'token', text: tail };
    } catch (error) {
      throw await this.turns.fail(turn, error);
    }
    const result = done ?? {
      usage: estimatedUsage(turn.request, received, (text) => this.deps.model.countTokens(text)),
      grounded: !turn.tools?.gapRecorded,
    };
    yield { type: 'done', reply: await this.finish(turn, received, cutter, result) };
  }

  private cutter(turn: OpenTurn): AnswerCutter {
    return new AnswerCutter(turn.limits, (text) => this.deps.model.countTokens(text));
  }

  /** Stores what the cutter released; an answer the client's own limits emptied is returned but not stored. */
  private finish(
    turn: OpenTurn,
    received: string,
    cutter: AnswerCutter,
    result: { usage: TokenUsage; grounded: boolean; truncated?: boolean },
  ): Promise<ChatOutcome> {
    // The model's own token limit shows only when the twin did not cut the answer first.
    const reason =
      cutter.finishReason === 'length' || (result.truncated === true && cutter.text.length === received.length)
        ? 'length'
        : 'stop';
    if (cutter.text.trim() === '' && received.trim() !== '') return this.turns.cutAway(turn, result.usage, reason);
    return this.turns.answer(turn, cutter.text, result.grounded, result.usage, reason);
  }

  /** A refused turn's resting answer, cut like an answer (but never to nothing). */
  private rest(turn: OpenTurn): Promise<ChatOutcome> {
    const cutter = this.cutter(turn);
    cutter.push(turn.refusal?.text ?? '');
    cutter.end();
    return cutter.text.trim() === '' ? this.turns.rest(turn) : this.turns.rest(turn, cutter.text, cutter.finishReason);
  }

  async getConversation(sessionId: unknown): Promise<Conversation> {
    const conversation = await this.store.load(parseSessionId(sessionId));
    if (!conversation) throw new NotFound('No conversation with this session id');
    return conversation;
  }

  /** Soft delete hides the conversation; purge removes every trace of it. */
  async deleteConversation(sessionId: unknown, options: { purge?: boolean } = {}): Promise<void> {
    const id = parseSessionId(sessionId);
    if (options.purge) return (this.deps.purge ?? new SessionPurge(this.deps)).purge(id);
    // The whole conversation is read first only when counters must forget its contribution.
    const existing = this.turns.analytics.enabled ? await this.store.load(id) : null;
    if (!(await this.store.softDelete(id))) throw new NotFound('No conversation with this session id');
    if (existing) await this.turns.analytics.forget(existing, await this.persona.load());
  }

  listSessions(page: { limit?: number; cursor?: string } = {}): Promise<Page<SessionSummary>> {
    return this.store.listSessions({ limit: clampPageLimit(page.limit), cursor: page.cursor });
  }
}
