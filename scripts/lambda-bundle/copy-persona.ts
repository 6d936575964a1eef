import { cp, lstat } from 'node:fs/promises';
import path from 'node:path';
import { REFUSED } from '../../src/adapters/filesystem/confined-path.js';

/**
 * Copies the persona folder into the package under the folder's rule (confined-path.ts):
 * a copy must not turn what the twin refuses into a plain file it would read. A hard link
 * (its content shared with a file that may lie elsewhere) or a FIFO, socket or device is left
 * out and named; symbolic links are copied as they are (verbatim), so one inside the folder
 * still works and one leading elsewhere is refused at run time, as on the owner's machine.
 * Resolves with the files left out, relative to `from`.
 */
export async function copyPersona(from: string, to: string): Promise<{ source: string; reason: string }[]> {
  const left: { source: string; reason: string }[] = [];
  await cp(from, to, {
    recursive: true,
    verbatimSymlinks: true,
    filter: async (source) => {
      const info = await lstat(source);
      const reason =
        info.isDirectory() || info.isSymbolicLink()
          ? undefined
          : !info.isFile()
            ? REFUSED.notRegular
            : info.nlink > 1
              ? REFUSED.hardLinks(info.nlink)
              : undefined;
      if (reason) left.push({ source: path.relative(from, source), reason });
      return reason === undefined;
    },
  });
  return left.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}
