import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { PersonaInvalid } from '../../domain/errors.js';
import type { Persona } from '../../domain/persona/persona.js';
import { buildPersona, compareCodeUnits, type PersonaFile, parseFacts } from '../../domain/persona/persona-parsing.js';
import type { Clock } from '../../ports/clock.js';
import type { PersonaSource } from '../../ports/persona-source.js';
import { SystemClock } from '../system/system-clock.js';
import { extractPdfText } from './pdf-text.js';

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
}

interface Entry {
  /** Relative to the folder, "/"-separated. */
  readonly source: string;
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
}

type Outcome = { readonly persona: Persona } | { readonly error: unknown };

const FACTS = 'facts.json';
const READABLE = /\.(md|txt|pdf)$/i;

/**
 * Reads a persona folder: facts.json (required), summary.txt, style.txt, linkedin.pdf and
 * any other .md/.txt/.pdf below it, skipping dotfiles and node_modules. The result is
 * cached; after `recheckMs` the next load() stats the files and re-reads only if a size,
 * modification time or the file list changed. Throws PersonaInvalid naming the file.
 */
export class FsPersonaSource implements PersonaSource {
  private readonly dir: string;
  private readonly recheckMs: number;
  private readonly clock: Clock;
  private readonly maxFiles: number;
  private readonly maxFileBytes: number;
  private cached: { fingerprint: string; checkedAt: number; outcome: Outcome } | undefined;
  private pending: Promise<Persona> | undefined;

  constructor(options: FsPersonaSourceOptions) {
    this.dir = path.resolve(options.dir);
    this.recheckMs = options.recheckMs ?? 1000;
    this.clock = options.clock ?? new SystemClock();
    this.maxFiles = options.maxFiles ?? 500;
    this.maxFileBytes = options.maxFileBytes ?? 10 * 1024 * 1024;
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
    const entries = await this.list();
    const fingerprint = entries.map((e) => `${e.source}\0${e.size}\0${e.mtimeMs}`).join('\n');
    if (this.cached?.fingerprint !== fingerprint) {
      // A failure is cached too, so a broken folder is not re-read on every request;
      // fixing any file changes the fingerprint and triggers a fresh read.
      const outcome = await this.read(entries).then(
        (persona): Outcome => ({ persona }),
        (error: unknown): Outcome => ({ error }),
      );
      this.cached = { fingerprint, checkedAt, outcome };
    } else {
      this.cached = { ...this.cached, checkedAt };
    }
    return settle(this.cached.outcome);
  }

  private async read(entries: readonly Entry[]): Promise<Persona> {
    if (!entries.some((e) => e.source === FACTS)) {
      throw new PersonaInvalid(`${FACTS} not found in ${this.dir}`);
    }
    const hash = createHash('sha256');
    const files: PersonaFile[] = [];
    let factsText = '';
    for (const entry of entries) {
      const bytes = await readFile(entry.file).catch((error: unknown) => {
        throw ioError(entry.source, error);
      });
      // The length keeps "a" + "bc" and "ab" + "c" from hashing alike.
      hash.update(`${entry.source}\0${bytes.length}\0`).update(bytes);
      if (entry.source === FACTS) {
        factsText = bytes.toString('utf8');
      } else {
        const isPdf = /\.pdf$/i.test(entry.source);
        const text = isPdf ? await extractPdfText(bytes, entry.source) : bytes.toString('utf8');
        files.push({ source: entry.source, text });
      }
    }
    const facts = parseFacts(factsText, FACTS);
    return buildPersona({ facts, files, version: hash.digest('hex').slice(0, 16) });
  }

  /** The files the persona is made of, sorted, with the stat data that detects changes. */
  private async list(): Promise<Entry[]> {
    const entries: Entry[] = [];
    const walk = async (dir: string): Promise<void> => {
      const names = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
        throw dir === this.dir && isCode(error, 'ENOENT')
          ? new PersonaInvalid(`${FACTS} not found in ${this.dir}: the folder does not exist`)
          : ioError(path.relative(this.dir, dir) || '.', error);
      });
      for (const dirent of names) {
        if (dirent.name.startsWith('.') || dirent.name === 'node_modules') continue;
        const file = path.join(dir, dirent.name);
        const source = path.relative(this.dir, file).split(path.sep).join('/');
        // Directory symlinks are not followed: a link back up the tree would never end.
        if (dirent.isDirectory()) {
          await walk(file);
          continue;
        }
        if (source !== FACTS && !READABLE.test(source)) continue;
        const info = await stat(file).catch((error: unknown) => {
          // A file deleted between readdir and stat is simply no longer part of the persona.
          if (isCode(error, 'ENOENT')) return undefined;
          throw ioError(source, error);
        });
        if (!info?.isFile()) continue;
        if (info.size > this.maxFileBytes) {
          throw new PersonaInvalid(
            `${source} is ${info.size} bytes; persona files are limited to ${this.maxFileBytes} bytes`,
          );
        }
        if (entries.length >= this.maxFiles) {
          throw new PersonaInvalid(
            `${this.dir} has more than ${this.maxFiles} persona files (.md, .txt, .pdf); is it the right folder?`,
          );
        }
        entries.push({ source, file, size: info.size, mtimeMs: info.mtimeMs });
      }
    };
    await walk(this.dir);
    return entries.sort((a, b) => compareCodeUnits(a.source, b.source));
  }
}

function settle(outcome: Outcome): Promise<Persona> {
  return 'persona' in outcome ? Promise.resolve(outcome.persona) : Promise.reject(outcome.error);
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

function ioError(source: string, error: unknown): PersonaInvalid {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return new PersonaInvalid(`${source} could not be read${typeof code === 'string' ? ` (${code})` : ''}`, {
    cause: error,
  });
}
