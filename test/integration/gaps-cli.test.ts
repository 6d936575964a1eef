import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/adapters/memory/recording-logger.js';
import { gapsAnswerCommand, gapsDismissCommand, gapsListCommand } from '../../src/app/commands/gaps.js';
import { leadsCommand } from '../../src/app/commands/leads.js';
import type { Config } from '../../src/app/config.js';
import { buildContainer } from '../../src/app/container.js';
import { releaseContainer } from '../../src/app/release-container.js';
import { TOKENS } from '../../src/app/tokens.js';
import { testConfig } from '../support/http-fixture.js';
import { copySamplePersona } from '../support/sample-persona.js';

describe('twin gaps and twin leads', () => {
  let root: string;
  let config: Config;
  let output: string[];

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'twin-cli-'));
    copySamplePersona(root);
    config = testConfig({
      TWIN_STORE: 'filesystem',
      TWIN_DATA_DIR: path.join(root, 'data'),
      TWIN_PERSONA_DIR: path.join(root, 'persona'),
    });
    output = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(root, { recursive: true, force: true, maxRetries: 5 });
  });

  // A visitor's session, in its own container, as the server would run it.
  async function visit(...messages: string[]) {
    const container = buildContainer(config, { logger: silentLogger });
    const service = container.get(TOKENS.TwinService);
    for (const message of messages) await service.chat({ message });
    await releaseContainer(container);
  }

  it('lists, answers and dismisses gaps recorded by the server, and lists leads', async () => {
    await visit('Do you have a cat?', 'Do you have a cat?', 'Do you ski?', 'Reach me at lee@example.org');
    await gapsListCommand(config, {});
    const lines = output.join('').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^gap-[0-9a-f]{16}\s+open\s+asked\s+2x\s+last 20\S+Z\s+Do you have a cat\?$/);
    const catId = lines[0]?.split(' ')[0] ?? '';
    const skiId = lines[1]?.split(' ')[0] ?? '';

    await gapsAnswerCommand(config, catId, 'Yes, a grey cat called Tensor.');
    await gapsDismissCommand(config, skiId);
    expect(await readFile(path.join(root, 'persona', 'answers.md'), 'utf8')).toContain('Tensor');

    output.length = 0;
    await gapsListCommand(config, { json: true });
    const listed = JSON.parse(output.join('')).gaps;
    expect(listed.map((g: { status: string }) => g.status).sort()).toEqual(['answered', 'dismissed']);

    output.length = 0;
    await leadsCommand(config, {});
    expect(output.join('')).toContain('lee@example.org');
  });

  it("answers under the owner's wording with --question, masked and plain", async () => {
    await visit('Is your number 0044 20 7946 0958 still right?');
    await gapsListCommand(config, { json: true });
    const [gap] = JSON.parse(output.join('')).gaps;
    await gapsAnswerCommand(config, gap.id, 'Write to me instead.', { question: 'How do I <i>reach</i> you?' });
    const answers = await readFile(path.join(root, 'persona', 'answers.md'), 'utf8');
    expect(answers).toContain('## How do I reach you?\n');
    expect(answers).not.toMatch(/7946|<i>/);
    expect(output.join('')).toContain('Answered "How do I reach you?"');
  });

  it('says so when there is nothing to list, and fails with a clear error for an unknown gap', async () => {
    await gapsListCommand(config, {});
    await leadsCommand(config, {});
    expect(output.join('')).toContain('No knowledge gaps');
    expect(output.join('')).toContain('No leads yet');
    await expect(gapsAnswerCommand(config, 'gap-0123456789abcdef', 'x')).rejects.toThrow('No knowledge gap');
    await expect(gapsDismissCommand(config, 'nonsense')).rejects.toThrow('gap id');
  });
});
