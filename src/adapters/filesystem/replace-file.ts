import { constants } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';

/**
 * Replaces `file` with `text` through `<file>.tmp` and a rename, so a crash leaves the old file
 * or the new one, never half of one. The temp is created with O_EXCL and O_NOFOLLOW after any
 * leftover name is removed (rm removes a link itself, never its target): a link planted at the
 * temp name is never written through. Callers serialise writers of one file (a lock or a mutex).
 * Throws the file system's error; the temp is removed on failure.
 */
export async function replaceFile(file: string, text: string): Promise<void> {
  const temp = `${file}.tmp`;
  try {
    await rm(temp, { force: true });
    const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW);
    try {
      await handle.writeFile(text, 'utf8');
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw error;
  }
}
