import { once } from 'node:events';
import { constants } from 'node:fs';
import { lstat, open, rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { SingleBar } from 'cli-progress';
import { silentLogger } from '../../adapters/memory/recording-logger.js';
import { InvalidInput } from '../../domain/errors.js';
import type { Config } from '../config.js';
import { buildContainer } from '../container.js';
import { TOKENS } from '../tokens.js';

async function write(out: Writable, text: string): Promise<void> {
  // Waiting for 'drain' keeps memory flat however large the store is.
  if (!out.write(text)) await once(out, 'drain');
}

/**
 * `twin export`: every conversation as NDJSON, to a file (written as <file>.partial and
 * renamed when complete, so an interrupted export never looks whole) or to stdout, with a
 * progress bar on stderr. `<file>.partial` is created afresh (any old name removed first, then
 * O_EXCL | O_NOFOLLOW), so a link or hard link planted there is never written through; the
 * rename replaces the name `<file>`, never what a link there points to.
 */
export async function exportCommand(config: Config, options: { output?: string }): Promise<void> {
  const exports = buildContainer(config, { logger: silentLogger }).get(TOKENS.ConversationExports);
  // The number of conversations is not known up front (stores stream them): the bar counts.
  const progress = new SingleBar({
    format: 'Exporting | {value} conversations | {messages} messages | {duration}s',
    stream: process.stderr,
    fps: 5,
  });
  // A folder at the name would refuse the final rename only after the whole export was written.
  if (options.output !== undefined && (await lstat(options.output).catch(() => undefined))?.isDirectory()) {
    throw new InvalidInput(`--output ${options.output} is a folder: name the file to write`);
  }
  const partial = options.output === undefined ? undefined : `${options.output}.partial`;
  const out: Writable = partial === undefined ? process.stdout : await createPartial(partial);
  let done = { conversations: 0, messages: 0 };
  progress.start(0, 0, { messages: 0 });
  try {
    for await (const line of exports.exportAll((p) => {
      done = p;
      progress.update(p.conversations, { messages: p.messages });
    })) {
      await write(out, line);
    }
    if (partial !== undefined && options.output !== undefined) {
      out.end();
      await once(out, 'finish');
      await rename(partial, options.output);
    }
  } catch (error) {
    if (partial !== undefined) {
      // A write still under way fails once the file is destroyed: that error is this one's echo.
      out.on('error', () => {});
      out.destroy();
      await rm(partial, { force: true });
    }
    throw error;
  } finally {
    progress.stop();
  }
  const where = options.output === undefined ? 'stdout' : options.output;
  process.stderr.write(`Exported ${done.conversations} conversations (${done.messages} messages) to ${where}.\n`);
}

/** A new file at `partial`: rm removes a leftover or planted name (a link itself, never its target). */
async function createPartial(partial: string): Promise<Writable> {
  await rm(partial, { force: true });
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
  const handle = await open(partial, flags, 0o666);
  return handle.createWriteStream({ encoding: 'utf8' });
}
