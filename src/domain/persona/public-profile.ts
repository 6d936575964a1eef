import { displayName, type Persona } from './persona.js';
import { suggestedQuestions } from './suggested-questions.js';

/** The persona fields a chat page shows: display fields only, never the documents. */
export interface PublicProfile {
  readonly name: string;
  readonly full_name: string;
  /** current_role, or null when the persona has none. */
  readonly title: string | null;
  readonly location: string | null;
  /** One or two letters for an avatar placeholder, e.g. "OF". */
  readonly initials: string;
  /** The page's opening line, in the twin's first person. */
  readonly greeting: string;
  /** Two or three questions a visitor could start with, drawn from the persona's facts. */
  readonly suggested_questions: readonly string[];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

// Graphemes, not code units: a decomposed "É" or a Devanagari syllable stays whole.
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function firstGrapheme(word: string): string {
  const first = graphemes.segment(word)[Symbol.iterator]().next();
  return first.done ? '' : first.value.segment;
}

// Upper case only where it is one character: "ß" would become "SS" and "ﬃ" "FFI", three letters for one initial.
function initial(word: string): string {
  const letter = firstGrapheme(word);
  const upper = letter.toLocaleUpperCase();
  return firstGrapheme(upper) === upper ? upper : letter;
}

/** First letters of the first and last words of a name, upper-cased where the script has a one-letter capital. */
export function initialsOf(name: string): string {
  const words = name
    .trim()
    .split(/\s+/u)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+/u, ''))
    .filter((w) => w !== '');
  const first = words[0];
  if (!first) return '?';
  const last = words.length > 1 ? words.at(-1) : undefined;
  return initial(first) + (last ? initial(last) : '');
}

/** What a visitor may see about the owner before chatting. */
export function publicProfile(persona: Persona): PublicProfile {
  const name = displayName(persona);
  const fullName = text(persona.facts.full_name) ?? name;
  return {
    name,
    full_name: fullName,
    title: text(persona.facts.current_role),
    location: text(persona.facts.location),
    initials: initialsOf(fullName),
    greeting: `Hi, I'm ${name}'s AI twin. Ask me about my work, my experience or my projects.`,
    suggested_questions: suggestedQuestions(persona),
  };
}
