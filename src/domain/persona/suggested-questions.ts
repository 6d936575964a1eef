import type { Persona } from './persona.js';

const MAX_FACT_CHARS = 80;
const MAX_QUESTIONS = 3;
const FALLBACKS = ['What are you working on at the moment?', 'What are you most proud of in your career?'];

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
 * specialties, location) so the persona can answer them; generic ones fill the gaps.
 */
export function suggestedQuestions(persona: Persona): string[] {
  const facts = persona.facts;
  const questions: string[] = [];
  const role = usable(facts.current_role);
  if (role) {
    const employer = /\bat\s+(.+)$/i.exec(role)?.[1];
    questions.push(employer ? `What do you work on at ${employer}?` : `What does your work as ${role} involve?`);
  }
  const specialty = firstOf(facts.specialties) ?? firstOf(facts.skills);
  if (specialty) questions.push(`How did you get into ${midSentence(specialty)}?`);
  const place = usable(facts.location)?.split(',')[0]?.trim();
  if (place) questions.push(`What do you like about living in ${place}?`);
  for (const fallback of FALLBACKS) if (questions.length < 2) questions.push(fallback);
  return questions.slice(0, MAX_QUESTIONS);
}
