import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/adapters/memory/recording-logger.js';
import {
  answersDeleteCommand,
  answersEditCommand,
  answersExportCommand,
  answersImportCommand,
  answersListCommand,
} from '../../src/app/commands/answers.js';
import { gapsAnswerCommand } from '../../src/app/commands/gaps.js';
import type { Config } from '../../src/app/config.js';
import { buildContainer } from '../../src/app/container.js';
import { TOKENS } from '../../src/app/tokens.js';
import { runTwin } from '../support/cli.js';
import { type LocalDynamo, startDynalite } from '../support/dynalite.js';
import { freshTable, localClients } from '../support/dynamo-tables.js';
import { testConfig } from '../support/http-fixture.js';

const SAMPLE = fileURLToPath(new URL('../../persona', import.meta.url));

describe('twin answers', () => {
  let root: string;
  let output: string[];

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'twin-answers-cli-'));
    await cp(SAMPLE, path.join(root, 'persona'), { recursive: true });
    // Whatever the repository's own persona folder holds, these tests start without answers.
    await rm(path.join(root, 'persona', 'answers.md'), { force: true });
    output = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(root, { recursive: true, force: true, maxRetries: 5 });
  });

  const fsConfig = () =>
    testConfig({
      TWIN_STORE: 'filesystem',
      TWIN_DATA_DIR: path.join(root, 'data'),
      TWIN_PERSONA_DIR: path.join(root, 'persona'),
    });

  // Visitors ask; the owner answers every gap from the terminal.
  async function answerQuestions(config: Config, answers: Record<string, string>) {
    const container = buildContainer(config, { logger: silentLogger });
    const service = container.get(TOKENS.TwinService);
    for (const question of Object.keys(answers)) await service.chat({ message: question });
    for (const gap of await container.get(TOKENS.KnowledgeService).listGaps({ status: 'open' })) {
      await gapsAnswerCommand(config, gap.id, answers[gap.question] ?? 'x');
    }
  }

  async function listed(config: Config) {
    output.length = 0;
    await answersListCommand(config, { json: true });
    return JSON.parse(output.join('')).answers as { id: string; question: string; answer: string }[];
  }

  it('lists, edits, deletes and exports the answers in answers.md', async () => {
    const config = fsConfig();
    await answerQuestions(config, { 'Do you have a cat?': 'Yes, Tensor.', 'Do you ski?': 'Badly.' });
    output.length = 0;
    await answersListCommand(config, {});
    const lines = output.join('').trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^ans-[0-9a-f]{16} {2}Do you have a cat\? {2}-> {2}Yes, Tensor\.$/),
      expect.stringMatching(/^ans-[0-9a-f]{16} {2}Do you ski\? {2}-> {2}Badly\.$/),
    ]);
    const [cat, ski] = await listed(config);

    await answersEditCommand(config, cat?.id ?? '', { question: 'Do you have pets?', answer: 'A grey cat, Tensor.' });
    expect(output.join('')).toMatch(/Its id is now ans-/);
    await answersDeleteCommand(config, ski?.id ?? '');
    expect((await listed(config)).map((a) => [a.question, a.answer])).toEqual([
      ['Do you have pets?', 'A grey cat, Tensor.'],
    ]);

    const out = path.join(root, 'exported.md');
    await answersExportCommand(config, { out });
    const exported = await readFile(out, 'utf8');
    expect(exported).toBe(await readFile(path.join(root, 'persona', 'answers.md'), 'utf8'));
    output.length = 0;
    await answersExportCommand(config, {});
    expect(output.join('')).toBe(exported);

    await expect(answersDeleteCommand(config, ski?.id ?? '')).rejects.toThrow('No answer with this id');
    await expect(answersEditCommand(config, 'nonsense', { answer: 'x' })).rejects.toThrow('answer id');
    await expect(answersEditCommand(config, cat?.id ?? '', {})).rejects.toThrow(/question|answer/);
  });

  it('says so when there is nothing to list', async () => {
    await answersListCommand(fsConfig(), {});
    expect(output.join('')).toContain('No answers yet');
  });

  it('is wired into the twin command', async () => {
    const config = fsConfig();
    await answerQuestions(config, { 'Do you have a cat?': 'Yes, Tensor.' });
    const out = path.join(root, 'cli-export.md');
    const result = await runTwin(['answers', 'export', '--out', out], {
      env: { TWIN_STORE: 'filesystem', TWIN_DATA_DIR: config.dataDir, TWIN_PERSONA_DIR: config.personaDir },
      timeoutMs: 60_000,
    });
    expect(result.stderr).toContain(`Wrote ${out}`);
    expect(result.code).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('## Do you have a cat?\n\nYes, Tensor.\n');
  }, 90_000);

  describe('on DynamoDB (dynalite)', () => {
    let dynamo: LocalDynamo;
    beforeEach(async () => {
      dynamo = await startDynalite();
    });
    afterEach(async () => {
      await dynamo.stop();
    });

    it('exports the table’s answers as answers.md and imports them into a fresh table', async () => {
      const { raw } = localClients(dynamo.endpoint);
      const tables = [await freshTable(raw, 'answers-a'), await freshTable(raw, 'answers-b')];
      const [a, b] = tables.map((table) =>
        testConfig({
          TWIN_STORE: 'dynamodb',
          DYNAMODB_ENDPOINT: dynamo.endpoint,
          DYNAMODB_TABLE_NAME: table.name,
          TWIN_PERSONA_DIR: path.join(root, 'persona'),
        }),
      ) as [Config, Config];
      await answerQuestions(a, { 'Do you have a cat?': 'Yes, Tensor.\n\n## not a heading', 'Do you ski?': 'Badly.' });
      // The persona folder is not written on DynamoDB: answers live in the table.
      await expect(readFile(path.join(root, 'persona', 'answers.md'), 'utf8')).rejects.toThrow();
      const file = path.join(root, 'answers.md');
      await answersExportCommand(a, { out: file });
      await answersImportCommand(b, file);
      expect(await listed(b)).toEqual(await listed(a));
      await writeFile(file, '# nothing here\n');
      await expect(answersImportCommand(b, file)).rejects.toThrow('no "## question" sections');
      raw.destroy();
    });
  });
});
