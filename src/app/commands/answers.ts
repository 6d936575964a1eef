import { readFile } from 'node:fs/promises';
import { RefusedFile } from '../../adapters/filesystem/confined-path.js';
import { replaceOwned } from '../../adapters/filesystem/owned-file.js';
import { silentLogger } from '../../adapters/memory/recording-logger.js';
import { InvalidInput } from '../../domain/errors.js';
import { answersById, parseOwnerAnswers } from '../../domain/knowledge/owner-answers.js';
import type { Config } from '../config.js';
import { buildContainer } from '../container.js';
import { TOKENS } from '../tokens.js';

function knowledge(config: Config) {
  return buildContainer(config, { logger: silentLogger }).get(TOKENS.KnowledgeService);
}

function oneLine(text: string, max = 80): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** `twin answers list`: one line per answer, by question. */
export async function answersListCommand(config: Config, options: { json?: boolean }): Promise<void> {
  const answers = await knowledge(config).listAnswers();
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ answers }, null, 2)}\n`);
    return;
  }
  if (answers.length === 0) {
    process.stdout.write('No answers yet: answer a knowledge gap with `twin gaps answer <id> "<answer>"`.\n');
    return;
  }
  for (const entry of answers) {
    process.stdout.write(`${entry.id}  ${entry.question}  ->  ${oneLine(entry.answer)}\n`);
  }
}

/** `twin answers edit <id> [--question q] [--answer a]`. */
export async function answersEditCommand(
  config: Config,
  id: string,
  options: { question?: string; answer?: string },
): Promise<void> {
  const edited = await knowledge(config).editAnswer(id, options);
  const moved = edited.id === id ? '' : ` Its id is now ${edited.id}.`;
  process.stdout.write(`Edited "${edited.question}".${moved} ${reach(config)}\n`);
}

/** `twin answers delete <id>`. */
export async function answersDeleteCommand(config: Config, id: string): Promise<void> {
  await knowledge(config).deleteAnswer(id);
  process.stdout.write(`Deleted ${id}. ${reach(config)}\n`);
}

/** `twin answers export [--out file]`: every answer as answers.md, for the persona's version control. */
export async function answersExportCommand(config: Config, options: { out?: string }): Promise<void> {
  const text = await knowledge(config).exportAnswers();
  if (!options.out) {
    process.stdout.write(text);
    return;
  }
  // Written as a file of its own (a temp created with O_EXCL, renamed over the name), like the
  // server writes answers.md: a link or hard link at the path is refused, never written through.
  await replaceOwned(options.out, text).catch((error: unknown) => {
    throw error instanceof RefusedFile
      ? new InvalidInput(`${options.out} ${error.reason}; nothing was written`)
      : error;
  });
  process.stderr.write(`Wrote ${options.out}.\n`);
}

/** `twin answers import <file>`: adds the answers of an answers.md (e.g. an export) to the store. */
export async function answersImportCommand(config: Config, file: string): Promise<void> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new InvalidInput(`${file} could not be read (${(error as { code?: string }).code ?? 'error'})`);
  });
  const entries = answersById(parseOwnerAnswers(text));
  if (entries.length === 0) throw new InvalidInput(`${file} has no "## question" sections with an answer`);
  const stored = await knowledge(config).importAnswers(entries);
  process.stdout.write(`Imported ${stored.length} answer${stored.length === 1 ? '' : 's'}. ${reach(config)}\n`);
}

/** When a change reaches the twin, for the command's confirmation line. */
export function reach(config: Config): string {
  return config.store === 'dynamodb'
    ? `Every instance uses the change within ${config.answersRefreshSeconds} s.`
    : 'The twin uses the change from the next message on.';
}
