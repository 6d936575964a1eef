import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { codeOf } from './error-code.js';

/** Whether `target` is `root` or below it; both absolute and already resolved. */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Why a file of a confined folder is refused; each reason is completed by its caller ("; it is not read"). */
export const REFUSED = {
  outside: 'resolves outside the persona folder (a link to a file elsewhere)',
  notRegular: 'is not a regular file (a FIFO, socket or device)',
  changed: 'was replaced while being read or written',
  hardLinks: (links: number) =>
    `has ${links} hard links: its content is shared with another file, which may lie outside the persona folder`,
};

/** A file of a confined folder refused by the rule; `reason` is one of REFUSED, never a path from elsewhere. */
export class RefusedFile extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'RefusedFile';
  }
}

export type ConfinedCheck =
  | { readonly real: string; readonly info: Stats; readonly refused?: undefined }
  | { readonly refused: string; readonly info?: Stats };

/**
 * The rule every file of a confined folder passes before it is read: its real path lies
 * inside `realRoot` (the folder's own real path), it is a regular file, and it has exactly
 * one link, since a hard link shares its content with a name that may lie anywhere on the
 * volume. Throws (ENOENT...) when `file` is gone or cannot be resolved.
 */
export async function checkConfined(realRoot: string, file: string): Promise<ConfinedCheck> {
  const real = await realpath(file);
  if (!isInside(realRoot, real)) return { refused: REFUSED.outside };
  // The real path has no links left, so lstat and stat agree; lstat says so even if one is swapped in.
  const info = await lstat(real);
  return refusalOf(info) ?? { real, info };
}

function refusalOf(info: Stats): { readonly refused: string; readonly info: Stats } | undefined {
  if (!info.isFile()) return { refused: REFUSED.notRegular, info };
  if (info.nlink > 1) return { refused: REFUSED.hardLinks(info.nlink), info };
  return undefined;
}

/**
 * Reads a file that passed checkConfined, through a handle that proves it: opened without
 * following a link (O_NOFOLLOW) or blocking on a FIFO (O_NONBLOCK), then the opened file
 * itself must still be the checked one (device and inode), regular and singly linked. So a
 * link, FIFO or hard link swapped in after the check is refused, never read.
 */
export async function readChecked(checked: { readonly real: string; readonly info: Stats }): Promise<Buffer> {
  const handle = await open(checked.real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(
    (error: unknown) => {
      // ELOOP: the last component became a link after the check.
      throw codeOf(error) === 'ELOOP' ? new RefusedFile(REFUSED.changed) : error;
    },
  );
  try {
    const info = await handle.stat();
    const refused = refusalOf(info);
    if (refused) throw new RefusedFile(refused.refused);
    if (info.dev !== checked.info.dev || info.ino !== checked.info.ino) throw new RefusedFile(REFUSED.changed);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** checkConfined then readChecked: the bytes of `file`, or RefusedFile; ENOENT and other I/O errors as thrown. */
export async function readConfined(realRoot: string, file: string): Promise<Buffer> {
  const checked = await checkConfined(realRoot, file);
  if (checked.refused !== undefined) throw new RefusedFile(checked.refused);
  return readChecked(checked);
}

export { codeOf };
