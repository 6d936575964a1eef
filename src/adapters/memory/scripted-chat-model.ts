import { setTimeout as sleep } from 'node:timers/promises';
import { ModelUnavailable } from '../../domain/errors.js';
import type { ChatCompletion, ChatModel, ChatRequest, ChatStreamEvent } from '../../ports/chat-model.js';

export type Script = (request: ChatRequest) => string | Error | Promise<string | Error>;

/**
 * A ChatModel that answers from a script: a fixed reply, a function of the
 * request, or an Error to throw. Records every request it receives. A blank reply
 * fails with model_unavailable, as a real model's empty answer does.
 */
export class ScriptedChatModel implements ChatModel {
  readonly name: string;
  readonly requests: ChatRequest[] = [];
  private readonly script: Script;

  private readonly pauseMs: number;

  /** `pauseMs` spaces streamed words like a real model, so a client can watch (and stop) a stream. */
  constructor(script: string | Script = 'Scripted reply.', options: { name?: string; pauseMs?: number } = {}) {
    this.script = typeof script === 'string' ? () => script : script;
    this.name = options.name ?? 'scripted';
    this.pauseMs = options.pauseMs ?? 0;
  }

  /** One token per whitespace-separated word: close enough for budgets in tests. */
  countTokens(text: string): number {
    return text.split(/\s+/).filter(Boolean).length;
  }

  async complete(request: ChatRequest): Promise<ChatCompletion> {
    const text = await this.answer(request);
    return { text, grounded: true, usage: { input_tokens: 1, output_tokens: this.countTokens(text) } };
  }

  async *stream(request: ChatRequest): AsyncGenerator<ChatStreamEvent> {
    const text = await this.answer(request);
    for (const piece of text.match(/\S+\s*/g) ?? []) {
      if (this.pauseMs > 0) await sleep(this.pauseMs, undefined, { signal: request.signal });
      if (request.signal?.aborted) throw request.signal.reason;
      yield { type: 'token', text: piece };
    }
    yield { type: 'done', grounded: true, usage: { input_tokens: 1, output_tokens: this.countTokens(text) } };
  }

  private async answer(request: ChatRequest): Promise<string> {
    request.signal?.throwIfAborted();
    this.requests.push(request);
    const result = await this.script(request);
    if (result instanceof Error) throw result;
    if (result.trim() === '') {
      const usage = { input_tokens: 1, output_tokens: 0 };
      throw new ModelUnavailable('The language model returned an empty answer', { usage });
    }
    return result;
  }
}
