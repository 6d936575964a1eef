import { execFileSync } from 'node:child_process';
import { link, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyPersona } from '../../scripts/lambda-bundle/copy-persona.js';
import { FsPersonaSource } from '../../src/adapters/filesystem/fs-persona-source.js';
import { COMPILED_DIR, PdfTextCache } from '../../src/adapters/filesystem/pdf-text-cache.js';
import { RecordingLogger } from '../../src/adapters/memory/recording-logger.js';
import { OfflineChatModel } from '../../src/adapters/offline/offline-chat-model.js';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { PersonaInvalid } from '../../src/domain/errors.js';
import { runTwin } from '../support/cli.js';
import { testConfig } from '../support/http-fixture.js';
import { textPdf } from '../support/pdfs.js';

// Content that lives outside the persona folder and may reach it only through a hard link.
const SECRET = 'My secret launch code is HOTELHARDLINK-ONE.';
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><text>OUTSIDE-AVATAR</text></svg>';

let root: string;
let dir: string;
let outside: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'twin-hard-links-'));
  dir = path.join(root, 'persona');
  outside = path.join(root, 'outside');
  await mkdir(dir);
  await mkdir(outside);
  await writeFile(path.join(dir, 'facts.json'), '{"name": "Ada", "email": "ada@example.org"}');
  await writeFile(path.join(dir, 'summary.txt'), 'I am Ada. I build analytical engines.');
  await writeFile(path.join(outside, 'hard.md'), SECRET);
  await writeFile(path.join(outside, 'av.svg'), SVG);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

const HARD_LINK = /^has [2-9] hard links: its content is shared with another file/;

describe('a hard link in the persona folder is refused like a link out of it', () => {
  it('is not read, is named in persona.skipped and logged once', async () => {
    await link(path.join(outside, 'hard.md'), path.join(dir, 'hard.md'));
    await mkdir(path.join(dir, 'deeper'));
    await link(path.join(outside, 'hard.md'), path.join(dir, 'deeper', 'notes.txt'));
    const logger = new RecordingLogger();
    const source = new FsPersonaSource({ dir, logger, recheckMs: 0 });
    const persona = await source.load();
    expect(JSON.stringify(persona)).not.toContain('HOTELHARDLINK');
    expect(persona.documents.map((d) => d.source)).toEqual(['summary.txt']);
    expect(persona.skipped).toEqual([
      { source: 'deeper/notes.txt', reason: expect.stringMatching(HARD_LINK) },
      { source: 'hard.md', reason: expect.stringMatching(HARD_LINK) },
    ]);
    await source.load(); // unchanged folder: not read again, not logged again
    const warnings = logger.entries.filter((e) => e.level === 'warn' && JSON.stringify(e).includes('hard.md'));
    expect(warnings).toHaveLength(1);
  });

  it('a hard link between two names inside the folder is refused too (nlink cannot tell where the other is)', async () => {
    await link(path.join(dir, 'summary.txt'), path.join(dir, 'copy.txt'));
    const persona = await new FsPersonaSource({ dir }).load();
    expect(persona.documents).toEqual([]);
    expect(persona.skipped?.map((s) => s.source)).toEqual(['copy.txt', 'summary.txt']);
  });

  it('facts.json as a hard link stops the start, naming the file', async () => {
    await writeFile(path.join(outside, 'facts.json'), '{"name": "Mallory"}');
    await rm(path.join(dir, 'facts.json'));
    await link(path.join(outside, 'facts.json'), path.join(dir, 'facts.json'));
    const error = await new FsPersonaSource({ dir }).load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PersonaInvalid);
    expect((error as Error).message).toMatch(/^facts\.json has 2 hard links/);
  });

  it('a FIFO is named, not read, and never blocks the load', async () => {
    execFileSync('mkfifo', [path.join(dir, 'pipe.md')]);
    const persona = await new FsPersonaSource({ dir }).load();
    expect(persona.skipped).toEqual([{ source: 'pipe.md', reason: expect.stringMatching(/^is not a regular file/) }]);
  });

  it('the twin never quotes it, and never serves a hard-linked avatar', async () => {
    await link(path.join(outside, 'hard.md'), path.join(dir, 'hard.md'));
    await link(path.join(outside, 'av.svg'), path.join(dir, 'avatar.svg'));
    const config = testConfig({ TWIN_PERSONA_DIR: dir });
    const server = createApp(buildContainer(config, { model: new OfflineChatModel() })).callback();
    const chat = await supertest(server)
      .post('/chat')
      .send({ message: 'What is your secret launch code?' })
      .expect(200);
    expect(JSON.stringify(chat.body)).not.toContain('HOTELHARDLINK');
    const avatar = await supertest(server).get('/persona/avatar');
    expect(avatar.status).toBe(404);
    expect(avatar.body.error.code).toBe('not_found');
    expect(JSON.stringify(avatar.body) + (avatar.text ?? '')).not.toContain('OUTSIDE-AVATAR');
    expect((await supertest(server).get('/persona')).body.avatar_url).toBeNull();
  });

  it('`twin persona check` lists each refused file with its reason', async () => {
    await link(path.join(outside, 'hard.md'), path.join(dir, 'hard.md'));
    await link(path.join(outside, 'av.svg'), path.join(dir, 'avatar.svg'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.txt')]);
    const result = await runTwin(['persona', 'check', dir], { timeoutMs: 60_000 });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Persona OK: Ada \(version [0-9a-f]{16}\), 3 files skipped\n/);
    expect(result.stdout).toMatch(/^SKIPPED hard\.md: has 2 hard links: .*; it is not read$/m);
    expect(result.stdout).toMatch(/^SKIPPED avatar\.svg: has 2 hard links: .*; not served$/m);
    expect(result.stdout).toMatch(/^SKIPPED pipe\.txt: is not a regular file/m);
    expect(result.stdout).not.toMatch(/^hard\.md:|^avatar\.svg: the chat page's picture/m);
    expect(result.stdout).not.toContain('HOTELHARDLINK');
  }, 90_000);
});

describe('the compiled persona (build:lambda) obeys the same rule', () => {
  it('a compiled PDF text linked (or hard-linked) from elsewhere is not used: the PDF is read itself', async () => {
    const pdf = await textPdf(['Engines compute tables']);
    await writeFile(path.join(dir, 'talk.pdf'), pdf);
    // What the build would write for this PDF, learnt from a cache of our own.
    const own = path.join(root, 'own-cache');
    await new PdfTextCache({ writeDir: own }).textOf(pdf, async () => ({ text: 'x' }));
    const [name] = await readdir(own);
    const forged = path.join(outside, 'forged.json');
    await writeFile(
      forged,
      (await readFile(path.join(own, name ?? ''), 'utf8')).replace('"x"', JSON.stringify(SECRET)),
    );
    for (const plant of [
      async (target: string) => symlink(forged, target),
      async (target: string) => link(forged, target),
      async () => {
        await rm(path.join(dir, COMPILED_DIR), { recursive: true, force: true });
        await symlink(outside, path.join(dir, COMPILED_DIR));
        // A plain file of its own, but in a folder elsewhere.
        await writeFile(path.join(outside, name ?? ''), await readFile(forged));
      },
    ]) {
      await rm(path.join(dir, COMPILED_DIR), { recursive: true, force: true });
      await mkdir(path.join(dir, COMPILED_DIR));
      await plant(path.join(dir, COMPILED_DIR, name ?? ''));
      const cache = new PdfTextCache({ readDirs: [{ dir: path.join(dir, COMPILED_DIR), within: dir }] });
      const persona = await new FsPersonaSource({ dir, pdfTexts: cache }).load();
      const talk = persona.documents.find((d) => d.source === 'talk.pdf');
      expect(talk?.text).toContain('Engines compute tables');
      expect(JSON.stringify(persona)).not.toContain('HOTELHARDLINK');
      await rm(path.join(outside, name ?? ''), { force: true });
    }
  });

  it('the package copy leaves hard links and FIFOs out and keeps symbolic links as links', async () => {
    await link(path.join(outside, 'hard.md'), path.join(dir, 'hard.md'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.md')]);
    await symlink('summary.txt', path.join(dir, 'about.txt'));
    await symlink(path.join(outside, 'hard.md'), path.join(dir, 'elsewhere.md'));
    const packaged = path.join(root, 'package', 'persona');
    const left = await copyPersona(dir, packaged);
    expect(left).toEqual([
      { source: 'hard.md', reason: expect.stringMatching(HARD_LINK) },
      { source: 'pipe.md', reason: expect.stringMatching(/^is not a regular file/) },
    ]);
    const persona = await new FsPersonaSource({ dir: packaged }).load();
    expect(persona.documents.map((d) => d.source)).toEqual(['about.txt', 'summary.txt']);
    expect(persona.skipped).toEqual([
      { source: 'elsewhere.md', reason: expect.stringMatching(/^resolves outside the persona folder/) },
    ]);
    expect(JSON.stringify(persona)).not.toContain('HOTELHARDLINK');
  });
});
