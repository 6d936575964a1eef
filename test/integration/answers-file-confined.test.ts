import { link, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../src/adapters/memory/recording-logger.js';
import { OfflineChatModel } from '../../src/adapters/offline/offline-chat-model.js';
import { answersDeleteCommand, answersEditCommand, answersListCommand } from '../../src/app/commands/answers.js';
import { gapsAnswerCommand } from '../../src/app/commands/gaps.js';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { TOKENS } from '../../src/app/tokens.js';
import { Conflict } from '../../src/domain/errors.js';
import { runTwin } from '../support/cli.js';
import { ADMIN_TOKEN, testConfig } from '../support/http-fixture.js';
import { type LiveServer, listen } from '../support/live-server.js';
import { copySamplePersona } from '../support/sample-persona.js';

// What an outside file holds before the owner answers; it must hold exactly this afterwards.
const OUTSIDE_TEXT = '# Not the twin\u2019s\n\n## Old question\n\nOUTSIDE-ORIGINAL \u00e9\u00e8 bytes\n';
const QUESTION = 'Do you play the theremin?';

let root: string;
let persona: string;
let outside: string;
let outsideFile: string;
let answersFile: string;
let live: LiveServer | undefined;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'twin-answers-confined-'));
  persona = copySamplePersona(root);
  outside = path.join(root, 'outside');
  outsideFile = path.join(outside, 'written.md');
  answersFile = path.join(persona, 'answers.md');
  await mkdir(outside);
  await writeFile(outsideFile, OUTSIDE_TEXT);
});

afterEach(async () => {
  await live?.close();
  live = undefined;
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

// Every kind of answers.md that leads elsewhere, or that is not a file of its own.
const KINDS: [string, () => Promise<void>][] = [
  ['a symbolic link to a file outside', () => symlink(outsideFile, answersFile)],
  ['a relative symbolic link to a file outside', () => symlink('../outside/written.md', answersFile)],
  ['a symbolic link to a folder outside', () => symlink(outside, answersFile)],
  ['a dangling symbolic link to a new file outside', () => symlink(path.join(outside, 'new.md'), answersFile)],
  ['a hard link to a file outside', () => link(outsideFile, answersFile)],
];

async function outsideUnchanged(): Promise<void> {
  expect(Buffer.compare(await readFile(outsideFile), Buffer.from(OUTSIDE_TEXT))).toBe(0);
  await expect(readFile(path.join(outside, 'new.md'))).rejects.toMatchObject({ code: 'ENOENT' });
}

const fsEnv = () => ({ TWIN_STORE: 'filesystem', TWIN_DATA_DIR: path.join(root, 'data'), TWIN_PERSONA_DIR: persona });

describe('answering a gap over HTTP never writes (or reads) through answers.md to elsewhere', () => {
  async function start(): Promise<{ url: string; logger: RecordingLogger }> {
    // The real persona folder and answer book: only the model is chosen (offline, deterministic).
    const logger = new RecordingLogger();
    const app = createApp(buildContainer(testConfig(fsEnv()), { model: new OfflineChatModel(), logger }));
    live = await listen(app);
    return { url: live.url, logger };
  }
  const admin = { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' };

  it.each(KINDS)(
    'answers.md as %s: 409 conflict, the gap stays open, the outside file is untouched',
    async (_k, make) => {
      await make();
      const { url } = await start();
      const chat = await fetch(`${url}/chat`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ message: QUESTION }),
      });
      expect(chat.status).toBe(200);
      const gaps = (await (await fetch(`${url}/analytics/knowledge-gaps?status=open`, { headers: admin })).json()) as {
        gaps: { id: string; question: string }[];
      };
      const gap = gaps.gaps.find((g) => g.question === QUESTION) ?? { id: 'missing' };
      expect(gap.id).toMatch(/^gap-/);

      const res = await fetch(`${url}/analytics/knowledge-gaps/${gap.id}/answer`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ answer: 'WRITTEN-THROUGH-A-LINK' }),
      });
      expect(res.status).toBe(409);
      const body = (await res.json()) as { error: { message: string } };
      expect(body).toEqual({
        error: { code: 'conflict', message: expect.stringMatching(/^answers\.md in the persona folder /) },
      });
      expect(body.error.message).toMatch(/neither read nor written/);
      expect(body.error.message).not.toContain(outside);
      await outsideUnchanged();

      // Nothing acknowledged was lost: the gap is still open to answer once the file is fixed.
      const after = (await (await fetch(`${url}/analytics/knowledge-gaps?status=open`, { headers: admin })).json()) as {
        gaps: { id: string }[];
      };
      expect(after.gaps.map((g) => g.id)).toContain(gap.id);
      // The answers list is refused the same way: the outside file's "Old question" never shows.
      const list = await fetch(`${url}/knowledge/answers`, { headers: admin });
      expect(list.status).toBe(409);
      expect(JSON.stringify(await list.json())).not.toContain('OUTSIDE-ORIGINAL');

      // Replaced by a regular file of its own, the same call succeeds.
      await rm(answersFile, { recursive: false });
      const fixed = await fetch(`${url}/analytics/knowledge-gaps/${gap.id}/answer`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ answer: 'Only on Sundays.' }),
      });
      expect(fixed.status).toBe(200);
      expect(await readFile(answersFile, 'utf8')).toContain(`## ${QUESTION}\n\nOnly on Sundays.`);
      await outsideUnchanged();
    },
  );

  it('answers.md as a FIFO: refused without blocking, nothing written', async () => {
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [answersFile]);
    const container = buildContainer(testConfig(fsEnv()), {
      model: new OfflineChatModel(),
      logger: new RecordingLogger(),
    });
    const knowledge = container.get(TOKENS.KnowledgeService);
    await container.get(TOKENS.TwinService).chat({ message: QUESTION });
    const [gap] = await knowledge.listGaps({ status: 'open' });
    const error = await knowledge.answerGap(gap?.id, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Conflict);
    expect((error as Error).message).toMatch(/^answers\.md in the persona folder is not a regular file/);
  });
});

describe('`twin gaps answer` and `twin answers ...` refuse the same answers.md', () => {
  async function openGap(): Promise<string> {
    const container = buildContainer(testConfig(fsEnv()), {
      model: new OfflineChatModel(),
      logger: new RecordingLogger(),
    });
    await container.get(TOKENS.TwinService).chat({ message: QUESTION });
    const [gap] = await container.get(TOKENS.KnowledgeService).listGaps({ status: 'open' });
    return gap?.id ?? '';
  }

  it.each(KINDS)('answers.md as %s: every command fails with Conflict, outside untouched', async (_k, make) => {
    const config = testConfig(fsEnv());
    const id = await openGap();
    await make();
    await expect(gapsAnswerCommand(config, id, 'WRITTEN-THROUGH-A-LINK')).rejects.toThrow(Conflict);
    await expect(answersListCommand(config, {})).rejects.toThrow(/^answers\.md in the persona folder /);
    await expect(answersEditCommand(config, 'ans-0123456789abcdef', { answer: 'x' })).rejects.toThrow(Conflict);
    await expect(answersDeleteCommand(config, 'ans-0123456789abcdef')).rejects.toThrow(Conflict);
    await outsideUnchanged();
  });

  it('the real command exits non-zero with one line, and `persona check` names the file', async () => {
    const id = await openGap();
    await symlink(outsideFile, answersFile);
    const answered = await runTwin(['gaps', 'answer', id, 'WRITTEN-THROUGH-A-LINK'], {
      env: fsEnv(),
      timeoutMs: 60_000,
    });
    expect(answered.code).toBe(1);
    expect(answered.stderr).toMatch(
      /^twin: answers\.md in the persona folder is a symbolic link; .*neither read nor written.*\n$/,
    );
    expect(answered.stderr.split('\n')).toHaveLength(2);
    await outsideUnchanged();

    const checked = await runTwin(['persona', 'check', persona], { timeoutMs: 60_000 });
    expect(checked.stdout).toMatch(/^SKIPPED answers\.md: resolves outside the persona folder/m);
    expect(checked.stdout).not.toContain('OUTSIDE-ORIGINAL');
  }, 120_000);
});
