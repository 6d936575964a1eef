import type { Role } from '../domain/conversation/conversation.js';
import type { Persona } from '../domain/persona/persona.js';

export interface ChatTurn {
  readonly role: Role;
  readonly content: string;
}

export interface ChatRequest {
  /** The rendered system prompt; it always wins over anything in `messages`. */
  readonly system: string;
  /** History window plus the new user message, oldest first; the last one is the user's. */
  readonly messages: readonly ChatTurn[];
  /** The persona the prompt was rendered from, for models that answer from it directly. */
  readonly persona: Persona;
  readonly signal?: AbortSignal;
  /** Actions the model may take during this turn; models without tool use ignore them. */
  readonly tools?: TwinTools;
  /**
   * The client's limit on the answer, in tokens. The turn cuts the answer to it itself; a hosted
   * model may also be told, so it stops generating (and billing) early.
   */
  readonly maxOutputTokens?: number;
}

/** What a tool did: `note` is written for the model (what happened, what to tell the visitor). */
export interface ToolOutcome {
  readonly ok: boolean;
  readonly note: string;
}

/**
 * What a model may do besides answering, whatever its API offers (function calling or
 * nothing at all). Failures come back as outcomes, never as exceptions, so a tool
 * problem cannot break the answer.
 */
export interface TwinTools {
  /** The persona does not answer the question: it is recorded for the owner, and the answer is ungrounded. */
  recordUnknownQuestion(question: string): Promise<ToolOutcome>;
  /** A visitor who wants to be contacted gave their email address (and maybe a name and notes). */
  recordUserDetails(details: { email?: unknown; name?: unknown; notes?: unknown }): Promise<ToolOutcome>;
}

export interface TokenUsage {
  readonly input_tokens: number;
  readonly output_tokens: number;
}

export interface ChatCompletion {
  readonly text: string;
  readonly usage: TokenUsage;
  /** false when the answer is not supported by the persona (the model said it does not know). */
  readonly grounded: boolean;
  /** true when the model stopped at its output token limit rather than at the end of its answer. */
  readonly truncated?: boolean;
}

export type ChatStreamEvent =
  | { readonly type: 'token'; readonly text: string }
  | { readonly type: 'done'; readonly usage: TokenUsage; readonly grounded: boolean; readonly truncated?: boolean };

/**
 * A language model. Failures surface as DomainError `model_unavailable`
 * (with retryAfterSeconds); an aborted signal rejects with the signal's reason.
 */
export interface ChatModel {
  /** Model id shown to clients, e.g. "gpt-4o-mini" or "offline". */
  readonly name: string;
  /**
   * Tokens of `text` in this model's tokenizer (an estimate where it has none). Never more than
   * the text's UTF-8 length in bytes (every token covers at least one byte), so a text whose bytes
   * fit a budget needs no counting.
   */
  countTokens(text: string): number;
  complete(request: ChatRequest): Promise<ChatCompletion>;
  /** Yields tokens as they arrive, then exactly one `done`. */
  stream(request: ChatRequest): AsyncIterable<ChatStreamEvent>;
  /**
   * Does now the one-time work answering from `persona` needs (loading a local model, embedding
   * its passages), so the first visitor neither waits for it nor stalls the event loop of a server
   * already taking requests. Optional; servers call it before they listen. Never throws for a
   * model that cannot load: answering then falls back as it would on the first question.
   */
  prepare?(persona: Persona): Promise<void>;
}
