import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
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

/**
 * The owner's picture: avatar.svg/.webp/.png/.jpg/.jpeg/.gif in the persona folder.
 * Looked up on each request (a folder listing), re-read only when the file changes,
 * so adding a picture needs no restart.
 */
export class PersonaAvatar {
  private cached: { file: string; mtimeMs: number; size: number; asset: StaticAsset } | undefined;

  constructor(private readonly dir: string) {}

  async find(): Promise<StaticAsset | undefined> {
    const file = await this.locate();
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
