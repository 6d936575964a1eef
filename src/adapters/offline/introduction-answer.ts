import type { Persona } from '../../domain/persona/persona.js';
import type { OfflineAnswer } from './compose-answer.js';

// "Who are you?", "Tell me about yourself", "What do you do?": the first things visitors type,
// made only of words that retrieval ignores, so no passage ranks. An optional greeting or "so"
// may come first; a few other languages' forms are here because visitors write them too.
const INTRODUCTION =
  /^[¿¡\s]*(?:(?:hi|hello|hey|ok(?:ay)?|so|and|well)\b[\s,!.]*)*(?:who\s+(?:are|r)\s+(?:you|u)|who\s+is\s+this|who\s+am\s+i\s+(?:talking|speaking|chatting)\s+(?:to|with)|(?:can\s+you\s+|could\s+you\s+|please\s+)?(?:tell\s+(?:me|us)\s+(?:a\s+(?:little|bit)\s+|more\s+)?about\s+(?:yourself|you)|introduce\s+yourself|describe\s+yourself)|what\s+do\s+you\s+do(?:\s+for\s+(?:a\s+living|work))?|what(?:'|’)?s\s+your\s+(?:story|background)|what\s+is\s+your\s+(?:story|background)|qui[eé]n\s+eres|qui\s+es[- ]tu|wer\s+bist\s+du|quem\s+(?:é|e)\s+voc(?:ê|e)|chi\s+sei)\b[\s?？!.]*$/iu;

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });
const MAX_SENTENCES = 2;

/** Whether the message asks the twin to introduce itself (and nothing more specific). */
export function asksForIntroduction(message: string): boolean {
  return INTRODUCTION.test(message.normalize('NFC').trim());
}

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
