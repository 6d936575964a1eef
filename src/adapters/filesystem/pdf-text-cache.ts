import { createHash } from 'node:crypto';
import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { isInside, readConfined } from './confined-path.js';
import { replaceOwned } from './owned-file.js';
import type { PdfText } from './pdf-text.js';

/**
 * A folder of the cache, confined to `within` (default: itself): an entry that resolves
 * outside `within`, is a hard link or is not a regular file is neither read nor written.
 * `persona/.compiled` is confined to the persona folder, so a `.compiled` linked elsewhere
 * cannot put text from elsewhere into the persona.
 */
export type CacheDir = string | { readonly dir: string; readonly within: string };

export interface PdfTextCacheOptions {
  /** Folders holding texts extracted before (e.g. the Lambda package's `persona/.compiled`), searched in order. */
  readonly readDirs?: readonly CacheDir[];
  /** Where a text extracted now is kept for the next start; none: nothing is written. */
  readonly writeDir?: CacheDir;
}

/** The persona folder's subfolder with texts extracted at build time (dot-named: not persona content). */
export const COMPILED_DIR = '.compiled';

// Part of every key: a change to how text is extracted (a pdf.js upgrade) must not serve old texts.
const EXTRACTOR = 'unpdf-1.7/pages-joined-by-blank-line';

interface Entry {
  readonly extractor: string;
  readonly text?: string;
  readonly skipped?: string;
}

/**
 * The text extracted from each PDF, kept on disk under the hash of the PDF's bytes, so a
 * persona's PDFs are parsed once per content, not at every start: pdf.js is ~1.5 MB of code
 * and ~100 ms or more per document, the largest part of a cold start (docs/benchmarks.md).
 * `npm run build:lambda` fills the package's copy; a server keeps its own in the data dir.
 * A missing, unreadable or foreign entry is simply extracted again; a failed write only
 * costs the next start an extraction.
 */
export class PdfTextCache {
  private readonly readDirs: readonly CacheDir[];
  private readonly writeDir: CacheDir | undefined;

  constructor(options: PdfTextCacheOptions) {
    this.readDirs = options.readDirs ?? [];
    this.writeDir = options.writeDir;
  }

  async textOf(bytes: Uint8Array, extract: (bytes: Uint8Array) => Promise<PdfText>): Promise<PdfText> {
    const name = `${createHash('sha256').update(`${EXTRACTOR}\0`).update(bytes).digest('hex')}.json`;
    for (const dir of [...this.readDirs, ...(this.writeDir ? [this.writeDir] : [])]) {
      const known = await readEntry(dir, name);
      if (known) return known;
    }
    const text = await extract(bytes);
    if (this.writeDir) await writeEntry(this.writeDir, name, text);
    return text;
  }
}

function folders(dir: CacheDir): { dir: string; within: string } {
  return typeof dir === 'string' ? { dir, within: dir } : dir;
}

async function readEntry(cacheDir: CacheDir, name: string): Promise<PdfText | undefined> {
  const { dir, within } = folders(cacheDir);
  try {
    const bytes = await readConfined(await realpath(within), path.join(dir, name));
    const entry = JSON.parse(bytes.toString('utf8')) as Entry;
    if (entry.extractor !== EXTRACTOR) return undefined;
    if (typeof entry.text === 'string') return { text: entry.text };
    if (typeof entry.skipped === 'string') return { skipped: entry.skipped };
  } catch {
    // Absent, unreadable or refused (a link elsewhere, a hard link): extracted again.
  }
  return undefined;
}

/**
 * Writes `text` to `<dir>/<name>` when `dir` lies inside `within`, never through a link
 * (owned-file.ts); resolves false when the folder is elsewhere or the write failed.
 */
export async function writeConfined(cacheDir: CacheDir, name: string, text: string): Promise<boolean> {
  const { dir, within } = folders(cacheDir);
  try {
    await mkdir(dir, { recursive: true });
    if (!isInside(await realpath(within), await realpath(dir))) return false;
    // Through a temp file and a rename, so a reader never sees half an entry.
    await replaceOwned(path.join(dir, name), text);
    return true;
  } catch {
    return false;
  }
}

async function writeEntry(dir: CacheDir, name: string, text: PdfText): Promise<void> {
  // A read-only folder, a full disk or a folder elsewhere: the next start extracts the text again.
  await writeConfined(dir, name, JSON.stringify({ extractor: EXTRACTOR, ...text }));
}
