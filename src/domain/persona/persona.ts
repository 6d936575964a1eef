/**
 * facts.json in the course layout. Known keys are typed; any other key is kept
 * and becomes knowledge too.
 */
export interface PersonaFacts {
  readonly name: string;
  readonly full_name?: string;
  readonly current_role?: string;
  readonly location?: string;
  readonly email?: string;
  readonly linkedin?: string;
  readonly specialties?: readonly string[];
  readonly years_experience?: number | string;
  readonly education?: readonly unknown[];
  readonly [key: string]: unknown;
}

export type PersonaDocumentKind = 'summary' | 'style' | 'linkedin' | 'knowledge';

export interface PersonaDocument {
  /** File name relative to the persona folder, e.g. "linkedin.pdf" or "notes/talks.md". */
  readonly source: string;
  readonly kind: PersonaDocumentKind;
  readonly text: string;
}

/** A file in the persona folder the twin did not read, and why (for `persona check` and the log). */
export interface SkippedFile {
  /** Relative to the persona folder, e.g. "linkedin.pdf". */
  readonly source: string;
  /** Completes "<source> ...", e.g. "is encrypted (password-protected): save a copy without a password". */
  readonly reason: string;
}

export interface Persona {
  readonly facts: PersonaFacts;
  /** summary.txt, or "" when absent. */
  readonly summary: string;
  /** style.txt, or "" when absent. */
  readonly style: string;
  /** Every text the persona knows beyond facts: summary, linkedin and knowledge files. */
  readonly documents: readonly PersonaDocument[];
  /** Content hash of the folder: changes whenever any file the twin read changes. */
  readonly version: string;
  /** Files of the folder that gave no text (scanned or encrypted PDFs, links outside the folder...). */
  readonly skipped?: readonly SkippedFile[];
}

/** The name visitors see: the short name, else the full name. */
export function displayName(persona: Persona): string {
  return persona.facts.name || persona.facts.full_name || 'the owner';
}
