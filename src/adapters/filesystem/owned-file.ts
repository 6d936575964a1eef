import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import { lstat, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { codeOf, REFUSED, RefusedFile, readChecked } from './confined-path.js';

/**
 * A file the twin itself writes into a confined folder (answers.md in the persona folder,
 * the compiled texts beside it). It must be a regular file of its own: not a link (not even
 * one that stays inside: the twin writes names, not targets), not shared through a hard
 * link, not a FIFO. Everything here refuses (RefusedFile) rather than follows, so no write
 * and no read ever reaches a file elsewhere, however the folder is changed meanwhile.
 */
export interface OwnedFile {
  readonly file: string;
  readonly info: Stats;
}

const LINK = 'is a symbolic link; the twin reads and writes only a regular file there';

/** The file's stat data when it may be read and written; null when absent; RefusedFile otherwise. */
export async function checkOwned(file: string): Promise<OwnedFile | null> {
  const info = await lstat(file).catch((error: unknown) => {
    if (codeOf(error) === 'ENOENT') return null;
    throw error;
  });
  if (info === null) return null;
  if (info.isSymbolicLink()) throw new RefusedFile(LINK);
  if (!info.isFile()) throw new RefusedFile(REFUSED.notRegular);
  if (info.nlink > 1) throw new RefusedFile(REFUSED.hardLinks(info.nlink));
  return { file, info };
}

/** The file's text and the identity it was read from, or null when absent. */
export async function readOwned(file: string): Promise<{ text: string; owned: OwnedFile } | null> {
  const owned = await checkOwned(file);
  if (!owned) return null;
  const bytes = await readChecked({ real: file, info: owned.info }).catch((error: unknown) => {
    // Deleted between the check and the open: simply absent.
    if (codeOf(error) === 'ENOENT') return null;
    throw error;
  });
  return bytes === null ? null : { text: bytes.toString('utf8'), owned };
}

/**
 * Appends to the file read as `owned`, through a handle opened without following a link;
 * the opened file must still be that one (same device and inode, one link), else nothing is
 * written. `owned` null: creates the file, failing if anything (a link included) appeared.
 */
export async function appendOwned(file: string, owned: OwnedFile | null, text: string): Promise<void> {
  const flags = owned
    ? constants.O_WRONLY | constants.O_APPEND | constants.O_NOFOLLOW | constants.O_NONBLOCK
    : constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
  const handle = await open(file, flags, 0o644).catch((error: unknown) => {
    throw ['ELOOP', 'EEXIST', 'ENOENT', 'ENXIO'].includes(codeOf(error) ?? '')
      ? new RefusedFile(REFUSED.changed)
      : error;
  });
  try {
    const info = await handle.stat();
    if (owned && (info.dev !== owned.info.dev || info.ino !== owned.info.ino)) throw new RefusedFile(REFUSED.changed);
    if (!info.isFile() || info.nlink !== 1) throw new RefusedFile(REFUSED.changed);
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
}

/**
 * Replaces the file with `text`: written to `.<name>.tmp` beside it, created with O_EXCL (so
 * never into an existing file or through a link), then renamed over the file. The file is
 * checked again just before: a link or hard link that appeared is refused; one swapped in
 * after that check is replaced by the rename, which renames over the name itself and never
 * follows it. A crash leaves the old file or the new one.
 */
export async function replaceOwned(file: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  // A temp left by a crash (or planted): rm removes the name, never what a link points to.
  await rm(temp, { force: true });
  const current = await checkOwned(file);
  const mode = current ? current.info.mode & 0o777 : 0o644;
  const handle = await open(
    temp,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    mode,
  );
  try {
    try {
      await handle.writeFile(text, 'utf8');
    } finally {
      await handle.close();
    }
    await checkOwned(file);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
