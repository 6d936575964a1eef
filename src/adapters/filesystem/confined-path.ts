import { realpath } from 'node:fs/promises';
import path from 'node:path';

/** Whether `target` is `root` or below it; both absolute and already resolved. */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The real path of `file` (every symbolic link and `..` resolved) when it lies inside the
 * real `root` folder; undefined when it leads anywhere else, or is gone. Callers then open
 * the real path, so what they read is what was checked.
 */
export async function resolveInside(root: string, file: string): Promise<string | undefined> {
  const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file).catch(() => undefined)]);
  return realFile !== undefined && isInside(realRoot, realFile) ? realFile : undefined;
}
