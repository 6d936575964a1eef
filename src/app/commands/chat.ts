import { createInterface } from 'node:readline';
import { silentLogger } from '../../adapters/memory/recording-logger.js';
import type { Config } from '../config.js';
import { buildContainer } from '../container.js';
import { releaseContainer } from '../release-container.js';
import { TOKENS } from '../tokens.js';

/** An interactive chat in the terminal, through the same service the HTTP API uses. */
export async function chatCommand(config: Config, sessionId?: string): Promise<void> {
  const container = buildContainer(config, { logger: silentLogger });
  const service = container.get(TOKENS.TwinService);
  const persona = await container.get(TOKENS.Persona).load();
  const terminal = createInterface({ input: process.stdin, output: process.stdout, prompt: 'you> ' });
  let session: string | undefined = sessionId;
  const name = persona.facts.full_name ?? persona.facts.name;
  process.stdout.write(`Chatting with ${name}'s twin (${service.modelName}). Empty line or Ctrl+D to quit.\n`);
  terminal.prompt();
  try {
    // The line iterator buffers input, so piped questions are answered one after another.
    for await (const line of terminal) {
      if (line.trim() === '') break;
      process.stdout.write('twin> ');
      try {
        for await (const output of service.chatStream({ message: line, session_id: session })) {
          if (output.type === 'session') session = output.session_id;
          else if (output.type === 'token') process.stdout.write(output.text);
        }
        process.stdout.write('\n');
      } catch (error) {
        process.stdout.write(`\n[${error instanceof Error ? error.message : 'error'}]\n`);
      }
      terminal.prompt();
    }
  } finally {
    terminal.close();
    await releaseContainer(container);
    if (session) process.stdout.write(`\nSession: ${session}\n`);
  }
}
