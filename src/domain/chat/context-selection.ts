import type { Embedder } from '../../ports/embedder.js';
import { type Block, blockText } from '../grounding/blocks.js';
import { retrieve, retrieveLexically } from '../grounding/hybrid-retrieval.js';
import type { PersonaIndex } from '../grounding/persona-index.js';
import type { Candidate } from '../grounding/semantic-ranking.js';
import type { Persona } from '../persona/persona.js';
import { countedPrompt, renderedPrompt } from './rendered-prompts.js';

export interface ContextQuery {
  /** The visitor's new message. */
  readonly question: string;
  /** Earlier user turns, newest last: they rank passages below the question's own. */
  readonly recent?: readonly string[];
}

export interface SelectedContext {
  readonly system: string;
  /** True when the whole persona fit the budget and no retrieval was needed. */
  readonly whole: boolean;
  /** The blocks placed in the prompt, in prompt order (empty when whole). */
  readonly passages: readonly Block[];
}

// Labels and fences around each passage in the rendered prompt.
const TOKENS_PER_PASSAGE = 12;
const RECENT_TURNS = 2;

/** The text a block shows in a prompt: its heading (or the question it answers) gives it its context. */
export function promptText(block: Block): string {
  return blockText(block);
}

/**
 * Blocks in the order their best unit ranks: the prompt quotes whole paragraphs, lists and
 * answers (a sentence alone loses its context), found by their best sentence.
 */
export function rankedBlocks(persona: Persona, index: PersonaIndex, candidates: readonly Candidate[]): Block[] {
  const { blocks } = index.for(persona);
  const seen = new Set<string>();
  const ranked: Block[] = [];
  for (const { passage } of candidates) {
    const block = blocks.get(passage.block);
    if (block && !seen.has(block.id)) {
      seen.add(block.id);
      ranked.push(block);
    }
  }
  return ranked;
}

function fill(
  persona: Persona,
  now: Date,
  ranked: readonly Block[],
  budgetTokens: number,
  countTokens: (text: string) => number,
): SelectedContext {
  const core = new Set(['facts.json', ...persona.documents.filter((d) => d.kind === 'summary').map((d) => d.source)]);
  // A core bigger than the budget still leaves passages a quarter of it: the answer may be there.
  const coreTokens = countTokens(renderedPrompt(persona, now, { ids: [], texts: () => [] }));
  let remaining = Math.max(budgetTokens - coreTokens, Math.floor(budgetTokens / 4));
  const chosen: Block[] = [];
  for (const block of ranked) {
    if (core.has(block.source)) continue;
    const cost = countTokens(promptText(block)) + TOKENS_PER_PASSAGE;
    // A block too big for what is left is skipped; a smaller, lower-ranked one may still fit.
    if (cost > remaining) continue;
    chosen.push(block);
    remaining -= cost;
  }
  return {
    system: renderedPrompt(persona, now, { ids: chosen.map((b) => b.id), texts: () => chosen.map(promptText) }),
    whole: false,
    passages: chosen,
  };
}

// Prompts are rendered once per persona, UTC day and selection (rendered-prompts.ts).
function wholeFits(
  persona: Persona,
  index: PersonaIndex,
  budgetTokens: number,
  countTokens: (text: string) => number,
): boolean {
  return index.wholePromptTokens(persona, () => countTokens(countedPrompt(persona))) <= budgetTokens;
}

/**
 * The system prompt for one question within `budgetTokens`, ranked by the same hybrid
 * retrieval the offline twin answers with (BM25 and, with an embedder, embeddings, fused by
 * reciprocal rank). A persona that fits whole goes whole; otherwise the identity core (facts,
 * summary, style, rules) always goes and the blocks most relevant to the question, then to
 * the recent turns, fill the rest. The core is never cut, even past the budget: without it
 * the model is not the persona; blocks then still get a quarter of the budget.
 */
export async function selectContextFor(
  persona: Persona,
  index: PersonaIndex,
  now: Date,
  query: ContextQuery,
  budgetTokens: number,
  countTokens: (text: string) => number,
  options: { embedder?: Embedder; signal?: AbortSignal } = {},
): Promise<SelectedContext> {
  if (wholeFits(persona, index, budgetTokens, countTokens)) {
    return { system: renderedPrompt(persona, now), whole: true, passages: [] };
  }
  const turns = [query.question, ...(query.recent ?? []).slice(-RECENT_TURNS).reverse()];
  const rankings = await Promise.all(
    turns.map((text) => retrieve(persona, index, text, options.embedder, { signal: options.signal })),
  );
  const ranked = rankedBlocks(
    persona,
    index,
    rankings.flatMap((r) => r.candidates),
  );
  return fill(persona, now, ranked, budgetTokens, countTokens);
}

/**
 * selectContextFor with lexical retrieval only, synchronously: for callers that have no
 * embedder (and cannot await one).
 */
export function selectContext(
  persona: Persona,
  index: PersonaIndex,
  now: Date,
  query: ContextQuery,
  budgetTokens: number,
  countTokens: (text: string) => number,
): SelectedContext {
  if (wholeFits(persona, index, budgetTokens, countTokens)) {
    return { system: renderedPrompt(persona, now), whole: true, passages: [] };
  }
  const turns = [query.question, ...(query.recent ?? []).slice(-RECENT_TURNS).reverse()];
  const candidates = turns.flatMap((text) => retrieveLexically(persona, index, text).candidates);
  return fill(persona, now, rankedBlocks(persona, index, candidates), budgetTokens, countTokens);
}
