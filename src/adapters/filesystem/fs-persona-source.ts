import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { PersonaInvalid } from '../../domain/errors.js';
import type { Persona, SkippedFile } from '../../domain/persona/persona.js';
import {
  buildPersona,
  compareCodeUnits,
  normaliseText,
  type PersonaFile,
  parseFacts,
} from '../../domain/persona/persona-parsing.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { PersonaSource } from '../../ports/persona-source.js';
import { SystemClock } from '../system/system-clock.js';
import { checkConfined, codeOf, RefusedFile, readChecked } from './confined-path.js';
import { type PdfText, readPdfText } from './pdf-text.js';
import type { PdfTextCache } from './pdf-text-cache.js';

export interface FsPersonaSourceOptions {
  /** The persona folder in the course layout (facts.json, summary.txt, style.txt, linkedin.pdf, ...). */
  readonly dir: string;
  /** How long a loaded persona is served before the folder is stat-ed again. Default 1000 ms. */
  readonly recheckMs?: number;
  /** Times the re-checks. Default: the system clock. */
  readonly clock?: Clock;
  /** More persona files than this is a mistake (wrong folder?), not a persona. Default 500. */
  readonly maxFiles?: number;
  /** Default 10 MiB. */
  readonly maxFileBytes?: number;
  /** Told of every file skipped (and why) each time the folder is read. */
  readonly logger?: Logger;
  /** PDF texts extracted before, by content hash: a PDF is then parsed once, not at every start. */
  readonly pdfTexts?: PdfTextCache;
}

interface Entry {
  /** Relative to the folder, "/"-separated. */
  readonly source: string;
  /** The real path (links resolved), always inside the folder: what is read is what was checked. */
  readonly real: string;
  /** As checked: a regular file with one link. Reading requires the opened file to be this one. */
  readonly info: Stats;
}

interface Listing {
  readonly entries: readonly Entry[];
  /** Files refused before reading: links out of the folder, links to folders, hard links, FIFOs, oversized files. */
  readonly skipped: readonly SkippedFile[];
}

type Outcome = { readonly persona: Persona } | { readonly error: unknown };

const FACTS = 'facts.json';
const READABLE = /\.(md|txt|pdf)$/i;

/**
 * Reads a persona folder: facts.json (required), summary.txt, style.txt, linkedin.pdf and
 * any other .md/.txt/.pdf below it, skipping dotfiles and node_modules. The folder is a
 * boundary: a file that resolves outside it (a symbolic link elsewhere), a hard link (its
 * content shared with a name that may lie anywhere) and anything but a regular file are
 * never read (confined-path.ts).
 * Files that give no text (outside links, scanned, encrypted or damaged PDFs, empty or
 * oversized files) are listed in `persona.skipped` and logged; the rest is served. The
 * result is cached; after `recheckMs` the next load() stats the files and re-reads only if
 * a size, modification time or the file list changed. Throws PersonaInvalid naming the
 * file when facts.json is missing or invalid, unless a persona was read whole before: that
 * last version is then served and the failure logged.
 */
export class FsPersonaSource implements PersonaSource {
  private readonly dir: string;
  private readonly recheckMs: number;
  private readonly clock: Clock;
  private readonly maxFiles: number;
  private readonly maxFileBytes: number;
  private readonly logger: Logger | undefined;
  private readonly pdfTexts: PdfTextCache | undefined;
  private cached: { fingerprint: string; checkedAt: number; outcome: Outcome } | undefined;
  // The last persona read whole: served while a later edit leaves the folder unreadable.
  private lastGood: Persona | undefined;
  private pending: Promise<Persona> | undefined;

  constructor(options: FsPersonaSourceOptions) {
    this.dir = path.resolve(options.dir);
    this.recheckMs = options.recheckMs ?? 1000;
    this.clock = options.clock ?? new SystemClock();
    this.maxFiles = options.maxFiles ?? 500;
    this.maxFileBytes = options.maxFileBytes ?? 10 * 1024 * 1024;
    this.logger = options.logger;
    this.pdfTexts = options.pdfTexts;
  }

  load(): Promise<Persona> {
    const cached = this.cached;
    if (cached && this.clock.now().getTime() - cached.checkedAt < this.recheckMs) return settle(cached.outcome);
    // Concurrent chats share one check instead of each walking the folder.
    this.pending ??= this.refresh().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** The next load() re-checks the folder at once instead of after `recheckMs`. */
  invalidate(): void {
    if (this.cached) this.cached = { ...this.cached, checkedAt: Number.NEGATIVE_INFINITY };
  }

  private async refresh(): Promise<Persona> {
    const checkedAt = this.clock.now().getTime();
    const listing = await this.list();
    const fingerprint = [
      ...listing.entries.map((e) => `${e.source}\0${e.info.ino}\0${e.info.size}\0${e.info.mtimeMs}`),
      ...listing.skipped.map((s) => `${s.source}\0${s.reason}`),
    ].join('\n');
    if (this.cached?.fingerprint !== fingerprint) {
      // A failure is cached too, so a broken folder is not re-read on every request;
      // fixing any file changes the fingerprint and triggers a fresh read.
      const outcome = await this.read(listing).then(
        (persona): Outcome => ({ persona }),
        (error: unknown): Outcome => ({ error }),
      );
      this.cached = { fingerprint, checkedAt, outcome: this.servable(outcome) };
    } else {
      this.cached = { ...this.cached, checkedAt };
    }
    return settle(this.cached.outcome);
  }

  /**
   * An owner saving a half-edited facts.json must not take the twin down for every visitor: once
   * a persona has been read whole, a folder that fails to read serves that last version (the
   * error is logged, naming the file; `twin persona check` shows it too). Before any good read,
   * the failure is the answer (the server does not start on a broken persona).
   */
  private servable(outcome: Outcome): Outcome {
    if ('persona' in outcome) {
      this.lastGood = outcome.persona;
      return outcome;
    }
    if (!this.lastGood) return outcome;
    this.logger?.error(
      { err: outcome.error, version: this.lastGood.version },
      'the persona folder cannot be read as it is now; the twin keeps serving the last version it read',
    );
    return { persona: this.lastGood };
  }

  private async read(listing: Listing): Promise<Persona> {
    const facts = listing.entries.find((e) => e.source === FACTS);
    if (!facts) throw new PersonaInvalid(`${FACTS} not found in ${this.dir}`);
    const factsBytes = await readChecked(facts).catch((error: unknown) => {
      throw error instanceof RefusedFile ? new PersonaInvalid(`${FACTS} ${error.reason}`) : ioError(FACTS, error);
    });
    const hash = createHash('sha256');
    const files: PersonaFile[] = [];
    const skipped = [...listing.skipped];
    for (const entry of listing.entries) {
      const bytes = entry === facts ? factsBytes : await readChecked(entry).catch((error: unknown) => error);
      if (!(bytes instanceof Buffer)) {
        const reason =
          bytes instanceof RefusedFile
            ? `${bytes.reason}; it is not read`
            : `could not be read (${codeOf(bytes) ?? 'I/O error'})`;
        skipped.push({ source: entry.source, reason });
        continue;
      }
      // The length keeps "a" + "bc" and "ab" + "c" from hashing alike.
      hash.update(`${entry.source}\0${bytes.length}\0`).update(bytes);
      if (entry === facts) continue;
      const text = /\.pdf$/i.test(entry.source) ? await this.pdfText(bytes) : utf8Text(bytes);
      if ('skipped' in text) skipped.push({ source: entry.source, reason: text.skipped });
      else if (normaliseText(text.text) === '') skipped.push({ source: entry.source, reason: 'is empty' });
      else files.push({ source: entry.source, text: text.text });
    }
    const persona = buildPersona({
      facts: parseFacts(factsText(factsBytes), FACTS),
      files,
      version: hash.digest('hex').slice(0, 16),
      skipped,
    });
    for (const { source, reason } of persona.skipped ?? []) {
      this.logger?.warn({ file: source, reason }, `persona file skipped: ${source} ${reason}`);
    }
    return persona;
  }

  private pdfText(bytes: Uint8Array): Promise<PdfText> {
    return this.pdfTexts ? this.pdfTexts.textOf(bytes, readPdfText) : readPdfText(bytes);
  }

  /** The files the persona is made of, sorted, with the stat data that detects changes. */
  private async list(): Promise<Listing> {
    const entries: Entry[] = [];
    const skipped: SkippedFile[] = [];
    const root = await realpath(this.dir).catch((error: unknown) => {
      throw isCode(error, 'ENOENT')
        ? new PersonaInvalid(`${FACTS} not found in ${this.dir}: the folder does not exist`)
        : ioError('.', error);
    });
    const walk = async (dir: string): Promise<void> => {
      const names = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
        throw ioError(path.relative(root, dir) || '.', error);
      });
      for (const dirent of names) {
        if (dirent.name.startsWith('.') || dirent.name === 'node_modules') continue;
        const file = path.join(dir, dirent.name);
        const source = path.relative(root, file).split(path.sep).join('/');
        if (dirent.isDirectory()) {
          await walk(file);
          continue;
        }
        const readable = source === FACTS || READABLE.test(source);
        // A link to a folder is not followed: it could lead anywhere, or back up the tree.
        if (dirent.isSymbolicLink() && (await stat(file).catch(() => undefined))?.isDirectory()) {
          skipped.push({ source, reason: 'is a link to a folder; links to folders are not followed' });
          continue;
        }
        if (!readable) continue;
        const checked = await checkConfined(root, file).catch((error: unknown) =>
          codeOf(error) === 'ENOENT'
            ? undefined
            : { refused: `could not be resolved (${codeOf(error) ?? 'I/O error'})` },
        );
        if (checked === undefined) {
          // A file deleted meanwhile is simply no longer part of the persona; a link to nothing
          // is the owner's mistake to hear about (a moved or renamed target).
          if (dirent.isSymbolicLink())
            skipped.push({ source, reason: 'is a link to nothing (dangling); it is not read' });
          // Node decodes a name's invalid UTF-8 bytes as U+FFFD, so that name opens nothing.
          else if (source.includes('\uFFFD'))
            skipped.push({ source, reason: 'has a name that is not UTF-8; rename it' });
          continue;
        }
        if (checked.refused !== undefined) {
          if (source === FACTS) throw new PersonaInvalid(`${FACTS} ${checked.refused}: copy the file into ${this.dir}`);
          skipped.push({ source, reason: `${checked.refused}; it is not read` });
          continue;
        }
        const info = checked.info;
        if (info.size > this.maxFileBytes) {
          const reason = `is ${info.size} bytes; persona files are limited to ${this.maxFileBytes} bytes`;
          if (source === FACTS) throw new PersonaInvalid(`${FACTS} ${reason}`);
          skipped.push({ source, reason });
          continue;
        }
        if (entries.length >= this.maxFiles) {
          throw new PersonaInvalid(
            `${this.dir} has more than ${this.maxFiles} persona files (.md, .txt, .pdf); is it the right folder?`,
          );
        }
        entries.push({ source, real: checked.real, info });
      }
    };
    await walk(root);
    return { entries: entries.sort((a, b) => compareCodeUnits(a.source, b.source)), skipped };
  }
}

function settle(outcome: Outcome): Promise<Persona> {
  return 'persona' in outcome ? Promise.resolve(outcome.persona) : Promise.reject(outcome.error);
}

function isCode(error: unknown, code: string): boolean {
  return codeOf(error) === code;
}

function ioError(source: string, error: unknown): PersonaInvalid {
  const code = codeOf(error);
  return new PersonaInvalid(`${source} could not be read${code ? ` (${code})` : ''}`, {
    cause: error,
  });
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const NOT_UTF8 = 'is not UTF-8 text (another encoding, such as Latin-1 or UTF-16?); save it as UTF-8';

// A file in another encoding would be served as replacement characters: name it instead.
function utf8Text(bytes: Uint8Array): { text: string } | { skipped: string } {
  try {
    return { text: UTF8.decode(bytes) };
  } catch {
    return { skipped: NOT_UTF8 };
  }
}

function factsText(bytes: Uint8Array): string {
  const decoded = utf8Text(bytes);
  if ('skipped' in decoded) throw new PersonaInvalid(`${FACTS} ${decoded.skipped}`);
  return decoded.text;
}
