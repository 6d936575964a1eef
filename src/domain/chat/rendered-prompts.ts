import type { Persona } from '../persona/persona.js';
import { renderSystemPrompt } from '../persona/system-prompt.js';

/** The passages placed in a prompt: their ids key the memo, their texts are rendered on a miss. */
export interface PromptPassages {
  readonly ids: readonly string[];
  readonly texts: () => readonly string[];
}

// Distinct passage selections kept per persona and day; a small persona only ever has one prompt.
const MAX_PROMPTS = 256;

// Memo of a pure function, keyed by the persona object (a new version is a new object) and the
// UTC day, the only part of `now` the prompt shows: every turn of the day reuses the text, and
// a prompt's token count (TokenCounts) is then looked up on the same string.
const memo = new WeakMap<Persona, { day: string; prompts: Map<string, string> }>();

/**
 * renderSystemPrompt, rendered once per persona, UTC day and passage selection. `passages`
 * undefined is the whole persona; an empty selection is the identity core alone.
 */
export function renderedPrompt(persona: Persona, now: Date, passages?: PromptPassages): string {
  const day = now.toISOString().slice(0, 10);
  let entry = memo.get(persona);
  if (entry?.day !== day) {
    entry = { day, prompts: new Map() };
    memo.set(persona, entry);
  }
  const key = passages === undefined ? 'whole' : `passages:${passages.ids.join('\u0000')}`;
  let prompt = entry.prompts.get(key);
  if (prompt === undefined) {
    prompt = renderSystemPrompt(persona, now, passages === undefined ? {} : { passages: passages.texts() });
    if (entry.prompts.size >= MAX_PROMPTS) entry.prompts.delete(entry.prompts.keys().next().value as string);
    entry.prompts.set(key, prompt);
  }
  return prompt;
}

/**
 * The day the whole-persona prompt is counted at. It is counted once per persona version
 * (PersonaIndex.wholePromptTokens), whatever the day; a fixed day (a Wednesday, the longest
 * weekday name) makes the count a function of the persona alone, so it can be counted ahead of
 * time (`npm run build:lambda`) and a cold start need not load a tokenizer for it.
 */
export const COUNTING_DATE = new Date(Date.UTC(2020, 0, 1));

/** The whole-persona prompt whose tokens decide between sending it whole and retrieving. */
export function countedPrompt(persona: Persona): string {
  return renderSystemPrompt(persona, COUNTING_DATE);
}
