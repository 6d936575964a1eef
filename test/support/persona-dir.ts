import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testPersona } from './personas.js';

export interface PersonaDir {
  readonly dir: string;
  remove(): Promise<void>;
}

/**
 * testPersona() written out in the course layout (facts.json, summary.txt, style.txt,
 * projects.md) in a fresh temp folder, plus `extra` files by name. Every twin a test starts
 * reads its own copy, so nothing depends on (or writes to) the repository's persona.
 */
export async function writePersonaDir(extra: Record<string, string> = {}): Promise<PersonaDir> {
  const persona = testPersona();
  const dir = await mkdtemp(path.join(tmpdir(), 'twin-persona-'));
  const files: Record<string, string> = {
    'facts.json': JSON.stringify(persona.facts, null, 2),
    'summary.txt': persona.summary,
    'style.txt': persona.style,
    ...Object.fromEntries(
      persona.documents.filter((d) => d.kind === 'knowledge').map((d) => [d.source, d.text] as const),
    ),
    ...extra,
  };
  await Promise.all(Object.entries(files).map(([name, text]) => writeFile(path.join(dir, name), text, 'utf8')));
  return { dir, remove: () => rm(dir, { recursive: true, force: true, maxRetries: 5 }) };
}
