import type { TokenUsage } from '../../ports/chat-model.js';
import type { MetricsSink } from '../../ports/metrics-sink.js';
import type { Conversation } from '../conversation/conversation.js';
import { isQuestion } from '../grounding/questions.js';
import { DEFAULT_MODEL_PRICES, estimateCost, type ModelPriceTable } from '../monitoring/model-prices.js';
import { detectPromptInjection } from './prompt-injection.js';
import type { Refusal } from './spend-guard.js';

// Codes a model call can fail with; store failures inside the same try are not the model's.
const MODEL_ERROR_CODES = new Set<string>(['model_unavailable', 'rate_limited']);

/** A session is active on a UTC day from its first message that day: counting those gives active sessions per day. */
function isFirstTurnOfDay(previous: Conversation | null, now: Date): boolean {
  const last = previous?.messages.at(-1)?.timestamp;
  return last === undefined || last.slice(0, 10) !== now.toISOString().slice(0, 10);
}

/**
 * The metric points of one chat turn, by moment: the question stored, the first token, the
 * answer stored, a refusal, a model failure. Names and dimensions follow METRIC_CATALOGUE.
 */
export class TurnMetrics {
  constructor(
    private readonly metrics: MetricsSink,
    private readonly model: string,
    private readonly prices: ModelPriceTable = DEFAULT_MODEL_PRICES,
  ) {}

  question(content: string, previous: Conversation | null, now: Date): void {
    for (const kind of detectPromptInjection(content)) {
      this.metrics.record({ name: 'PromptInjectionAttempts', value: 1, unit: 'Count', dimensions: { Kind: kind } });
    }
    if (!previous) this.metrics.record({ name: 'ConversationCount', value: 1, unit: 'Count' });
    this.metrics.record({ name: 'MessageCount', value: 1, unit: 'Count', dimensions: { Role: 'user' } });
    if (isFirstTurnOfDay(previous, now)) this.metrics.record({ name: 'SessionCount', value: 1, unit: 'Count' });
    if (isQuestion(content)) this.metrics.record({ name: 'QuestionCount', value: 1, unit: 'Count' });
  }

  firstToken(elapsedMs: number): void {
    this.metrics.record({
      name: 'TimeToFirstToken',
      value: elapsedMs,
      unit: 'Milliseconds',
      dimensions: this.byModel(),
    });
  }

  answer(elapsedMs: number, usage: TokenUsage): void {
    const dimensions = this.byModel();
    this.metrics.record({ name: 'ModelLatency', value: elapsedMs, unit: 'Milliseconds', dimensions });
    this.metrics.record({ name: 'InputTokens', value: usage.input_tokens, unit: 'Count', dimensions });
    this.metrics.record({ name: 'OutputTokens', value: usage.output_tokens, unit: 'Count', dimensions });
    this.metrics.record({ name: 'MessageCount', value: 1, unit: 'Count', dimensions: { Role: 'assistant' } });
    const cost = estimateCost(this.prices, this.model, usage);
    if (cost !== undefined) this.metrics.record({ name: 'EstimatedCost', value: cost, unit: 'None', dimensions });
  }

  refusal(refusal: Refusal): void {
    this.metrics.record({ name: 'MessageCount', value: 1, unit: 'Count', dimensions: { Role: 'assistant' } });
    this.metrics.record({ name: 'ChatRefusals', value: 1, unit: 'Count', dimensions: { Reason: refusal.reason } });
  }

  /** Only codes a model call can fail with count: a store failure in the same step is not the model's. */
  modelError(code: string): void {
    if (MODEL_ERROR_CODES.has(code)) {
      this.metrics.record({ name: 'ModelErrors', value: 1, unit: 'Count', dimensions: { Code: code } });
    }
  }

  private byModel(): Record<string, string> {
    return { Model: this.model };
  }
}
