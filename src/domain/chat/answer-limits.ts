import type { ChatRequest, TokenUsage } from '../../ports/chat-model.js';
import { InvalidInput } from '../errors.js';

/** Why an answer ended: 'length' when a token limit cut it, 'stop' otherwise (OpenAI's finish_reason). */
export type FinishReason = 'stop' | 'length';

/** At most this many stop sequences, as the OpenAI API allows. */
export const MAX_STOP_SEQUENCES = 4;
/** Longest stop sequence, in UTF-16 code units: bounds the matching work per streamed piece. */
export const MAX_STOP_CHARS = 256;

/**
 * How a client bounds an answer (OpenAI's `max_tokens` / `max_output_tokens` and `stop`).
 * The twin enforces both itself, so they hold whatever the model is; what is stored is what
 * the client received.
 */
export interface AnswerLimits {
  /** At most this many tokens in the model's tokenizer (ChatModel.countTokens); a positive integer. */
  readonly maxOutputTokens?: number;
  /** The answer ends before the first stop sequence the model completes (it is not included). */
  readonly stop?: readonly string[];
}

/** Validates limits given by a host (the HTTP routes check the wire shapes themselves). Throws InvalidInput. */
export function checkAnswerLimits(limits: { maxOutputTokens?: unknown; stop?: unknown }): AnswerLimits {
  const { maxOutputTokens, stop } = limits;
  if (maxOutputTokens !== undefined && !(Number.isSafeInteger(maxOutputTokens) && (maxOutputTokens as number) >= 1)) {
    throw new InvalidInput('max_output_tokens must be a positive integer');
  }
  if (
    stop !== undefined &&
    !(
      Array.isArray(stop) &&
      stop.length <= MAX_STOP_SEQUENCES &&
      stop.every((s) => typeof s === 'string' && s.length >= 1 && s.length <= MAX_STOP_CHARS)
    )
  ) {
    throw new InvalidInput(
      `stop must be at most ${MAX_STOP_SEQUENCES} non-empty strings of at most ${MAX_STOP_CHARS} characters`,
    );
  }
  return {
    ...(maxOutputTokens === undefined ? {} : { maxOutputTokens: maxOutputTokens as number }),
    ...(stop === undefined ? {} : { stop: stop as string[] }),
  };
}

// Counting the whole answer after every streamed piece would cost O(n^2). Tokens never outnumber
// UTF-8 bytes, so text since the last exact count can add at most its byte length, plus a few
// tokens where re-tokenising across the join differs: exact counts are needed only near the limit.
const JOIN_SLACK_TOKENS = 16;
const utf8 = new TextEncoder();

/**
 * Applies AnswerLimits to an answer as the model produces it, piece by piece. A tail that could
 * be the start of a stop sequence is held back until the next piece decides, so a stop sequence
 * split across pieces still stops the answer and nothing after it is released.
 */
export class AnswerCutter {
  private released = '';
  private held = '';
  private counted = { chars: 0, tokens: 0 };
  private reason: FinishReason | undefined;

  constructor(
    private readonly limits: AnswerLimits,
    private readonly countTokens: (text: string) => number,
  ) {}

  /** Everything released so far: the answer the client gets. */
  get text(): string {
    return this.released;
  }

  /** Set once the answer is over (a stop sequence, the token limit, or `end`). */
  get finishReason(): FinishReason | undefined {
    return this.reason;
  }

  /** Feeds the model's next piece; returns the text that may be sent now ('' while held back or after the end). */
  push(piece: string): string {
    if (this.reason) return '';
    let candidate = this.held + piece;
    const stopAt = firstStop(candidate, this.limits.stop ?? []);
    if (stopAt >= 0) {
      candidate = candidate.slice(0, stopAt);
      this.held = '';
      this.reason = 'stop';
    } else {
      const keep = stopPrefixLength(candidate, this.limits.stop ?? []);
      this.held = candidate.slice(candidate.length - keep);
      candidate = candidate.slice(0, candidate.length - keep);
    }
    return this.release(candidate);
  }

  /** The model finished: the held tail was no stop sequence after all and is released (within the token limit). */
  end(): string {
    if (this.reason) return '';
    const tail = this.held;
    this.held = '';
    const text = this.release(tail);
    this.reason ??= 'stop';
    return text;
  }

  private release(candidate: string): string {
    const fitted = this.fit(candidate);
    if (fitted.length < candidate.length) {
      this.reason = 'length';
      this.held = '';
    }
    this.released += fitted;
    return fitted;
  }

  /** The longest prefix of `candidate` that keeps the answer within maxOutputTokens. */
  private fit(candidate: string): string {
    const max = this.limits.maxOutputTokens;
    if (max === undefined || candidate === '' || this.within(this.released + candidate, max)) return candidate;
    // Cut on code point boundaries: the released text fits, the whole candidate does not.
    const ends = [0];
    for (const char of candidate) ends.push((ends.at(-1) as number) + char.length);
    let fits = 0;
    let over = ends.length - 1;
    while (over - fits > 1) {
      const mid = (fits + over) >>> 1;
      if (this.countTokens(this.released + candidate.slice(0, ends[mid])) <= max) fits = mid;
      else over = mid;
    }
    return candidate.slice(0, ends[fits]);
  }

  private within(text: string, max: number): boolean {
    const bound =
      this.counted.tokens +
      utf8.encode(text.slice(this.counted.chars)).length +
      (this.counted.chars > 0 ? JOIN_SLACK_TOKENS : 0);
    if (bound <= max) return true;
    const tokens = this.countTokens(text);
    if (tokens > max) return false;
    this.counted = { chars: text.length, tokens };
    return true;
  }
}

/**
 * Where the answer ends: before the stop sequence the model completes first (the smallest end
 * index, as generation would meet it), or -1.
 */
function firstStop(text: string, stops: readonly string[]): number {
  let start = -1;
  let end = Number.POSITIVE_INFINITY;
  for (const stop of stops) {
    const at = text.indexOf(stop);
    if (at >= 0 && (at + stop.length < end || (at + stop.length === end && at < start))) {
      start = at;
      end = at + stop.length;
    }
  }
  return start;
}

/** Length of the longest tail of `text` that is a proper prefix of a stop sequence. */
function stopPrefixLength(text: string, stops: readonly string[]): number {
  let longest = 0;
  for (const stop of stops) {
    for (let k = Math.min(stop.length - 1, text.length); k > longest; k--) {
      if (text.endsWith(stop.slice(0, k))) {
        longest = k;
        break;
      }
    }
  }
  return longest;
}

/**
 * The usage of a streamed answer the twin stopped reading early (the model's own count never
 * arrives): the prompt and what was received, in the model's tokenizer.
 */
export function estimatedUsage(
  request: ChatRequest,
  received: string,
  countTokens: (text: string) => number,
): TokenUsage {
  const input = request.messages.reduce((sum, m) => sum + countTokens(m.content), countTokens(request.system));
  return { input_tokens: input, output_tokens: countTokens(received) };
}
