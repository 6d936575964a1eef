import path from 'node:path';
import { FsPersonaSource } from '../../src/adapters/filesystem/fs-persona-source.js';
import { COMPILED_DIR, PdfTextCache, writeConfined } from '../../src/adapters/filesystem/pdf-text-cache.js';
import { countTokens, textKey } from '../../src/adapters/openai/token-counter.js';
import { type PrecountedTokens, TOKEN_COUNTS_FILE } from '../../src/app/precounted-tokens.js';
import { countedPrompt } from '../../src/domain/chat/rendered-prompts.js';

/**
 * Compiles the packaged persona into `persona/.compiled/`: the text of each PDF (so no cold
 * start runs pdf.js) and the token count of the prompt that decides whether the persona goes
 * whole (so the first answer needs no tokenizer). Both are keyed by content, so a persona
 * edited after the build is simply read and counted at run time, as before.
 */
export async function compilePersona(personaDir: string): Promise<{ version: string }> {
  const compiled = { dir: path.join(personaDir, COMPILED_DIR), within: personaDir };
  const persona = await new FsPersonaSource({
    dir: personaDir,
    pdfTexts: new PdfTextCache({ writeDir: compiled }),
  }).load();
  const prompt = countedPrompt(persona);
  const counts: PrecountedTokens = { tokenizer: 'o200k_base', counts: { [textKey(prompt)]: countTokens(prompt) } };
  if (!(await writeConfined(compiled, TOKEN_COUNTS_FILE, `${JSON.stringify(counts)}\n`))) {
    throw new Error(`${COMPILED_DIR}/${TOKEN_COUNTS_FILE} could not be written inside ${personaDir}`);
  }
  return { version: persona.version };
}
