import type { Persona } from '../../domain/persona/persona.js';
import type { OfflineAnswer } from './compose-answer.js';

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });
const MAX_SENTENCES = 2;

/**
 * The owner's own introduction: the first sentences of summary.txt's first paragraph (the
 * course layout's summary is the owner's first-person introduction), with facts.json's
 * `current_role` added when they do not name it ("What do you do?" asks for it); else one
 * sentence made of the name, role and location. Null when the persona holds neither.
 */
export function introductionAnswer(persona: Persona): OfflineAnswer | null {
  const paragraph =
    persona.summary
      .trim()
      .split(/\n\s*\n/)[0]
      ?.replace(/\s+/g, ' ') ?? '';
  const currentRole = typeof persona.facts.current_role === 'string' ? persona.facts.current_role.trim() : '';
  if (paragraph !== '') {
    const first = [...sentences.segment(paragraph)].slice(0, MAX_SENTENCES).map((part) => part.segment.trim());
    const opening = first.join(' ');
    const named = currentRole === '' || opening.toLowerCase().includes(currentRole.toLowerCase());
    return { text: named ? opening : `${opening} I currently work as ${currentRole}.`, grounded: true };
  }
  const name = persona.facts.full_name || persona.facts.name;
  if (!name) return null;
  const role = currentRole === '' ? '' : `, ${currentRole}`;
  const place = typeof persona.facts.location === 'string' ? `, based in ${persona.facts.location}` : '';
  return { text: `I'm ${name}${role}${place}.`, grounded: true };
}
