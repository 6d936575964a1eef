import type { CompletionUsage } from 'openai/resources/completions';
import type { ChatRequest, TokenUsage } from '../../ports/chat-model.js';
import { countTokens } from './token-counter.js';

// Chat formatting adds a few tokens around every message and primes the reply
// (OpenAI's published rule of thumb for its chat models).
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PRIMING_REPLY = 3;

/**
 * The server's own count when it sent one; otherwise an estimate, because several
 * OpenAI-compatible servers omit usage (or send it only on the last stream chunk).
 */
export function tokenUsage(request: ChatRequest, text: string, usage: CompletionUsage | null | undefined): TokenUsage {
  if (usage && Number.isFinite(usage.prompt_tokens) && Number.isFinite(usage.completion_tokens)) {
    return { input_tokens: usage.prompt_tokens, output_tokens: usage.completion_tokens };
  }
  return estimateUsage(request, text);
}

export function estimateUsage(request: ChatRequest, text: string): TokenUsage {
  let input = TOKENS_PRIMING_REPLY + TOKENS_PER_MESSAGE + countTokens(request.system);
  for (const message of request.messages) input += TOKENS_PER_MESSAGE + countTokens(message.content);
  return { input_tokens: input, output_tokens: countTokens(text) };
}
