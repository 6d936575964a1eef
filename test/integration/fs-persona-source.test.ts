import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FsPersonaSource } from '../../src/adapters/filesystem/fs-persona-source.js';
import { RecordingLogger } from '../../src/adapters/memory/recording-logger.js';
import { PersonaInvalid } from '../../src/domain/errors.js';
import { samplePersonaDir } from '../support/sample-persona.js';

const SAMPLE = samplePersonaDir();

describe('FsPersonaSource on the sample persona', () => {
  it('loads facts, summary, style, the LinkedIn PDF and knowledge files', async () => {
    const persona = await new FsPersonaSource({ dir: SAMPLE }).load();
    expect(persona.facts.name).toBe('Oriel');
    expect(persona.facts.full_name).toBe('Oriel Fenwick-Adeyemi');
    expect(persona.facts.email).toBe('oriel@example.com');
    expect(persona.facts.specialties).toContain('Distributed systems');
    expect(persona.summary).toContain('Staff Platform Engineer at Lumenfold Robotics');
    expect(persona.style).toContain('British spelling');
    const linkedin = persona.documents.find((d) => d.kind === 'linkedin');
    expect(linkedin?.source).toBe('linkedin.pdf');
    expect(linkedin?.text).toContain('Senior Software Engineer - Quillbridge Payments');
    expect(linkedin?.text).toContain('Northmere Institute of Technology');
    const knowledge = persona.documents.filter((d) => d.kind === 'knowledge');
    expect(knowledge.map((d) => d.source)).toContain('projects.md');
    expect(knowledge.find((d) => d.source === 'projects.md')?.text).toContain('Tidewater');
    expect(persona.documents.map((d) => d.kind)).not.toContain('style');
    expect(persona.version).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('FsPersonaSource on a temporary folder', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'persona-'));
    await writeFile(path.join(dir, 'facts.json'), '{"name": "Ada", "specialties": ["engines"]}');
    await writeFile(path.join(dir, 'summary.txt'), 'I am Ada.');
  });

  afterEach(async () => {
    vi.useRealTimers();
    await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  });

  async function failure(source: FsPersonaSource): Promise<PersonaInvalid> {
    const error = await source.load().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PersonaInvalid);
    return error as PersonaInvalid;
  }

  it('requires facts.json', async () => {
    await rm(path.join(dir, 'facts.json'));
    expect((await failure(new FsPersonaSource({ dir }))).message).toBe(`facts.json not found in ${dir}`);
  });

  it('reports a missing folder as a missing facts.json', async () => {
    const missing = path.join(dir, 'nope');
    expect((await failure(new FsPersonaSource({ dir: missing }))).message).toContain(
      `facts.json not found in ${missing}`,
    );
  });

  it('names facts.json and the line of a syntax error', async () => {
    await writeFile(path.join(dir, 'facts.json'), '{\n  "name": "Ada",\n  "role": oops\n}');
    expect((await failure(new FsPersonaSource({ dir }))).message).toMatch(
      /^facts\.json is not valid JSON at line 3, column 11/,
    );
  });

  it('names a PDF it cannot read, and serves the rest', async () => {
    await writeFile(path.join(dir, 'x.pdf'), Buffer.from([0x00, 0xff, 0x13, 0x37, 0x42, 0x99, 0x10]));
    const persona = await new FsPersonaSource({ dir }).load();
    expect(persona.skipped).toEqual([{ source: 'x.pdf', reason: expect.stringMatching(/^is damaged or not a PDF/) }]);
    expect(persona.summary).toBe('I am Ada.');
  });

  it('keeps the version while nothing changes and changes it when a file does', async () => {
    const first = await new FsPersonaSource({ dir }).load();
    const again = await new FsPersonaSource({ dir }).load();
    expect(again.version).toBe(first.version);
    await writeFile(path.join(dir, 'summary.txt'), 'I am Ada Lovelace.');
    const changed = await new FsPersonaSource({ dir }).load();
    expect(changed.version).not.toBe(first.version);
    expect(changed.summary).toBe('I am Ada Lovelace.');
  });

  it('serves the cached persona while the folder is unchanged', async () => {
    const source = new FsPersonaSource({ dir, recheckMs: 0 });
    const first = await source.load();
    expect(await source.load()).toBe(first);
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => source.load()));
    for (const persona of concurrent) expect(persona).toBe(first);
  });

  it('picks up a new file once the re-check interval has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const source = new FsPersonaSource({ dir });
    const before = await source.load();
    await mkdir(path.join(dir, 'notes'));
    await writeFile(path.join(dir, 'notes', 'talks.md'), '# Talks\nAnalytical engines, 1843.');
    expect(await source.load()).toBe(before);
    vi.setSystemTime(new Date('2026-01-01T00:00:01.001Z'));
    const after = await source.load();
    expect(after.documents.find((d) => d.source === 'notes/talks.md')?.text).toBe('# Talks\nAnalytical engines, 1843.');
    expect(after.version).not.toBe(before.version);
  });

  it('recovers once a broken file is fixed', async () => {
    const source = new FsPersonaSource({ dir, recheckMs: 0 });
    await writeFile(path.join(dir, 'facts.json'), '{"name": }');
    await failure(source);
    await failure(source);
    await writeFile(path.join(dir, 'facts.json'), '{"name": "Ada L."}');
    expect((await source.load()).facts.name).toBe('Ada L.');
  });

  it('once read whole, keeps serving that version while an edit leaves facts.json broken, and logs it', async () => {
    const logger = new RecordingLogger();
    const source = new FsPersonaSource({ dir, recheckMs: 0, logger });
    const good = await source.load();
    await writeFile(path.join(dir, 'facts.json'), '{"name": "Ada", ');
    expect(await source.load()).toBe(good);
    expect(logger.entries.some((entry) => entry.level === 'error' && /keeps serving/.test(entry.message ?? ''))).toBe(
      true,
    );
    await rm(path.join(dir, 'facts.json'));
    expect(await source.load()).toBe(good);
    await writeFile(path.join(dir, 'facts.json'), '{"name": "Ada L."}');
    expect((await source.load()).facts.name).toBe('Ada L.');
  });

  it('ignores dotfiles, node_modules and files that are not text', async () => {
    const before = await new FsPersonaSource({ dir }).load();
    await writeFile(path.join(dir, '.secret.md'), 'hidden');
    await mkdir(path.join(dir, '.git'));
    await writeFile(path.join(dir, '.git', 'notes.txt'), 'hidden');
    await mkdir(path.join(dir, 'node_modules'));
    await writeFile(path.join(dir, 'node_modules', 'readme.md'), 'hidden');
    await writeFile(path.join(dir, 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await writeFile(path.join(dir, 'data.json'), '{}');
    const after = await new FsPersonaSource({ dir }).load();
    expect(after.documents.map((d) => d.source)).toEqual(['summary.txt']);
    expect(after.version).toBe(before.version);
  });

  it('skips a file over the size limit, naming it; an oversized facts.json is fatal', async () => {
    await writeFile(path.join(dir, 'big.txt'), 'x'.repeat(2000));
    expect((await new FsPersonaSource({ dir, maxFileBytes: 1000 }).load()).skipped).toEqual([
      { source: 'big.txt', reason: 'is 2000 bytes; persona files are limited to 1000 bytes' },
    ]);
    await writeFile(path.join(dir, 'facts.json'), `{"name": "${'x'.repeat(2000)}"}`);
    expect((await failure(new FsPersonaSource({ dir, maxFileBytes: 1000 }))).message).toMatch(
      /^facts\.json is \d+ bytes/,
    );
  });

  it('refuses a folder with too many persona files', async () => {
    for (const name of ['a.md', 'b.md', 'c.md']) await writeFile(path.join(dir, name), name);
    expect((await failure(new FsPersonaSource({ dir, maxFiles: 3 }))).message).toMatch(/more than 3 persona files/);
  });
});
