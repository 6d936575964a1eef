import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsPersonaSource } from '../../src/adapters/filesystem/fs-persona-source.js';
import { RecordingLogger } from '../../src/adapters/memory/recording-logger.js';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { TOKENS } from '../../src/app/tokens.js';
import { PersonaInvalid } from '../../src/domain/errors.js';
import { runTwin } from '../support/cli.js';
import { appWith, testConfig } from '../support/http-fixture.js';
import { encryptedPdf, imageOnlyPdf, textPdf, truncatedPdf } from '../support/pdfs.js';

// A secret outside the persona folder that no link from inside it may reach.
const SECRET = 'TWIN_ADMIN_TOKEN=do-not-serve-4f1c9a';

let root: string;
let dir: string;
let outside: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'twin-confined-'));
  dir = path.join(root, 'persona');
  outside = path.join(root, 'elsewhere');
  await mkdir(dir);
  await mkdir(outside);
  await writeFile(path.join(dir, 'facts.json'), '{"name": "Ada", "email": "ada@example.org"}');
  await writeFile(path.join(dir, 'summary.txt'), 'I am Ada. I build analytical engines.');
  await writeFile(path.join(outside, 'secret.txt'), SECRET);
  await writeFile(path.join(outside, 'secret.pdf'), await textPdf([SECRET]));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

// Every way a path can lead out of the folder: absolute and relative links, `..` inside a
// link, a chain of links that ends outside, a link into the process's own environment.
const ESCAPES: [string, (name: string) => Promise<void>][] = [
  ['an absolute link', (name) => symlink(path.join(outside, 'secret.txt'), path.join(dir, name))],
  ['a relative link with ..', (name) => symlink('../elsewhere/secret.txt', path.join(dir, name))],
  ['a link through ../persona/..', (name) => symlink('../persona/../elsewhere/secret.txt', path.join(dir, name))],
  [
    'a chain of links ending outside',
    async (name) => {
      await symlink(path.join(outside, 'secret.txt'), path.join(dir, 'hop.bin'));
      await symlink('hop.bin', path.join(dir, name));
    },
  ],
  ['a link to /proc/self/environ', (name) => symlink('/proc/self/environ', path.join(dir, name))],
];

describe('the persona folder is a boundary', () => {
  it.each(ESCAPES)('never reads a file reached through %s, and names it', async (_label, linkOut) => {
    await linkOut('notes.txt');
    const logger = new RecordingLogger();
    const persona = await new FsPersonaSource({ dir, logger }).load();
    expect(JSON.stringify(persona)).not.toContain('do-not-serve');
    expect(persona.documents.map((d) => d.source)).toEqual(['summary.txt']);
    expect(persona.skipped).toEqual([
      { source: 'notes.txt', reason: expect.stringMatching(/outside the persona folder/) },
    ]);
    expect(logger.entries.some((e) => e.level === 'warn' && JSON.stringify(e).includes('notes.txt'))).toBe(true);
  });

  it('refuses a PDF linked from elsewhere, and a linked folder', async () => {
    await symlink(path.join(outside, 'secret.pdf'), path.join(dir, 'linkedin.pdf'));
    await symlink(outside, path.join(dir, 'notes'));
    const persona = await new FsPersonaSource({ dir }).load();
    expect(JSON.stringify(persona.documents)).not.toContain('do-not-serve');
    expect(persona.skipped?.map((s) => s.source)).toEqual(['linkedin.pdf', 'notes']);
  });

  it('names a link to nothing (a moved target) and serves the rest', async () => {
    await symlink(path.join(outside, 'moved-away.md'), path.join(dir, 'talks.md'));
    await symlink('missing.txt', path.join(dir, 'notes.txt'));
    const persona = await new FsPersonaSource({ dir }).load();
    expect(persona.documents.map((d) => d.source)).toEqual(['summary.txt']);
    expect(persona.skipped).toEqual([
      { source: 'notes.txt', reason: expect.stringMatching(/link to nothing/) },
      { source: 'talks.md', reason: expect.stringMatching(/link to nothing/) },
    ]);
  });

  it('still reads a link that stays inside the folder', async () => {
    await mkdir(path.join(dir, 'drafts'));
    await writeFile(path.join(dir, 'drafts', 'talks.md'), '# Talks\nOn engines.');
    await symlink('drafts/talks.md', path.join(dir, 'talks.md'));
    const persona = await new FsPersonaSource({ dir }).load();
    expect(persona.documents.map((d) => d.source)).toEqual(['drafts/talks.md', 'summary.txt', 'talks.md']);
    expect(persona.skipped).toBeUndefined();
  });

  it('fails to start rather than read a facts.json from elsewhere', async () => {
    await writeFile(path.join(outside, 'facts.json'), '{"name": "Mallory"}');
    await rm(path.join(dir, 'facts.json'));
    await symlink(path.join(outside, 'facts.json'), path.join(dir, 'facts.json'));
    const error = await new FsPersonaSource({ dir }).load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PersonaInvalid);
    expect((error as Error).message).toMatch(/^facts\.json resolves outside the persona folder/);
  });

  it.each(ESCAPES)('never serves an avatar reached through %s', async (_label, linkOut) => {
    await linkOut('avatar.gif');
    const { server } = appWith({}, { TWIN_PERSONA_DIR: dir });
    const res = await supertest(server).get('/persona/avatar');
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body) + (res.text ?? '')).not.toMatch(/do-not-serve|TWIN_|PATH=/);
    expect((await supertest(server).get('/persona')).body.avatar_url).toBeNull();
  });

  it('serves an avatar linked from inside the folder', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    await writeFile(path.join(dir, 'me.bin'), png);
    await symlink('me.bin', path.join(dir, 'avatar.png'));
    const res = await supertest(appWith({}, { TWIN_PERSONA_DIR: dir }).server)
      .get('/persona/avatar')
      .expect(200);
    expect(Buffer.compare(res.body as Buffer, png)).toBe(0);
  });
});

describe('files that yield no text', () => {
  it('are named with their reason while the twin serves from the rest', async () => {
    await writeFile(path.join(dir, 'linkedin.pdf'), await imageOnlyPdf());
    await writeFile(path.join(dir, 'locked.pdf'), encryptedPdf());
    await writeFile(path.join(dir, 'cut.pdf'), await truncatedPdf());
    await writeFile(path.join(dir, 'junk.pdf'), Buffer.from([0x00, 0xff, 0x13, 0x37]));
    await writeFile(path.join(dir, 'empty.md'), ' \n\n ');
    await writeFile(path.join(dir, 'talk.pdf'), await textPdf(['Engines compute tables']));
    const logger = new RecordingLogger();
    const persona = await new FsPersonaSource({ dir, logger }).load();
    expect(persona.documents.map((d) => d.source)).toEqual(['summary.txt', 'talk.pdf']);
    expect(Object.fromEntries((persona.skipped ?? []).map((s) => [s.source, s.reason]))).toEqual({
      'cut.pdf': expect.stringMatching(/^is damaged or not a PDF/),
      'empty.md': 'is empty',
      'junk.pdf': expect.stringMatching(/^is damaged or not a PDF/),
      'linkedin.pdf': expect.stringMatching(/^has no text layer \(scanned/),
      'locked.pdf': expect.stringMatching(/^is encrypted \(password-protected\)/),
    });
    expect(logger.entries.filter((e) => e.level === 'warn')).toHaveLength(5);
    // The twin starts, knows what it could read, and answers.
    const container = buildContainer(testConfig({ TWIN_PERSONA_DIR: dir }));
    const served = await container.get(TOKENS.Persona).load();
    expect(served.documents.find((d) => d.source === 'talk.pdf')?.text).toContain('Engines compute tables');
    await supertest(createApp(container).callback())
      .post('/chat')
      .send({ message: 'What do engines compute?' })
      .expect(200);
  });

  it('an oversized file is skipped, not fatal', async () => {
    await writeFile(path.join(dir, 'big.txt'), 'x'.repeat(2000));
    const persona = await new FsPersonaSource({ dir, maxFileBytes: 1000 }).load();
    expect(persona.skipped).toEqual([
      { source: 'big.txt', reason: 'is 2000 bytes; persona files are limited to 1000 bytes' },
    ]);
  });

  it('`twin persona check` names every skipped file with its reason, and the avatar it refuses', async () => {
    await writeFile(path.join(dir, 'linkedin.pdf'), await imageOnlyPdf());
    await writeFile(path.join(dir, 'locked.pdf'), encryptedPdf());
    await symlink(path.join(outside, 'secret.txt'), path.join(dir, 'notes.txt'));
    await symlink('/proc/self/environ', path.join(dir, 'avatar.gif'));
    const result = await runTwin(['persona', 'check', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Persona OK: Ada \(version [0-9a-f]{16}\), 4 files skipped\n/);
    expect(result.stdout).toMatch(/^SKIPPED linkedin\.pdf: has no text layer/m);
    expect(result.stdout).toMatch(/^SKIPPED locked\.pdf: is encrypted/m);
    expect(result.stdout).toMatch(/^SKIPPED notes\.txt: resolves outside the persona folder/m);
    expect(result.stdout).toMatch(/^SKIPPED avatar\.gif: resolves outside the persona folder/m);
    expect(result.stdout).not.toContain('do-not-serve');
  });
});
