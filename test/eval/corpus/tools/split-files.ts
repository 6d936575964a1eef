/**
 * Reading an evaluation split from test/eval/corpus/<split>/: its persona folders, their text files,
 * its PDF sources (<split>/pdf-sources.ts, optional) and each persona's questions.json.
 */
import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PdfSourcesModule } from '../../../../scripts/profile-pdf.js';

export const CORPUS_DIR = fileURLToPath(new URL('..', import.meta.url));

export type Answerable = { question: string; expect: string[]; kind: string };
export type Unanswerable = { question: string; kind: string };
export type Questions = { persona: string; answerable: Answerable[]; unanswerable: Unanswerable[] };

/** Lower-cased, NFC, whitespace runs as one space: how expect strings are matched against answers. */
export const norm = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ');

/** The folder of a split; throws a clear error for a name that is not one. */
export async function splitDir(split: string): Promise<string> {
  if (!/^[a-z0-9-]+$/.test(split) || split === 'tools') throw new Error(`not a split name: ${split}`);
  const dir = join(CORPUS_DIR, split);
  await access(dir).catch(() => {
    throw new Error(`no split folder ${dir}`);
  });
  return dir;
}

/** The persona slugs of a split: its sub-folders, sorted. */
export async function personaSlugs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** The split's PDF sources, or none when it has no pdf-sources.ts. */
export async function loadPdfSources(dir: string): Promise<PdfSourcesModule> {
  const file = join(dir, 'pdf-sources.ts');
  const exists = await access(file).then(
    () => true,
    () => false,
  );
  if (!exists) return { PDF_SOURCES: {} };
  return (await import(pathToFileURL(file).href)) as PdfSourcesModule;
}

/** Normalised text of every .json/.txt/.md file in a persona folder, by file name (JSON must parse). */
export async function personaTexts(personaDir: string): Promise<Record<string, string>> {
  const texts: Record<string, string> = {};
  for (const f of (await readdir(personaDir)).filter((n) => /\.(json|txt|md)$/i.test(n))) {
    const raw = await readFile(join(personaDir, f), 'utf8');
    if (f.endsWith('.json')) JSON.parse(raw);
    texts[f] = norm(raw);
  }
  return texts;
}

export async function readQuestions(dir: string, slug: string): Promise<Questions> {
  return JSON.parse(await readFile(join(dir, slug, 'questions.json'), 'utf8')) as Questions;
}
