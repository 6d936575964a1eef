import { silentLogger } from '../../adapters/memory/recording-logger.js';
import type { Config } from '../config.js';
import { buildContainer } from '../container.js';
import { TOKENS } from '../tokens.js';

/** `twin leads`: visitors who asked to be contacted, newest first. */
export async function leadsCommand(config: Config, options: { json?: boolean }): Promise<void> {
  const leads = await buildContainer(config, { logger: silentLogger }).get(TOKENS.KnowledgeService).listLeads();
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ leads }, null, 2)}\n`);
    return;
  }
  if (leads.length === 0) {
    process.stdout.write('No leads yet.\n');
    return;
  }
  for (const lead of leads) {
    const who = lead.name ? `${lead.name} <${lead.email}>` : lead.email;
    const notes = lead.notes ? `  ${lead.notes}` : '';
    process.stdout.write(`${lead.last_recorded}  ${who}${notes}  (session ${lead.session_id ?? '-'})\n`);
  }
}
