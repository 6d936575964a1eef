import type { TokenUsage } from '../../ports/chat-model.js';
import type { AnswerRecord, Message, SessionSummary } from '../conversation/conversation.js';
import { DEFAULT_MODEL_PRICES, estimateCost, type ModelPriceTable } from '../monitoring/model-prices.js';
import type { ChatOutcome, OpenTurn } from './chat-types.js';

export const NO_USAGE: TokenUsage = { input_tokens: 0, output_tokens: 0 };

/** What is stored with a model's answer: latency and time to first token in ms, tokens, cost in USD. */
export function modelAnswerRecord(
  turn: OpenTurn,
  model: string,
  prices: ModelPriceTable | undefined,
  grounded: boolean,
  usage: TokenUsage,
  now: Date,
): AnswerRecord {
  const cost = estimateCost(prices ?? DEFAULT_MODEL_PRICES, model, usage);
  return {
    grounded,
    source: 'model',
    model,
    persona_version: turn.persona.version,
    latency_ms: now.getTime() - turn.startedAt,
    ...(turn.firstTokenAt !== undefined ? { time_to_first_token_ms: turn.firstTokenAt - turn.startedAt } : {}),
    input_tokens: usage.input_tokens,
    output_tokens: usage.output_tokens,
    ...(cost !== undefined ? { cost_usd: cost } : {}),
  };
}

export function outcome(
  turn: OpenTurn,
  response: string,
  how: Pick<ChatOutcome, 'grounded' | 'usage' | 'source' | 'finish_reason'>,
): ChatOutcome {
  return { response, session_id: turn.sessionId, ...how };
}

/** Visitor messages so far, from the summary: a turn is a question and its answer. */
export function turnsIn(session: SessionSummary | undefined): number {
  return Math.ceil((session?.message_count ?? 0) / 2);
}

/** Tokens the loaded answers record (the newest TWIN history load limit of messages at most). */
export function tokensIn(messages: readonly Message[] | undefined): number {
  let total = 0;
  for (const m of messages ?? []) if (m.answer) total += m.answer.input_tokens + m.answer.output_tokens;
  return total;
}
