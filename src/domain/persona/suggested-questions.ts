import type { Persona } from './persona.js';

const MAX_FACT_CHARS = 80;
const MAX_QUESTIONS = 3;
// Questions every persona answers: the twin introduces itself from summary.txt or facts.json.
const FALLBACKS = ['Can you tell me about yourself?', 'What do you do?'];

// A fact fit to quote in a one-line question: short, one line, no markup-looking text.
function usable(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim().replace(/\s+/g, ' ');
  if (text === '' || text.length > MAX_FACT_CHARS || /[<>{}[\]`]/.test(text)) return null;
  return text.replace(/[.!?;:,]+$/, '');
}

// "Distributed systems" reads "distributed systems" mid-sentence; "TypeScript and Node.js" keeps its case.
function midSentence(text: string): string {
  const first = text.split(' ')[0] ?? '';
  return /^\p{Lu}[^\p{Lu}]*$/u.test(first) ? text.charAt(0).toLocaleLowerCase() + text.slice(1) : text;
}

function firstOf(list: unknown): string | null {
  return Array.isArray(list) ? usable(list[0]) : null;
}

/**
 * Two or three questions a visitor could open with, drawn from facts.json (role,
 * specialties, location) and asked so that those facts answer them: a suggestion the twin
 * answers with "I don't know" is worse than none (a newcomer clicked "How did you get into
 * distributed systems?" and got a list). Generic ones the persona always answers fill the gaps.
 */
export function suggestedQuestions(persona: Persona): string[] {
  const facts = persona.facts;
  const questions: string[] = [];
  const role = usable(facts.current_role);
  if (role) {
    const employer = /\bat\s+(.+)$/i.exec(role)?.[1];
    questions.push(employer ? `What do you do at ${employer}?` : 'What do you do?');
  }
  const specialty = firstOf(facts.specialties) ?? firstOf(facts.skills);
  if (specialty) questions.push(`What do you know about ${midSentence(specialty)}?`);
  if (usable(facts.location)) questions.push('Where are you based?');
  for (const fallback of FALLBACKS) if (questions.length < 2) questions.push(fallback);
  return questions.slice(0, MAX_QUESTIONS);
}
