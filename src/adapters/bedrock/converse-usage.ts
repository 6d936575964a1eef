import type { ChatRequest, TokenUsage } from '../../ports/chat-model.js';
import { estimateUsage } from '../openai/token-usage.js';

/** Converse's own count: inputTokens and outputTokens of one call. */
export interface ConverseUsage {
  readonly inputTokens?: number | undefined;
  readonly outputTokens?: number | undefined;
}

/** Token usage summed over the calls of one answer (tool rounds included). */
export class ConverseUsageTotal {
  private input = 0;
  private output = 0;
  private complete = true;

  add(usage: ConverseUsage | undefined): void {
    if (usage && Number.isFinite(usage.inputTokens) && Number.isFinite(usage.outputTokens)) {
      this.input += usage.inputTokens ?? 0;
      this.output += usage.outputTokens ?? 0;
    } else {
      this.complete = false;
    }
  }

  /**
   * Bedrock's counts when every call reported them (it always does); an estimate otherwise,
   * for compatible servers that leave usage out.
   */
  total(request: ChatRequest, text: string): TokenUsage {
    return this.complete ? { input_tokens: this.input, output_tokens: this.output } : estimateUsage(request, text);
  }
}
