import { createHash } from 'node:crypto';
import { readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { type ConfinedCheck, checkConfined, codeOf, readChecked } from '../../adapters/filesystem/confined-path.js';
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
 * so adding a picture needs no restart. The persona folder's rule holds (confined-path.ts):
 * a picture that resolves outside the folder (a symbolic link to /proc/self/environ, say),
 * a hard link or anything but a regular file is never served.
 */
export class PersonaAvatar {
  private cached: { file: string; mtimeMs: number; size: number; asset: StaticAsset } | undefined;

  constructor(private readonly dir: string) {}

  /** For `persona check`: the avatar file and, when it is not served, why. undefined when there is none. */
  async check(): Promise<AvatarCheck | undefined> {
    const file = await this.locate();
    if (!file) return undefined;
    const source = path.basename(file);
    const checked = await this.confined(file);
    if (checked.refused !== undefined) return { source, problem: `${checked.refused}; not served` };
    if (checked.info.size > MAX_AVATAR_BYTES) {
      return { source, problem: `is ${checked.info.size} bytes; the limit is ${MAX_AVATAR_BYTES} bytes; not served` };
    }
    return { source };
  }

  async find(): Promise<StaticAsset | undefined> {
    const located = await this.locate();
    if (!located) return undefined;
    const checked = await this.confined(located);
    if (checked.refused !== undefined || checked.info.size > MAX_AVATAR_BYTES) return undefined;
    const { real: file, info } = checked;
    const cached = this.cached;
    if (cached && cached.file === file && cached.mtimeMs === info.mtimeMs && cached.size === info.size) {
      return cached.asset;
    }
    // Read through a handle proven to be the checked file: a link swapped in meanwhile is refused, not followed.
    const body = await readChecked(checked).catch(() => undefined);
    if (!body) return undefined;
    const type = IMAGE_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const asset = { body, type, etag };
    this.cached = { file, mtimeMs: info.mtimeMs, size: info.size, asset };
    return asset;
  }

  /** The folder's rule for `file`; a dangling link or an unreadable file is refused with its code. */
  private async confined(file: string): Promise<ConfinedCheck> {
    try {
      return await checkConfined(await realpath(this.dir), file);
    } catch (error) {
      return { refused: `could not be resolved (${codeOf(error) ?? 'I/O error'})` };
    }
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
