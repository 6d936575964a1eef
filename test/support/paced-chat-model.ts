import { setTimeout as sleep } from 'node:timers/promises';
import type { Script } from '../../src/adapters/memory/scripted-chat-model.js';
import type { ChatCompletion, ChatModel, ChatRequest, ChatStreamEvent } from '../../src/ports/chat-model.js';

/**
 * A scripted model that writes its answer word by word with a pause between words,
 * like a real model, so a browser can watch the stream and press Stop in the middle.
 */
export class PacedChatModel implements ChatModel {
  readonly name = 'paced';
  readonly requests: ChatRequest[] = [];

  constructor(
    private readonly script: Script,
    private readonly pauseMs = 25,
  ) {}

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
      await sleep(this.pauseMs, undefined, { signal: request.signal });
      yield { type: 'token', text: piece };
    }
    yield { type: 'done', grounded: true, usage: { input_tokens: 1, output_tokens: this.countTokens(text) } };
  }

  private async answer(request: ChatRequest): Promise<string> {
    this.requests.push(request);
    const result = await this.script(request);
    if (result instanceof Error) throw result;
    return result;
  }
}
