import type { Passage } from '../grounding/passages.js';
import type { PersonaIndex } from '../grounding/persona-index.js';
import type { Persona } from '../persona/persona.js';
import { renderedPrompt } from './rendered-prompts.js';

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
  /** The passages placed in the prompt, in prompt order (empty when whole). */
  readonly passages: readonly Passage[];
}

// Labels and fences around each passage in the rendered prompt.
const TOKENS_PER_PASSAGE = 12;
const QUESTION_HITS = 40;
const RECENT_HITS = 10;

/** The text a passage shows in a prompt: a heading or an answered question gives it its context. */
export function promptText(passage: Passage): string {
  return passage.hints && passage.source !== 'facts.json' ? `${passage.hints}\n${passage.text}` : passage.text;
}

/**
 * The system prompt for one question within `budgetTokens`. A persona that fits whole
 * goes whole; otherwise the identity core (facts, summary, style, rules) always goes and
 * the passages most relevant to the question, then to the recent turns, fill the rest.
 * The core is never cut, even past the budget: without it the model is not the persona;
 * passages then still get a quarter of the budget.
 */
export function selectContext(
  persona: Persona,
  index: PersonaIndex,
  now: Date,
  query: ContextQuery,
  budgetTokens: number,
  countTokens: (text: string) => number,
): SelectedContext {
  // Prompts are rendered once per persona, day and selection; the index is built only when needed.
  if (index.wholePromptTokens(persona, () => countTokens(renderedPrompt(persona, now))) <= budgetTokens) {
    return { system: renderedPrompt(persona, now), whole: true, passages: [] };
  }
  const indexed = index.for(persona);
  const core = new Set(['facts.json', ...persona.documents.filter((d) => d.kind === 'summary').map((d) => d.source)]);
  const candidates = [
    ...indexed.retriever.search(query.question, QUESTION_HITS),
    ...(query.recent ?? [])
      .slice(-2)
      .reverse()
      .flatMap((text) => indexed.retriever.search(text, RECENT_HITS)),
  ];
  // A core bigger than the budget still leaves passages a quarter of it: the answer may be there.
  const coreTokens = countTokens(renderedPrompt(persona, now, { ids: [], texts: () => [] }));
  let remaining = Math.max(budgetTokens - coreTokens, Math.floor(budgetTokens / 4));
  const chosen: Passage[] = [];
  const seen = new Set<string>();
  for (const { passage } of candidates) {
    if (seen.has(passage.id) || core.has(passage.source)) continue;
    seen.add(passage.id);
    const cost = countTokens(promptText(passage)) + TOKENS_PER_PASSAGE;
    // A passage too big for what is left is skipped; a smaller, lower-ranked one may still fit.
    if (cost > remaining) continue;
    chosen.push(passage);
    remaining -= cost;
  }
  return {
    system: renderedPrompt(persona, now, { ids: chosen.map((p) => p.id), texts: () => chosen.map(promptText) }),
    whole: false,
    passages: chosen,
  };
}
