import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { resolveInside } from '../../adapters/filesystem/confined-path.js';
import type { StaticAsset } from './static-assets.js';

// Preference order when a folder holds several.
const IMAGE_TYPES: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
};

const MAX_AVATAR_BYTES = 2 * 1024 * 1024;

/** Which picture the chat page gets, or why it gets none. */
export type AvatarCheck =
  | { readonly source: string; readonly problem?: undefined }
  | { readonly source: string; readonly problem: string };

/**
 * The owner's picture: avatar.svg/.webp/.png/.jpg/.jpeg/.gif in the persona folder.
 * Looked up on each request (a folder listing), re-read only when the file changes,
 * so adding a picture needs no restart. A picture that resolves outside the folder (a
 * symbolic link to /proc/self/environ, say) is never served.
 */
export class PersonaAvatar {
  private cached: { file: string; mtimeMs: number; size: number; asset: StaticAsset } | undefined;

  constructor(private readonly dir: string) {}

  /** For `persona check`: the avatar file and, when it is not served, why. undefined when there is none. */
  async check(): Promise<AvatarCheck | undefined> {
    const file = await this.locate();
    if (!file) return undefined;
    const source = path.basename(file);
    const real = await resolveInside(this.dir, file);
    if (!real)
      return { source, problem: 'resolves outside the persona folder (a link to a file elsewhere); not served' };
    const info = await stat(real).catch(() => undefined);
    if (!info?.isFile()) return { source, problem: 'is not a regular file; not served' };
    if (info.size > MAX_AVATAR_BYTES) {
      return { source, problem: `is ${info.size} bytes; the limit is ${MAX_AVATAR_BYTES} bytes; not served` };
    }
    return { source };
  }

  async find(): Promise<StaticAsset | undefined> {
    const located = await this.locate();
    if (!located) return undefined;
    // The real path is what gets read, so a link swapped after the check is not followed either.
    const file = await resolveInside(this.dir, located);
    if (!file) return undefined;
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile() || info.size > MAX_AVATAR_BYTES) return undefined;
    const cached = this.cached;
    if (cached && cached.file === file && cached.mtimeMs === info.mtimeMs && cached.size === info.size) {
      return cached.asset;
    }
    const body = await readFile(file);
    const type = IMAGE_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const asset = { body, type, etag };
    this.cached = { file, mtimeMs: info.mtimeMs, size: info.size, asset };
    return asset;
  }

  private async locate(): Promise<string | undefined> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const byExtension = new Map(
      names
        .filter((n) => /^avatar\.[a-z]+$/i.test(n))
        .map((n) => [path.extname(n).toLowerCase(), path.join(this.dir, n)]),
    );
    for (const ext of Object.keys(IMAGE_TYPES)) {
      const file = byExtension.get(ext);
      if (file) return file;
    }
    return undefined;
  }
}
