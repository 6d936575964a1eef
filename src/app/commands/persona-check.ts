import { FsPersonaSource } from '../../adapters/filesystem/fs-persona-source.js';
import { renderSystemPrompt } from '../../domain/persona/system-prompt.js';
import { PersonaAvatar } from '../http/persona-avatar.js';
import { printable } from './printable.js';

/** Validates a persona folder and shows exactly what the twin will know, and what it will not read. */
export async function personaCheckCommand(dir: string): Promise<void> {
  const persona = await new FsPersonaSource({ dir }).load();
  const avatar = await new PersonaAvatar(dir).check();
  const out = process.stdout;
  const skipped = [
    ...(persona.skipped ?? []),
    ...(avatar?.problem ? [{ source: avatar.source, reason: avatar.problem }] : []),
  ];
  const warning = skipped.length === 0 ? '' : `, ${skipped.length} file${skipped.length === 1 ? '' : 's'} skipped`;
  const name = printable(String(persona.facts.full_name ?? persona.facts.name));
  out.write(`Persona OK: ${name} (version ${persona.version})${warning}\n`);
  out.write(
    `facts.json: ${Object.keys(persona.facts).length} facts (${printable(Object.keys(persona.facts).join(', '))})\n`,
  );
  out.write(`style.txt: ${persona.style ? `${persona.style.length} characters` : 'absent'}\n`);
  for (const document of persona.documents) {
    out.write(`${printable(document.source)}: ${document.kind}, ${document.text.length} characters\n`);
  }
  if (avatar && !avatar.problem) out.write(`${printable(avatar.source)}: the chat page's picture\n`);
  for (const { source, reason } of skipped) out.write(`SKIPPED ${printable(source)}: ${reason}\n`);
  out.write(`\n--- system prompt ---\n${printable(renderSystemPrompt(persona, new Date()), true)}\n`);
}
