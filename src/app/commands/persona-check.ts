import { FsPersonaSource } from '../../adapters/filesystem/fs-persona-source.js';
import { renderSystemPrompt } from '../../domain/persona/system-prompt.js';

/** Validates a persona folder and shows exactly what the twin will know. */
export async function personaCheckCommand(dir: string): Promise<void> {
  const persona = await new FsPersonaSource({ dir }).load();
  const out = process.stdout;
  out.write(`Persona OK: ${persona.facts.full_name ?? persona.facts.name} (version ${persona.version})\n`);
  out.write(`facts.json: ${Object.keys(persona.facts).length} facts (${Object.keys(persona.facts).join(', ')})\n`);
  out.write(`style.txt: ${persona.style ? `${persona.style.length} characters` : 'absent'}\n`);
  for (const document of persona.documents) {
    out.write(`${document.source}: ${document.kind}, ${document.text.length} characters\n`);
  }
  out.write(`\n--- system prompt ---\n${renderSystemPrompt(persona, new Date())}\n`);
}
