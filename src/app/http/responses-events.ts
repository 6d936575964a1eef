import type { ChatOutcome } from '../../domain/chat/chat-types.js';
import type { EventStream } from './event-stream.js';
import { finishedResponse, messageItem, outputText, type ResponseFrame, responseObject } from './responses-wire.js';

/**
 * The Responses API event stream for one answer, in the order OpenAI sends it (and the openai
 * SDK's accumulator expects): response.created, response.in_progress, response.output_item.added,
 * response.content_part.added, response.output_text.delta*, response.output_text.done,
 * response.content_part.done, response.output_item.done, then response.completed (or
 * response.incomplete when a token limit cut the answer, response.failed when the turn failed).
 * Every event is named and numbered (`sequence_number` from 0); no `[DONE]` follows.
 */
export class ResponseEvents {
  private sequence = 0;
  private text = '';

  constructor(
    private readonly stream: EventStream,
    private readonly frame: ResponseFrame,
    private readonly nowSeconds: () => number,
  ) {}

  start(): void {
    const response = responseObject(this.frame, { status: 'in_progress' });
    this.send('response.created', { response });
    this.send('response.in_progress', { response });
    this.send('response.output_item.added', {
      output_index: 0,
      item: messageItem(this.frame, undefined, 'in_progress'),
    });
    this.send('response.content_part.added', { ...this.at(), part: outputText('') });
  }

  delta(text: string): void {
    this.text += text;
    this.send('response.output_text.delta', { ...this.at(), delta: text, logprobs: [] });
  }

  finish(answer: ChatOutcome): void {
    const done = finishedResponse(this.frame, answer, this.nowSeconds());
    this.send('response.output_text.done', { ...this.at(), text: answer.response, logprobs: [] });
    this.send('response.content_part.done', { ...this.at(), part: outputText(answer.response) });
    this.send('response.output_item.done', { output_index: 0, item: done.output[0] });
    this.send(done.status === 'incomplete' ? 'response.incomplete' : 'response.completed', { response: done });
    this.stream.end();
  }

  /** The turn failed after the stream began: what was sent stays in the failed response's output. */
  fail(error: { code: string; message: string }): void {
    const output = [messageItem(this.frame, this.text, 'incomplete')];
    this.send('response.failed', { response: responseObject(this.frame, { status: 'failed', error, output }) });
    this.stream.end();
  }

  private at() {
    return { item_id: this.frame.ids.message, output_index: 0, content_index: 0 };
  }

  private send(type: string, fields: object): void {
    this.stream.send(type, { type, sequence_number: this.sequence++, ...fields });
  }
}
