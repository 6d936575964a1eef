import { lstat, mkdir } from 'node:fs/promises';
import { codeOf, RefusedFile } from './confined-path.js';

const LINKED = 'is a symbolic link or not a folder; the store keeps its files only in a folder of its own';

/**
 * A folder of the data folder (sessions/, analytics/): a real folder, never a symbolic link.
 * O_NOFOLLOW guards only a path's last name, so a linked folder would carry every file in it
 * elsewhere. Throws RefusedFile for a link or a non-folder; other I/O errors as they are.
 */
export async function checkOwnFolder(dir: string): Promise<void> {
  const info = await lstat(dir).catch((error: unknown) => {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw error;
  });
  if (info && (info.isSymbolicLink() || !info.isDirectory())) throw new RefusedFile(LINKED);
}

/** Creates the folder when absent (with its parents), then checks it as {@link checkOwnFolder}. */
export async function ownFolder(dir: string): Promise<void> {
  await checkOwnFolder(dir);
  await mkdir(dir, { recursive: true });
  await checkOwnFolder(dir);
}
