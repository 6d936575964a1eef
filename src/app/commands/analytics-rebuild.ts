import { SingleBar } from 'cli-progress';
import { silentLogger } from '../../adapters/memory/recording-logger.js';
import type { Config } from '../config.js';
import { buildContainer } from '../container.js';
import { TOKENS } from '../tokens.js';

/** Recomputes every analytics counter from the stored conversations, with a progress line. */
export async function analyticsRebuildCommand(config: Config): Promise<void> {
  const analytics = buildContainer(config, { logger: silentLogger }).get(TOKENS.AnalyticsService);
  // The number of conversations is not known up front (the store streams them), so the
  // bar shows counts and speed rather than a percentage.
  const progress = new SingleBar({
    format: 'Rebuilding analytics | {value} conversations | {messages} messages | {duration}s',
    stream: process.stderr,
    fps: 5,
  });
  progress.start(0, 0, { messages: 0 });
  const started = performance.now();
  try {
    const done = await analytics.rebuild(({ conversations, messages }) => {
      if (conversations % 100 === 0) progress.update(conversations, { messages });
    });
    progress.update(done.conversations, { messages: done.messages });
    progress.stop();
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `Rebuilt analytics from ${done.conversations} conversations (${done.messages} messages) in ${seconds.toFixed(1)} s.\n`,
    );
  } catch (error) {
    progress.stop();
    throw error;
  }
}
