import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'koa';

/** One file the app may serve, read once at start. */
export interface StaticAsset {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * web/ sits next to src/ and dist/ (both two levels above this file's folder); in the Lambda
 * bundle, where this code is part of index.mjs, it sits next to that file.
 */
export const WEB_DIR =
  [new URL('../../../web/', import.meta.url), new URL('./web/', import.meta.url)]
    .map((url) => fileURLToPath(url))
    .find((dir) => existsSync(path.join(dir, 'chat.html'))) ?? fileURLToPath(new URL('../../../web/', import.meta.url));

/** Browser builds of the page libraries, served from node_modules so nothing comes from a CDN. */
export const VENDOR_ASSETS: Record<string, [pkg: string, file: string]> = {
  'markdown-it.mjs': ['markdown-it', 'dist/browser/markdown-it.esm.min.mjs'],
  'uPlot.iife.min.js': ['uplot', 'dist/uPlot.iife.min.js'],
  'uPlot.min.css': ['uplot', 'dist/uPlot.min.css'],
};

function asset(file: string): StaticAsset | undefined {
  const type = TYPES[path.extname(file).toLowerCase()];
  if (!type || !existsSync(file)) return undefined;
  const body = readFileSync(file);
  return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

function filesBelow(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const rel = `${prefix}${entry.name}`;
    return entry.isDirectory() ? filesBelow(path.join(dir, entry.name), `${rel}/`) : [rel];
  });
}

const loaded = new Map<string, ReadonlyMap<string, StaticAsset>>();

/**
 * The complete table of URL paths to files, built once. Requests are looked up
 * by exact path, so no URL can name a file outside it (no traversal to defend).
 */
export function loadStaticAssets(webDir: string = WEB_DIR): ReadonlyMap<string, StaticAsset> {
  // Apps built in one process (tests, several hosts) share one read of the files.
  const known = loaded.get(webDir);
  if (known) return known;
  const table = new Map<string, StaticAsset>();
  const add = (url: string, file: string) => {
    const found = asset(file);
    if (found) table.set(url, found);
  };
  add('/', path.join(webDir, 'chat.html'));
  add('/dashboard', path.join(webDir, 'dashboard.html'));
  add('/widget', path.join(webDir, 'widget.html'));
  add('/widget.js', path.join(webDir, 'widget.js'));
  for (const rel of filesBelow(path.join(webDir, 'static'))) add(`/static/${rel}`, path.join(webDir, 'static', rel));
  const require = createRequire(import.meta.url);
  for (const [name, [pkg, file]] of Object.entries(VENDOR_ASSETS)) {
    // A package without node_modules (the Lambda bundle) ships them in web/static/vendor.
    if (table.has(`/static/vendor/${name}`)) continue;
    const root = path.dirname(require.resolve(`${pkg}/package.json`));
    add(`/static/vendor/${name}`, path.join(root, file));
  }
  loaded.set(webDir, table);
  return table;
}

/** What routes look assets up in. */
export type StaticAssets = Pick<ReadonlyMap<string, StaticAsset>, 'get'>;

/** The table of loadStaticAssets, read on the first lookup instead of at start (a cold start serving /chat never reads it). */
export function staticAssetsOnDemand(webDir: string = WEB_DIR): StaticAssets {
  return { get: (url) => loadStaticAssets(webDir).get(url) };
}

/** Answers with the asset, or 304 when the browser's copy is current (browsers revalidate each time). */
export function sendAsset(ctx: Context, found: StaticAsset): void {
  ctx.set('Cache-Control', 'no-cache');
  ctx.set('ETag', found.etag);
  // The page CSP (no inline code, frame-ancestors from config) and nosniff come from securityHeaders.
  ctx.type = found.type;
  ctx.status = 200;
  if (ctx.fresh) {
    ctx.status = 304;
    return;
  }
  ctx.body = found.body;
}
