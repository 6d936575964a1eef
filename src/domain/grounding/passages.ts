import { ANSWERS_FILE, parseOwnerAnswers } from '../knowledge/owner-answers.js';
import type { Persona, PersonaDocument, PersonaFacts } from '../persona/persona.js';

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
// Visitors ask in their own words, and not only in English; these bridge the course
// layout's keys to them (English, then Spanish, French, German, Portuguese, Italian).
const FACT_HINTS: Readonly<Record<string, string>> = {
  name: 'name called who introduce yourself nombre llamas nom appelles heißt heisst nome chamas chiami',
  full_name: 'name called who introduce yourself full nombre completo nom complet vollständiger nome completo',
  current_role:
    'role job work working position company employer title occupation currently do doing trabajo trabajas empresa puesto travail travailles poste entreprise métier arbeit arbeitest beruf firma trabalho trabalhas emprego lavoro lavori azienda',
  location:
    'where live living based located city country from home vives ciudad país vis habites ville pays wohnst lebst stadt land moras vives cidade país vivi abiti città paese',
  email: 'contact email mail reach touch hire talk connect correo contacto courriel adresse kontakt contato contatto',
  linkedin: 'linkedin profile social connect network perfil profil',
  specialties:
    'skills specialties specialty expertise expert good strengths specialize technologies focus habilidades especialidades compétences spécialités fähigkeiten schwerpunkte competências especialidades competenze',
  years_experience:
    'experience years long career senior experiencia años expérience ans erfahrung jahre experiência anos esperienza anni',
  education:
    'education study studied degree university school college graduate graduated learn estudios estudiaste universidad título études diplôme université studium studiert universität estudou formação università laurea',
  languages: 'languages speak spoken idiomas hablas langues parles sprachen sprichst línguas falas lingue parli',
  hobbies:
    'hobby hobbies free time spare fun weekend enjoy interests passion outside pasatiempos aficiones loisirs freizeit passatempos tempo libero',
  interests: 'interests interested hobby hobbies fun free time enjoy passion',
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

/** A chunk of a document, with the Markdown headings it sits under. */
export interface DocumentChunk {
  readonly text: string;
  /** Enclosing headings, outermost first, joined by " / "; "" when none. */
  readonly heading: string;
}

const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/u;

/**
 * Splits a document into chunks like splitIntoChunks, but Markdown headings are not
 * chunks of their own (quoting "## Talks" answers nothing): they label the chunks
 * below them, so a question naming a section still finds its text.
 */
export function documentChunks(text: string, maxChars = MAX_PASSAGE_CHARS): DocumentChunk[] {
  const chunks: DocumentChunk[] = [];
  const trail: string[] = [];
  let body: string[] = [];
  const flush = () => {
    const heading = trail.filter(Boolean).join(' / ');
    for (const chunk of splitIntoChunks(body.join('\n'), maxChars)) chunks.push({ text: chunk, heading });
    body = [];
  };
  for (const line of text.split('\n')) {
    const match = HEADING.exec(line);
    if (match?.[1] && match[2]) {
      flush();
      trail.length = match[1].length - 1;
      trail.push(match[2]);
    } else {
      body.push(line);
    }
  }
  flush();
  return chunks;
}

/** The passages of one persona document: answers.md by question, Markdown by section, text by paragraph. */
export function documentPassages(document: PersonaDocument): Passage[] {
  if (document.source === ANSWERS_FILE) {
    // The owner's answers: the visitor's question finds the passage, the answer is what is quoted.
    return parseOwnerAnswers(document.text).flatMap((entry, index) =>
      splitIntoChunks(entry.answer).map((text, part) => ({
        id: `${document.source}#${index + 1}${part > 0 ? `.${part + 1}` : ''}`,
        source: document.source,
        text,
        hints: entry.question,
      })),
    );
  }
  const chunks = /\.md$/i.test(document.source)
    ? documentChunks(document.text)
    : splitIntoChunks(document.text).map((text) => ({ text, heading: '' }));
  return chunks.map((chunk, index) => ({
    id: `${document.source}#${index + 1}`,
    source: document.source,
    text: chunk.text,
    hints: chunk.heading,
  }));
}

/** Every passage the persona holds: one per fact, then chunks of each document. */
export function personaPassages(persona: Persona): Passage[] {
  const passages: Passage[] = [];
  for (const [key, value] of Object.entries(persona.facts)) {
    const text = factSentence(key, value, persona.facts);
    if (text)
      passages.push({ id: `facts.json#${key}`, source: 'facts.json', text, hints: FACT_HINTS[key] ?? humanize(key) });
  }
  for (const document of persona.documents) passages.push(...documentPassages(document));
  return passages;
}
