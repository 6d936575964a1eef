import type { PersonaFacts } from '../persona/persona.js';
import type { Block } from './blocks.js';

// Visitors ask in their own words, and not only in English; these bridge the course
// layout's keys to them (English, then Spanish, French, German, Portuguese, Italian).
const FACT_HINTS: Readonly<Record<string, string>> = {
  name: 'name called who introduce yourself nombre llamas nom appelles heißt heisst nome chamas chiami',
  full_name: 'name called who introduce yourself full nombre completo nom complet vollständiger nome completo',
  current_role:
    'role job work working position company employer title occupation profession currently do doing trabajo trabajas empresa puesto profesión travail travailles poste entreprise métier arbeit arbeitest beruf firma trabalho trabalhas emprego profissão lavoro lavori azienda professione',
  location:
    'where live living based located city country from home vives ciudad país vis habites ville pays wohnst lebst stadt land moras vives cidade país vivi abiti città paese',
  email:
    'contact email mail reach touch hire talk connect write correo contacto courriel adresse kontakt contato contatto',
  linkedin: 'linkedin profile social connect network perfil profil',
  specialties:
    'skills specialties specialty expertise expert good strengths specialize technologies focus habilidades especialidades compétences spécialités fähigkeiten schwerpunkte competências especialidades competenze',
  years_experience:
    'experience years long career senior experiencia años expérience ans erfahrung jahre experiência anos esperienza anni',
  education:
    'education study studied degree university school college graduate graduated learn studies estudios estudiaste universidad título études diplôme université studium studiert universität estudou formação università laurea',
  languages: 'languages speak spoken idiomas hablas langues parles sprachen sprichst línguas falas lingue parli',
  hobbies:
    'hobby hobbies free time spare fun weekend enjoy interests passion outside pasatiempos aficiones loisirs freizeit passatempos tempo libero',
  interests: 'interests interested hobby hobbies fun free time enjoy passion',
};

/** "favourite_wood" -> "Favourite wood". */
export function humanize(key: string): string {
  const spaced = key
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1 $2')
    .replace(/[_-]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1).toLowerCase();
}

export function listPhrase(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

// Keys whose value names the record ("name", "title"): it leads, the other fields follow it.
const NAMING_KEYS = new Set(['name', 'title', 'degree', 'role', 'position']);

/** Renders any JSON value readably: a record leads with its name, then "key: value" pairs; arrays as lists. */
export function renderValue(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value))
    return value
      .map((item) => renderValue(item, depth + 1))
      .filter(Boolean)
      .join('; ');
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, renderValue(v, depth + 1)] as const)
      .filter(([, v]) => v !== '');
    const named = entries.filter(([k]) => NAMING_KEYS.has(k.toLowerCase()));
    const rest = entries.filter(([k]) => !NAMING_KEYS.has(k.toLowerCase()));
    // A record inside a list (an education entry) reads as "MSc, Northmere, 2012-2014".
    const restText =
      depth > 0 && entries.length <= 4
        ? rest.map(([, v]) => v)
        : rest.map(([k, v]) => `${humanize(k).toLowerCase()}: ${v}`);
    return [...named.map(([, v]) => v), ...restText].join(', ');
  }
  return String(value).replace(/\s+/gu, ' ').trim();
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
        ? `My specialties are ${listPhrase(value.map((v) => renderValue(v)))}.`
        : `My specialties: ${text}.`;
    case 'years_experience':
      return typeof value === 'number' ? `I have ${value} years of experience.` : `Experience: ${text}.`;
    default:
      return `${humanize(key)}: ${text}${/[.!?]$/u.test(text) ? '' : '.'}`;
  }
}

/**
 * One block per fact. Its hints carry the key's meaning ("favourite wood", "instrument"),
 * so "What do you play?" finds `"instrument": "cello"`. A list of records (education) gives
 * one unit per record, so an answer quotes the one that answers.
 */
export function factBlocks(facts: PersonaFacts): Block[] {
  const blocks: Block[] = [];
  for (const [key, value] of Object.entries(facts)) {
    const hints = [humanize(key).toLowerCase(), FACT_HINTS[key] ?? ''].filter(Boolean).join(' ');
    const records = Array.isArray(value) && value.length > 1 && value.every((v) => typeof v === 'object' && v !== null);
    const units = records
      ? (value as unknown[]).map((record) => factSentence(key, [record], facts)).filter((u): u is string => u !== null)
      : [factSentence(key, value, facts)].filter((u): u is string => u !== null);
    if (units.length > 0) blocks.push({ id: `facts.json#${key}`, source: 'facts.json', hints, shape: 'fact', units });
  }
  return blocks;
}
