import type { Persona } from '../persona/persona.js';
import { stableHash } from '../text/stable-hash.js';
import { ANSWERS_FILE, type OwnerAnswer, renderAnswersFile } from './owner-answers.js';

/** How a persona with stored answers was made: the folder's persona, and the answers laid over it. */
export interface AnswersLayer {
  /** The persona as its source read it, answers.md (if any) included. */
  readonly base: Persona;
  /** The base without any answers.md: what a retrieval index can share across answer changes. */
  readonly withoutAnswers: Persona;
  readonly answers: readonly OwnerAnswer[];
}

// Which personas are a base plus answers: lets the retrieval index rebuild only the answers'
// part when only the answers changed. Weak keys: a persona nobody holds is forgotten.
const layers = new WeakMap<Persona, AnswersLayer>();
const stripped = new WeakMap<Persona, Persona>();

function withoutAnswers(base: Persona): Persona {
  let persona = stripped.get(base);
  if (!persona) {
    persona = { ...base, documents: base.documents.filter((doc) => doc.source !== ANSWERS_FILE) };
    stripped.set(base, persona);
  }
  return persona;
}

/**
 * The persona the twin answers from when the owner's answers live in a store: the
 * folder's persona with its answers.md (if any) replaced by the stored answers, rendered
 * exactly as answers.md. The store is the one truth, so an edit or a delete there takes
 * effect everywhere. The version joins the base version and a hash of the answers, so
 * every process holding the same answers derives the same version. Pure.
 */
export function personaWithAnswers(base: Persona, answers: readonly OwnerAnswer[]): Persona {
  const bare = withoutAnswers(base);
  const text = answers.length > 0 ? renderAnswersFile(answers) : '';
  const persona: Persona = {
    ...bare,
    documents: text ? [...bare.documents, { source: ANSWERS_FILE, kind: 'knowledge', text }] : bare.documents,
    version: `${base.version}+answers-${stableHash(text)}`,
  };
  layers.set(persona, { base, withoutAnswers: bare, answers });
  return persona;
}

/** The layers of a persona made by personaWithAnswers; undefined for any other persona. */
export function answersLayerOf(persona: Persona): AnswersLayer | undefined {
  return layers.get(persona);
}
