import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The evaluation corpus: test/eval/corpus/<split>/<slug>/{persona/, questions.json}, written
 * by someone who never read the retrieval code. An answer is right when it contains any
 * `expect` string (case-insensitive); an unanswerable question must be marked
 * grounded: false and recorded as a knowledge gap.
 */
export interface CorpusAnswerable {
  readonly question: string;
  readonly expect: readonly string[];
  readonly kind: string;
}

export interface CorpusUnanswerable {
  readonly question: string;
  readonly kind: string;
}

export interface CorpusPersona {
  readonly slug: string;
  /** The persona folder inside the corpus (never modified: the eval copies it). */
  readonly personaDir: string;
  readonly answerable: readonly CorpusAnswerable[];
  readonly unanswerable: readonly CorpusUnanswerable[];
}

export const CORPUS_ROOT = fileURLToPath(new URL('./corpus', import.meta.url));

/** Every persona of one split, in slug order. Throws when the split folder is missing. */
export async function loadSplit(split: string, root = CORPUS_ROOT): Promise<CorpusPersona[]> {
  const dir = path.join(root, split);
  const slugs = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    slugs.map(async (slug) => {
      const raw = JSON.parse(await readFile(path.join(dir, slug, 'questions.json'), 'utf8')) as {
        answerable?: CorpusAnswerable[];
        unanswerable?: CorpusUnanswerable[];
      };
      return {
        slug,
        personaDir: path.join(dir, slug, 'persona'),
        answerable: raw.answerable ?? [],
        unanswerable: raw.unanswerable ?? [],
      };
    }),
  );
}

/** A private copy of a persona folder (the twin may write answers.md into it); remove it when done. */
export async function copyPersona(personaDir: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'twin-eval-'));
  const dir = path.join(root, 'persona');
  await cp(personaDir, dir, { recursive: true });
  return { dir, remove: () => rm(root, { recursive: true, force: true, maxRetries: 5 }) };
}

/** Whether `text` holds any of the expected strings, case-insensitively. */
export function holdsFact(text: string, expect: readonly string[]): boolean {
  const lower = text.toLocaleLowerCase('und');
  return expect.some((fact) => lower.includes(fact.toLocaleLowerCase('und')));
}
