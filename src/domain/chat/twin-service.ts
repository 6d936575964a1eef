import type { ChatStreamEvent } from '../../ports/chat-model.js';
import type { ConversationStore } from '../../ports/conversation-store.js';
import type { PersonaSource } from '../../ports/persona-source.js';
import {
  type Conversation,
  clampPageLimit,
  type Page,
  parseSessionId,
  type SessionSummary,
} from '../conversation/conversation.js';
import { ModelUnavailable, NotFound } from '../errors.js';
import { ChatTurns } from './chat-turns.js';
import type { CallOptions, ChatInput, ChatOutcome, ChatStreamOutput, ChatTurnsDeps, TwinLimits } from './chat-types.js';

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

export type TwinServiceDeps = ChatTurnsDeps;

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

  /** Answers one message. The visitor's message is stored before the model is called, so a model failure loses nothing. */
  async chat(input: ChatInput, options: CallOptions = {}): Promise<ChatOutcome> {
    const turn = await this.turns.begin(input, options);
    if (turn.refusal) return this.turns.rest(turn);
    let completion: Awaited<ReturnType<typeof this.deps.model.complete>>;
    try {
      completion = await this.deps.model.complete(turn.request);
    } catch (error) {
      throw await this.turns.fail(turn, error);
    }
    return this.turns.answer(turn, completion.text, completion.grounded, completion.usage);
  }

  /** Like chat, yielding the session id first, then tokens as the model produces them, then `done`. */
  async *chatStream(input: ChatInput, options: CallOptions = {}): AsyncGenerator<ChatStreamOutput> {
    const turn = await this.turns.begin(input, options);
    yield { type: 'session', session_id: turn.sessionId };
    if (turn.refusal) {
      const reply = await this.turns.rest(turn);
      yield { type: 'token', text: reply.response };
      yield { type: 'done', reply };
      return;
    }
    let text = '';
    let done: Extract<ChatStreamEvent, { type: 'done' }> | undefined;
    try {
      for await (const event of this.deps.model.stream(turn.request)) {
        if (event.type === 'token') {
          if (event.text === '') continue;
          this.turns.firstToken(turn);
          text += event.text;
          yield { type: 'token', text: event.text };
        } else {
          done = event;
        }
      }
      if (!done) throw new ModelUnavailable('The language model ended its answer early');
    } catch (error) {
      throw await this.turns.fail(turn, error);
    }
    yield { type: 'done', reply: await this.turns.answer(turn, text, done.grounded, done.usage) };
  }

  async getConversation(sessionId: unknown): Promise<Conversation> {
    const conversation = await this.store.load(parseSessionId(sessionId));
    if (!conversation) throw new NotFound('No conversation with this session id');
    return conversation;
  }

  /** Soft delete hides the conversation; purge removes every trace of it. */
  async deleteConversation(sessionId: unknown, options: { purge?: boolean } = {}): Promise<void> {
    const id = parseSessionId(sessionId);
    // The whole conversation is read first only when counters must forget its contribution.
    const counting = this.turns.analytics.enabled;
    const existing = options.purge || counting ? await this.store.load(id, counting ? {} : { limit: 1 }) : null;
    if (options.purge) {
      if (!existing) throw new NotFound('No conversation with this session id');
      await this.store.purge(id);
    } else if (!(await this.store.softDelete(id))) {
      throw new NotFound('No conversation with this session id');
    }
    if (existing) await this.turns.analytics.forget(existing, await this.persona.load());
  }

  listSessions(page: { limit?: number; cursor?: string } = {}): Promise<Page<SessionSummary>> {
    return this.store.listSessions({ limit: clampPageLimit(page.limit), cursor: page.cursor });
  }
}
