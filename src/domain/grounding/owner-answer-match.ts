import { questionKey } from '../knowledge/knowledge-gaps.js';
import { ANSWERS_FILE, parseOwnerAnswers } from '../knowledge/owner-answers.js';
import type { Persona } from '../persona/persona.js';
import type { Block } from './blocks.js';
import { terms } from './grounding.js';
import { termPresent } from './term-match.js';

// Answers by question key, per persona version (a new answer makes a new Persona object).
const byPersona = new WeakMap<Persona, ReadonlyMap<string, string>>();

function answersOf(persona: Persona): ReadonlyMap<string, string> {
  let answers = byPersona.get(persona);
  if (!answers) {
    const map = new Map<string, string>();
    for (const document of persona.documents) {
      if (document.source !== ANSWERS_FILE) continue;
      for (const entry of parseOwnerAnswers(document.text)) map.set(questionKey(entry.question), entry.answer.trim());
    }
    answers = map;
    byPersona.set(persona, answers);
  }
  return answers;
}

/**
 * The owner's answer to this very question (same `questionKey`: case, spacing and sentence
 * punctuation aside), or null. The owner answered it knowingly, so it is the answer whatever
 * its wording holds: "How old are you?" answered "Old enough to remember dial-up." has no
 * number in it, which the question-type rules would otherwise demand (README: "answer once
 * and the next visitor gets it").
 */
export function ownerAnswerTo(persona: Persona, question: string): string | null {
  return answersOf(persona).get(questionKey(question)) ?? null;
}

/**
 * Whether an owner's answer (a block of answers.md) found for a *different* question may
 * answer it: every term of the visitor's question must appear in the owner's question or
 * answer. An answer to "What's your favourite pizza topping?" shares "favourite" with "What is
 * your favourite film?" and would otherwise be given, marked grounded, to every question about
 * favourites; unmatched, the question becomes a knowledge gap the owner can answer.
 */
export function ownerAnswerCovers(block: Block, questionTerms: readonly string[]): boolean {
  if (block.source !== ANSWERS_FILE) return true;
  const held = new Set(terms(`${block.hints} ${block.units.join(' ')}`));
  return questionTerms.every((term) => termPresent(term, held));
}
