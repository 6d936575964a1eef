import type { PersonaFacts } from '../persona/persona.js';
import type { Block } from './blocks.js';
import { courseKeyOf } from './course-keys.js';
import { humanize, listPhrase, renderValue } from './fact-values.js';
import { factWording } from './fact-wording.js';

export { humanize, listPhrase, renderValue } from './fact-values.js';

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

// The course keys whose fixed sentence above is already the person's own voice.
const SPOKEN_KEYS = new Set(['full_name', 'name', 'current_role', 'location', 'email', 'linkedin']);

// A role names where it is held ("Engineer at X", "Chef - Y", "Nurse, Z"); "Retired", "Looking for
// my next role" or "On a career break" are no job one works as.
const ROLE_AT = /\s(?:at|@|for|with)\s|\s[-–—|]\s|,\s/u;
const NOT_A_ROLE =
  /^(?:retired|looking|seeking|self-?employed|freelanc|on\s|between|unemployed|open|available|currently|not\b|taking|career)/iu;

/** The course keys' spoken forms where the fixed sentence would be false or ungrammatical. */
function courseSentence(key: string, value: unknown, facts: PersonaFacts): string | null {
  const text = renderValue(value).trim();
  if (key === 'current_role' && (!ROLE_AT.test(text) || NOT_A_ROLE.test(text))) return `My current role: ${text}.`;
  if (key === 'years_experience' && typeof value === 'number') {
    if (value === 1) return 'I have 1 year of experience.';
    if (value <= 0) return `Years of experience: ${value}.`;
  }
  return factSentence(key, value, facts);
}

/** What answers quote for a fact block (fact-wording.ts), aligned with its units. */
function spokenWording(
  key: string,
  value: unknown,
  records: boolean,
  facts: PersonaFacts,
): Pick<Block, 'spoken' | 'records'> {
  if (SPOKEN_KEYS.has(key) || (key === 'years_experience' && typeof value === 'number')) {
    const said = courseSentence(key, value, facts);
    return said === null ? {} : { spoken: [said] };
  }
  const wording = factWording(key, value, records);
  return wording === null ? {} : { spoken: wording.units, ...(wording.records ? { records: wording.records } : {}) };
}

/**
 * One block per fact. Its hints carry the key's meaning ("favourite wood", "instrument"),
 * so "What do you play?" finds `"instrument": "cello"`. A list of records (education) gives
 * one unit per record, so an answer quotes the one that answers.
 */
export function factBlocks(facts: PersonaFacts): Block[] {
  const blocks: Block[] = [];
  for (const [key, value] of Object.entries(facts)) {
    const hints = [humanize(key).toLowerCase(), FACT_HINTS[courseKeyOf(key)] ?? ''].filter(Boolean).join(' ');
    const records = Array.isArray(value) && value.length > 1 && value.every((v) => typeof v === 'object' && v !== null);
    const units = records
      ? (value as unknown[]).map((record) => factSentence(key, [record], facts)).filter((u): u is string => u !== null)
      : [factSentence(key, value, facts)].filter((u): u is string => u !== null);
    if (units.length === 0) continue;
    const wording = spokenWording(key, value, records, facts);
    blocks.push({ id: `facts.json#${key}`, source: 'facts.json', hints, shape: 'fact', units, ...wording });
  }
  return blocks;
}
