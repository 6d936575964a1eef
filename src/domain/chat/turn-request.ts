import type { ChatRequest, ChatTurn } from '../../ports/chat-model.js';
import type { Embedder } from '../../ports/embedder.js';
import type { Logger } from '../../ports/logger.js';
import type { PersonaIndex } from '../grounding/persona-index.js';
import type { KnowledgeService } from '../knowledge/knowledge-service.js';
import type { Persona } from '../persona/persona.js';
import { selectContext, selectContextFor } from './context-selection.js';
import { windowHistory } from './history-window.js';
import { TurnTools } from './turn-tools.js';

/** Tokens held for the answer when a turn reserves its budget; settled against the real usage. */
export const ANSWER_ALLOWANCE_TOKENS = 500;

/** The history the model sees this turn: the newest whole turns within the token budget, nothing empty. */
export function historyWindow(
  source: readonly ChatTurn[],
  historyTokens: number,
  countTokens: (text: string) => number,
): ChatTurn[] {
  // An empty turn (a client's, or one stored by an older version) is rejected by some servers (vLLM: 400).
  const turns = source.filter((m) => m.content.trim() !== '');
  // Only the window is copied (role and content alone): the store hands over up to 200 messages.
  return windowHistory(turns, historyTokens, countTokens).map((m) => ({ role: m.role, content: m.content }));
}

export interface RequestParts {
  readonly persona: Persona;
  readonly index: PersonaIndex;
  readonly now: Date;
  readonly question: string;
  readonly history: readonly ChatTurn[];
  readonly contextTokens: number;
  /** The model's token count (ChatModel.countTokens), remembered across turns (TokenCounts). */
  readonly countTokens: (text: string) => number;
  readonly signal?: AbortSignal;
  readonly knowledge?: KnowledgeService;
  readonly logger: Logger;
  readonly sessionId: string;
  readonly maxOutputTokens?: number;
  /** Ranks passages by meaning too when the persona does not fit whole (ChatTurnsDeps.contextEmbedder). */
  readonly embedder?: Embedder;
}

/** The model request of one turn: the persona context chosen for this question, the window, the tools. */
export async function buildRequest(
  parts: RequestParts,
): Promise<{ request: ChatRequest; tools: TurnTools | undefined }> {
  const recent = parts.history.filter((m) => m.role === 'user').map((m) => m.content);
  const query = { question: parts.question, recent };
  const { persona, index, now, contextTokens, countTokens } = parts;
  const context = parts.embedder
    ? await selectContextFor(persona, index, now, query, contextTokens, countTokens, {
        embedder: parts.embedder,
        signal: parts.signal,
      })
    : selectContext(persona, index, now, query, contextTokens, countTokens);
  const tools = parts.knowledge
    ? new TurnTools(parts.knowledge, parts.logger, {
        sessionId: parts.sessionId,
        question: parts.question,
        userTexts: [...recent, parts.question],
      })
    : undefined;
  const request: ChatRequest = {
    system: context.system,
    messages: [...parts.history, { role: 'user', content: parts.question }],
    persona: parts.persona,
    signal: parts.signal,
    ...(tools ? { tools } : {}),
    ...(parts.maxOutputTokens === undefined ? {} : { maxOutputTokens: parts.maxOutputTokens }),
  };
  return { request, tools };
}

/** A cheap upper-bound guess of a turn's tokens, for the budget reservation (settled afterwards). */
export function estimateTurnTokens(contextTokens: number, history: readonly ChatTurn[], question: string): number {
  const chars = history.reduce((sum, m) => sum + m.content.length, question.length);
  return contextTokens + Math.ceil(chars / 3) + ANSWER_ALLOWANCE_TOKENS;
}
