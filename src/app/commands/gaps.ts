import { silentLogger } from '../../adapters/memory/recording-logger.js';
import type { GapStatus } from '../../domain/knowledge/knowledge-gaps.js';
import { publicQuestion } from '../../domain/knowledge/public-question.js';
import type { Config } from '../config.js';
import { buildContainer } from '../container.js';
import { TOKENS } from '../tokens.js';
import { reach } from './answers.js';

function knowledge(config: Config) {
  return buildContainer(config, { logger: silentLogger }).get(TOKENS.KnowledgeService);
}

/** `twin gaps list`: one line per gap, open and most asked first. */
export async function gapsListCommand(config: Config, options: { status?: GapStatus; json?: boolean }): Promise<void> {
  const gaps = await knowledge(config).listGaps({ status: options.status });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ gaps }, null, 2)}\n`);
    return;
  }
  if (gaps.length === 0) {
    process.stdout.write('No knowledge gaps: the twin has answered everything it was asked.\n');
    return;
  }
  for (const gap of gaps) {
    process.stdout.write(
      `${gap.id}  ${gap.status.padEnd(9)}  asked ${String(gap.times_asked).padStart(3)}x  last ${gap.last_asked}  ${gap.question}\n`,
    );
  }
}

/**
 * `twin gaps answer <id> <answer> [--question <text>]`: the answer joins the owner's answers
 * (the store's, or answers.md) under the question as published: masked, plain text, in the
 * owner's wording when given.
 */
export async function gapsAnswerCommand(
  config: Config,
  id: string,
  answer: string,
  options: { question?: string } = {},
): Promise<void> {
  const gap = await knowledge(config).answerGap(id, answer, options.question);
  const published = publicQuestion(options.question ?? gap.question);
  process.stdout.write(`Answered "${published}". ${reach(config)}\n`);
}

/** `twin gaps dismiss <id>`. */
export async function gapsDismissCommand(config: Config, id: string): Promise<void> {
  const gap = await knowledge(config).dismissGap(id);
  process.stdout.write(`Dismissed "${gap.question}".\n`);
}
