import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PdfText } from './pdf-text.js';

export interface PdfTextCacheOptions {
  /** Folders holding texts extracted before (e.g. the Lambda package's `persona/.compiled`), searched in order. */
  readonly readDirs?: readonly string[];
  /** Where a text extracted now is kept for the next start; none: nothing is written. */
  readonly writeDir?: string;
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
  private readonly readDirs: readonly string[];
  private readonly writeDir: string | undefined;

  constructor(options: PdfTextCacheOptions) {
    this.readDirs = options.readDirs ?? [];
    this.writeDir = options.writeDir;
  }

  async textOf(bytes: Uint8Array, extract: (bytes: Uint8Array) => Promise<PdfText>): Promise<PdfText> {
    const name = `${createHash('sha256').update(`${EXTRACTOR}\0`).update(bytes).digest('hex')}.json`;
    for (const dir of [...this.readDirs, ...(this.writeDir ? [this.writeDir] : [])]) {
      const known = await readEntry(path.join(dir, name));
      if (known) return known;
    }
    const text = await extract(bytes);
    if (this.writeDir) await writeEntry(this.writeDir, name, text);
    return text;
  }
}

async function readEntry(file: string): Promise<PdfText | undefined> {
  try {
    const entry = JSON.parse(await readFile(file, 'utf8')) as Entry;
    if (entry.extractor !== EXTRACTOR) return undefined;
    if (typeof entry.text === 'string') return { text: entry.text };
    if (typeof entry.skipped === 'string') return { skipped: entry.skipped };
  } catch {
    // Absent or unreadable: extracted again.
  }
  return undefined;
}

async function writeEntry(dir: string, name: string, text: PdfText): Promise<void> {
  const file = path.join(dir, name);
  try {
    await mkdir(dir, { recursive: true });
    // Through a temp file and a rename, so a reader never sees half an entry.
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify({ extractor: EXTRACTOR, ...text }), 'utf8');
    await rename(temp, file);
  } catch {
    // A read-only folder or a full disk: the next start extracts the text again.
  }
}
