import type { Persona, PersonaFacts } from './persona.js';

/** A piece of persona text small enough to quote in an answer or a prompt. */
export interface Passage {
  readonly id: string;
  /** The file (or facts.json key) it came from. */
  readonly source: string;
  readonly text: string;
  /** Words that find this passage without being shown (e.g. "job" for current_role). */
  readonly hints: string;
}

// Visitors ask in their own words; these bridge the course layout's keys to them.
const FACT_HINTS: Readonly<Record<string, string>> = {
  name: 'name called who introduce yourself',
  full_name: 'name called who introduce yourself full',
  current_role: 'role job work working position company employer title occupation currently do doing',
  location: 'where live living based located city country from home',
  email: 'contact email mail reach touch hire talk connect',
  linkedin: 'linkedin profile social connect network',
  specialties: 'skills specialties specialty expertise expert good strengths specialize technologies focus',
  years_experience: 'experience years long career senior',
  education: 'education study studied degree university school college graduate graduated learn',
  hobbies: 'hobby hobbies fun free time spare weekend enjoy interests passion outside',
  interests: 'interests interested hobby hobbies fun free time enjoy passion',
  languages: 'language languages speak speaking fluent native',
};

const MAX_PASSAGE_CHARS = 600;

function humanize(key: string): string {
  const spaced = key.replace(/[_-]+/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function listPhrase(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Renders any JSON value readably: objects as "key: value" pairs, arrays as lists. */
export function renderValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(renderValue).filter(Boolean).join('; ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, renderValue(v)] as const)
      .filter(([, v]) => v !== '')
      .map(([k, v]) => `${humanize(k)}: ${v}`)
      .join(', ');
  }
  return String(value);
}

/** One first-person sentence per fact, so the offline twin can quote facts in its own voice. */
export function factSentence(key: string, value: unknown, facts: PersonaFacts): string | null {
  const text = renderValue(value).trim();
  if (text === '') return null;
  switch (key) {
    case 'full_name':
      return `My name is ${text}.`;
    case 'name':
      return facts.full_name && facts.full_name !== text ? `People call me ${text}.` : `My name is ${text}.`;
    case 'current_role':
      return `I currently work as ${text}.`;
    case 'location':
      return `I'm based in ${text}.`;
    case 'email':
      return `You can reach me at ${text}.`;
    case 'linkedin':
      return `My LinkedIn profile is ${text}.`;
    case 'specialties':
      return Array.isArray(value)
        ? `My specialties are ${listPhrase(value.map(renderValue))}.`
        : `My specialties: ${text}.`;
    case 'years_experience':
      return typeof value === 'number' ? `I have ${value} years of experience.` : `Experience: ${text}.`;
    case 'education':
      return `My education: ${text}.`;
    default:
      return `${humanize(key)}: ${text}.`;
  }
}

/** Splits a document into paragraph-sized passages, cutting long paragraphs at sentence ends. */
export function splitIntoChunks(text: string, maxChars = MAX_PASSAGE_CHARS): string[] {
  const chunks: string[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const clean = paragraph.replace(/\s+/g, ' ').trim();
    if (clean === '') continue;
    if (clean.length <= maxChars) {
      chunks.push(clean);
      continue;
    }
    let current = '';
    for (const sentence of clean.match(/[^.!?。！？]+[.!?。！？]*\s*/gu) ?? [clean]) {
      if (current !== '' && current.length + sentence.length > maxChars) {
        chunks.push(current.trim());
        current = '';
      }
      current += sentence;
    }
    if (current.trim() !== '') chunks.push(current.trim());
  }
  return chunks;
}

/** Every passage the persona holds: one per fact, then chunks of each document. */
export function personaPassages(persona: Persona): Passage[] {
  const passages: Passage[] = [];
  for (const [key, value] of Object.entries(persona.facts)) {
    const text = factSentence(key, value, persona.facts);
    if (text)
      passages.push({ id: `facts.json#${key}`, source: 'facts.json', text, hints: FACT_HINTS[key] ?? humanize(key) });
  }
  for (const document of persona.documents) {
    splitIntoChunks(document.text).forEach((text, index) => {
      passages.push({ id: `${document.source}#${index + 1}`, source: document.source, text, hints: '' });
    });
  }
  return passages;
}
