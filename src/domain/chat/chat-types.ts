import type { AnalyticsStore } from '../../ports/analytics-store.js';
import type { ChatModel, ChatRequest, ChatTurn } from '../../ports/chat-model.js';
import type { Clock } from '../../ports/clock.js';
import type { ConversationStore } from '../../ports/conversation-store.js';
import type { Embedder } from '../../ports/embedder.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { Logger } from '../../ports/logger.js';
import type { MetricsSink } from '../../ports/metrics-sink.js';
import type { PersonaSource } from '../../ports/persona-source.js';
import type { MessageContext } from '../analytics/analytics-counters.js';
import { DEFAULT_MAX_MESSAGE_CHARS, type SessionId } from '../conversation/conversation.js';
import type { KnowledgeService } from '../knowledge/knowledge-service.js';
import type { ModelPriceTable } from '../monitoring/model-prices.js';
import type { Persona } from '../persona/persona.js';
import type { AnswerLimits, FinishReason } from './answer-limits.js';
import type { Refusal, Reservation, SpendGuard } from './spend-guard.js';
import type { TurnTools } from './turn-tools.js';

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

/** One visitor turn, whatever the surface (POST /chat, SSE, /v1, CLI, Lambda, a library host). */
export interface ChatInput {
  /** The visitor's message: validated (NFC, trimmed, non-empty, length-capped) by the turn. */
  readonly message: unknown;
  /** Continue this session; absent or null starts a new one with a server-issued id. */
  readonly session_id?: unknown;
  /**
   * When true, `session_id` must name a stored, live conversation: one that does not exist (never
   * did, was deleted or purged) is a NotFound instead of a new conversation under that id. For
   * continuing by reference (`previous_response_id`): a purged conversation must stay gone.
   */
  readonly existing_session_only?: boolean;
  /**
   * Earlier turns as the client holds them (the OpenAI chat API shape). When given, the model
   * sees these instead of the stored history; the question and answer are still stored.
   */
  readonly history?: readonly ChatTurn[];
  /**
   * The client's limit on the answer, in the model's tokenizer (OpenAI's `max_tokens`): a positive
   * integer. The answer is cut to it, and the cut answer is what is returned and stored.
   */
  readonly max_output_tokens?: number;
  /** Up to 4 stop sequences (OpenAI's `stop`): the answer ends before the first one the model writes. */
  readonly stop?: readonly string[];
}

export interface ChatReply {
  readonly response: string;
  readonly session_id: SessionId;
  readonly grounded: boolean;
}

/** What a finished turn adds to the reply for hosts that report usage (/v1). */
export interface ChatOutcome extends ChatReply {
  readonly usage: { readonly input_tokens: number; readonly output_tokens: number };
  /** 'limit' when a spend cap or the turn cap answered instead of the model. */
  readonly source: 'model' | 'limit';
  /** 'length' when a token limit (the client's, or the model's own) cut the answer; 'stop' otherwise. */
  readonly finish_reason: FinishReason;
}

export type ChatStreamOutput =
  | { readonly type: 'session'; readonly session_id: SessionId }
  | { readonly type: 'token'; readonly text: string }
  | { readonly type: 'done'; readonly reply: ChatOutcome };

export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Who is asking (e.g. the client IP): each client gets a fair share of the daily token budget. */
  readonly client?: string;
}

export interface ChatTurnsDeps {
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
  /** Prices per model for EstimatedCost and the stored answer's cost; defaults to DEFAULT_MODEL_PRICES. */
  readonly prices?: ModelPriceTable;
  /** The knowledge-gap loop; without it, unanswered questions and leads are not recorded. */
  readonly knowledge?: KnowledgeService;
  /** Spend caps and the turn cap; without it the model is always called. */
  readonly guard?: SpendGuard;
  /** false: e-mails and phone numbers are masked in the stored transcript, in both roles. Default true. */
  readonly storePii?: boolean;
  /**
   * Ranks the persona's passages by meaning as well as by words when the persona does not fit
   * TWIN_CONTEXT_TOKENS whole, for a hosted model's prompt (ADR 0402: the ranking the offline
   * twin answers with). Without it, or when it fails, by words alone.
   */
  readonly contextEmbedder?: Embedder;
}

/** A turn between its question being stored and its answer (or failure). */
export interface OpenTurn {
  readonly sessionId: SessionId;
  readonly startedAt: number;
  readonly persona: Persona;
  readonly request: ChatRequest;
  readonly refusal: Refusal | null;
  readonly reservation: Reservation | null;
  /** The client's limits on the answer, already validated. */
  readonly limits: AnswerLimits;
  readonly tools: TurnTools | undefined;
  readonly question: {
    readonly content: string;
    /** The question as stored and counted: masked when the owner keeps no contact details. */
    readonly stored: string;
    readonly timestamp: string;
    readonly context: MessageContext;
  };
  /** Set by the stream when the first token arrives, in ms since the epoch. */
  firstTokenAt?: number;
  counted: boolean;
}
