import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const NON_ASCII = /[\u0080-\uffff]/g;

/**
 * esbuild escapes non-ASCII characters everywhere but in regular expression literals, and one
 * such character makes V8 hold the whole file as a two-byte string: twice the memory, a slower
 * read, and a code cache that must be given the same two-byte string. Every UTF-16 unit outside
 * ASCII becomes `\uXXXX`, which means the same character in a regular expression (with or
 * without the `u` flag: escaped surrogate pairs combine), a string or an identifier.
 * @throws when such a character follows a backslash, where the escape would change the meaning
 */
export function asciiOnly(code: string): string {
  if (/\\[\u0080-\uffff]/.test(code))
    throw new Error('a non-ASCII character follows a backslash; it cannot be escaped');
  return code.replace(NON_ASCII, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Rewrites every .mjs and .cjs file in dir (not below it) and in dir/chunks with asciiOnly. */
export async function makeAsciiOnly(dir: string): Promise<void> {
  const chunks = path.join(dir, 'chunks');
  const files = [
    ...(await readdir(dir)).map((name) => path.join(dir, name)),
    ...(await readdir(chunks).catch(() => [])).map((name) => path.join(chunks, name)),
  ].filter((file) => /\.[cm]js$/.test(file));
  for (const file of files) {
    const code = await readFile(file, 'utf8');
    const ascii = asciiOnly(code);
    if (ascii !== code) await writeFile(file, ascii);
  }
}
