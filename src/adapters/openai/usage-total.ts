import type { CompletionUsage } from 'openai/resources/completions';
import type { ChatRequest, TokenUsage } from '../../ports/chat-model.js';
import { estimateUsage } from './token-usage.js';

/** Token usage summed over the requests of one answer (tool rounds included). */
export class UsageTotal {
  private input = 0;
  private output = 0;
  private complete = true;

  add(usage: CompletionUsage | null | undefined): void {
    if (usage && Number.isFinite(usage.prompt_tokens) && Number.isFinite(usage.completion_tokens)) {
      this.input += usage.prompt_tokens;
      this.output += usage.completion_tokens;
    } else {
      this.complete = false;
    }
  }

  /** The servers' own counts when every round sent them; otherwise an estimate for the answer. */
  total(request: ChatRequest, text: string): TokenUsage {
    return this.complete ? { input_tokens: this.input, output_tokens: this.output } : estimateUsage(request, text);
  }
}
