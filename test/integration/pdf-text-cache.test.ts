import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsPersonaSource } from '../../src/adapters/filesystem/fs-persona-source.js';
import { PdfTextCache } from '../../src/adapters/filesystem/pdf-text-cache.js';
import { loadConfig } from '../../src/app/config.js';
import { buildContainer } from '../../src/app/container.js';
import { TOKENS } from '../../src/app/tokens.js';

const samplePersona = fileURLToPath(new URL('../../persona', import.meta.url));
let root: string;
let personaDir: string;
let cacheDir: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'twin-pdf-cache-'));
  personaDir = path.join(root, 'persona');
  cacheDir = path.join(root, 'cache');
  await cp(samplePersona, personaDir, { recursive: true });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

const linkedinText = async (source: FsPersonaSource) =>
  (await source.load()).documents.find((doc) => doc.source === 'linkedin.pdf')?.text;

describe('PdfTextCache', () => {
  it('extracts a PDF once per content, then answers from the kept text', async () => {
    const cache = new PdfTextCache({ writeDir: cacheDir });
    const extracted: number[] = [];
    const extract = async (bytes: Uint8Array) => {
      extracted.push(bytes.length);
      return { text: `text of ${bytes.length} bytes` };
    };
    const pdf = new Uint8Array([1, 2, 3]);
    expect(await cache.textOf(pdf, extract)).toEqual({ text: 'text of 3 bytes' });
    expect(await new PdfTextCache({ readDirs: [cacheDir] }).textOf(pdf, extract)).toEqual({ text: 'text of 3 bytes' });
    expect(extracted).toEqual([3]);
    // Other bytes are another PDF: extracted on their own.
    await cache.textOf(new Uint8Array([1, 2, 4]), extract);
    expect(extracted).toEqual([3, 3]);
  });

  it("a data folder's persona-cache linked to a folder elsewhere is neither read nor written", async () => {
    const extract = async (bytes: Uint8Array) => ({ text: `text of ${bytes.length} bytes` });
    const pdf = new Uint8Array([7, 8, 9]);
    // The folder elsewhere holds an entry for these very bytes, with other text.
    const elsewhere = path.join(root, 'elsewhere');
    await new PdfTextCache({ writeDir: elsewhere }).textOf(pdf, async () => ({ text: 'OUTSIDE-SECRET' }));
    const dataDir = path.join(root, 'data');
    await mkdir(dataDir);
    await symlink(elsewhere, path.join(dataDir, 'persona-cache'));
    const entries = await readdir(elsewhere);
    const cache = new PdfTextCache({ writeDir: { dir: path.join(dataDir, 'persona-cache'), within: dataDir } });
    expect(await cache.textOf(pdf, extract)).toEqual({ text: 'text of 3 bytes' });
    expect(await readdir(elsewhere)).toEqual(entries);
  });

  it("the server's own wiring: a persona-cache linked elsewhere puts none of that folder's text into the persona", async () => {
    // The folder elsewhere holds an entry for the sample's very linkedin.pdf, with other text.
    const elsewhere = path.join(root, 'elsewhere');
    const pdf = new Uint8Array(await readFile(path.join(personaDir, 'linkedin.pdf')));
    await new PdfTextCache({ writeDir: elsewhere }).textOf(pdf, async () => ({ text: 'OUTSIDE-SECRET' }));
    const entries = await readdir(elsewhere);
    const dataDir = path.join(root, 'data');
    await mkdir(dataDir);
    await symlink(elsewhere, path.join(dataDir, 'persona-cache'));
    const config = loadConfig({ TWIN_DATA_DIR: dataDir, TWIN_PERSONA_DIR: personaDir, LOG_LEVEL: 'silent' });
    expect(config.store).toBe('filesystem');
    const persona = buildContainer(config).get(TOKENS.PersonaFolder);
    const text = (await persona.load()).documents.find((doc) => doc.source === 'linkedin.pdf')?.text;
    expect(text).toContain('Lumenfold');
    expect(text).not.toContain('OUTSIDE-SECRET');
    expect(await readdir(elsewhere)).toEqual(entries);
  });

  it('keeps a skipped PDF’s reason too, and writes nothing without a writeDir', async () => {
    const extract = async () => ({ skipped: 'is encrypted (password-protected): save a copy without a password' });
    expect(await new PdfTextCache({}).textOf(new Uint8Array([9]), extract)).toHaveProperty('skipped');
    expect(await readdir(root)).toEqual(['persona']);
    await new PdfTextCache({ writeDir: cacheDir }).textOf(new Uint8Array([9]), extract);
    const again = await new PdfTextCache({ readDirs: [cacheDir] }).textOf(new Uint8Array([9]), async () => ({
      text: 'must not be extracted again',
    }));
    expect(again).toEqual(await extract());
  });

  it('extracts again when an entry is unreadable or from another extractor', async () => {
    const cache = new PdfTextCache({ writeDir: cacheDir });
    await cache.textOf(new Uint8Array([5]), async () => ({ text: 'first' }));
    const [entry] = await readdir(cacheDir);
    const file = path.join(cacheDir, entry as string);
    await writeFile(file, JSON.stringify({ extractor: 'another-extractor', text: 'stale' }));
    expect(await cache.textOf(new Uint8Array([5]), async () => ({ text: 'fresh' }))).toEqual({ text: 'fresh' });
    await writeFile(file, '{"extractor": "unpdf');
    expect(await cache.textOf(new Uint8Array([5]), async () => ({ text: 'again' }))).toEqual({ text: 'again' });
  });
});

describe('FsPersonaSource with a PdfTextCache', () => {
  it('reads the PDF with pdf.js once, and later starts take its text from the cache', async () => {
    const first = await linkedinText(
      new FsPersonaSource({ dir: personaDir, pdfTexts: new PdfTextCache({ writeDir: cacheDir }) }),
    );
    expect(first).toContain('Lumenfold');
    const [entry] = await readdir(cacheDir);
    // Proof that a later start reads the cache, not the PDF: it serves what the cache says.
    const file = path.join(cacheDir, entry as string);
    const kept = JSON.parse(await readFile(file, 'utf8')) as { extractor: string; text: string };
    await writeFile(file, JSON.stringify({ ...kept, text: 'Text served from the cache.' }));
    const later = new FsPersonaSource({ dir: personaDir, pdfTexts: new PdfTextCache({ readDirs: [cacheDir] }) });
    expect(await linkedinText(later)).toBe('Text served from the cache.');
  });

  it('gives the same persona, version included, with or without the cache', async () => {
    const plain = await new FsPersonaSource({ dir: personaDir }).load();
    const cached = new FsPersonaSource({ dir: personaDir, pdfTexts: new PdfTextCache({ writeDir: cacheDir }) });
    await cached.load();
    const fromCache = await new FsPersonaSource({
      dir: personaDir,
      pdfTexts: new PdfTextCache({ readDirs: [cacheDir] }),
    }).load();
    expect(fromCache).toEqual(plain);
  });
});
