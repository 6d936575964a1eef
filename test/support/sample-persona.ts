import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shipped sample persona in the repository: tests never read it in place. */
export const SAMPLE_PERSONA = fileURLToPath(new URL('../../persona', import.meta.url));

// What running the twin adds to a persona folder (the README's own knowledge-gap steps
// write answers.md): never part of the sample the tests know.
const LOCAL_ADDITIONS = new Set(['answers.md', '.answers.md.lock']);

let shared: string | undefined;

/**
 * This test process's own copy of the sample persona, as shipped (without answers.md or
 * anything else the twin wrote into the repository's folder), made once and removed at exit.
 * Tests that write into the persona make their own copy with `copySamplePersona`.
 */
export function samplePersonaDir(): string {
  if (!shared) {
    shared = copySamplePersona(mkdtempSync(path.join(tmpdir(), 'twin-sample-persona-')));
    const dir = path.dirname(shared);
    process.once('exit', () => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));
  }
  return shared;
}

/** Copies the shipped sample persona to `<into>/persona` and returns that folder. */
export function copySamplePersona(into: string): string {
  const target = path.join(into, 'persona');
  cpSync(SAMPLE_PERSONA, target, {
    recursive: true,
    filter: (source) => !LOCAL_ADDITIONS.has(path.relative(SAMPLE_PERSONA, source)),
  });
  return target;
}
