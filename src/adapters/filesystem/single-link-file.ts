import { closeSync, constants, fstatSync, lstatSync, openSync, type Stats } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { codeOf, RefusedFile } from './confined-path.js';

/**
 * The data folder's own files (session JSONL, meta and ratings, the analytics log and snapshot)
 * are read and written only as regular files of their own: never through a symbolic link (not
 * even one pointing inside: the store writes names, not targets), never when shared through a
 * hard link (its other name may be anywhere on the volume), never a FIFO. A refusal is a
 * RefusedFile, which the stores report as their usual "store unavailable"; the file elsewhere
 * is neither read nor written, nor truncated.
 */
export const NOT_OWN = {
  link: 'is a symbolic link; the store reads and writes only a regular file there',
  notRegular: 'is not a regular file (a FIFO, socket, device or folder)',
  hardLinks: (links: number) => `has ${links} hard links: its content is shared with another file`,
};

/**
 * Why `info` is not a file of the store's own, or undefined. A descriptor opened for reading may
 * show no link at all: another process renamed a new version over the name just after the open
 * (the store's own atomic rewrite), and the reader holds the old version whole, shared with no
 * other name. Writing to such a file would lose the writes, so for writers it is refused.
 */
export function refusalOf(info: Stats, use: 'read' | 'write' = 'write'): RefusedFile | undefined {
  if (info.isSymbolicLink()) return new RefusedFile(NOT_OWN.link);
  if (!info.isFile()) return new RefusedFile(NOT_OWN.notRegular);
  if (info.nlink > 1 || (info.nlink === 0 && use === 'write')) return new RefusedFile(NOT_OWN.hardLinks(info.nlink));
  return undefined;
}

// ELOOP: the last component is a link (O_NOFOLLOW); ENXIO: a FIFO without a reader (O_NONBLOCK).
function refusedOpen(error: unknown): unknown {
  const code = codeOf(error);
  if (code === 'ELOOP') return new RefusedFile(NOT_OWN.link);
  if (code === 'ENXIO') return new RefusedFile(NOT_OWN.notRegular);
  return error;
}

const NOFOLLOW = constants.O_NOFOLLOW | constants.O_NONBLOCK;

/**
 * Opens `path` with `flags` plus O_NOFOLLOW | O_NONBLOCK and proves the descriptor (fstat) is a
 * regular file with one link; otherwise closes it and throws RefusedFile. Other errors (ENOENT...)
 * are thrown as they are.
 */
export function openSingleLinkSync(path: string, flags: number, mode = 0o666): number {
  let fd: number;
  try {
    fd = openSync(path, flags | NOFOLLOW, mode);
  } catch (error) {
    throw refusedOpen(error);
  }
  const writing = (flags & (constants.O_WRONLY | constants.O_RDWR)) !== 0;
  const refused = refusalOf(fstatSync(fd), writing ? 'write' : 'read');
  if (refused) {
    closeSync(fd);
    throw refused;
  }
  return fd;
}

/** openSingleLinkSync's asynchronous twin, read-only, for the readers of a file's head or tail. */
export async function openSingleLinkForReading(path: string): Promise<FileHandle> {
  const handle = await open(path, constants.O_RDONLY | NOFOLLOW).catch((error: unknown) => {
    throw refusedOpen(error);
  });
  const refused = refusalOf(
    await handle.stat().catch(async (error: unknown) => {
      await handle.close();
      throw error;
    }),
    'read',
  );
  if (refused) {
    await handle.close();
    throw refused;
  }
  return handle;
}

/** The whole file's bytes through a proven descriptor; null when there is no file; RefusedFile. */
export async function readSingleLink(path: string): Promise<Buffer | null> {
  let handle: FileHandle;
  try {
    handle = await openSingleLinkForReading(path);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return null;
    throw error;
  }
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * lstat of `path` (one synchronous call, ~2 µs): null when absent, RefusedFile when the name is a
 * link, not a regular file or has more than one link, so a store checking a file it keeps open
 * notices a link or hard link that appeared since.
 */
export function singleLinkStatNow(path: string): Stats | null {
  const info = lstatSync(path, { throwIfNoEntry: false });
  if (!info) return null;
  const refused = refusalOf(info);
  if (refused) throw refused;
  return info;
}
