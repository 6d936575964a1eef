import { cp, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { VENDOR_ASSETS } from '../../src/app/http/static-assets.js';
import { makeAsciiOnly } from './ascii-only.js';
import { buildCachedScript, createCodeCache, removeCodeCache, writeEntry } from './code-cache.js';
import { compilePersona } from './compile-persona.js';
import { copyPersona } from './copy-persona.js';
import { inlineVersion } from './plugins.js';
import { trimForLambda } from './trim-plugin.js';
import { zippedSize } from './zipped-size.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(path.join(ROOT, 'package.json'));

// ESM output still meets CommonJS dependencies that call require() for Node built-ins.
const REQUIRE_SHIM =
  "import { createRequire as __twinCreateRequire } from 'node:module'; const require = __twinCreateRequire(import.meta.url);";

export interface BundleReport {
  readonly outDir: string;
  readonly bytes: number;
  readonly zippedBytes: number;
  /** The V8 code cache's size (0 without one), valid only for the Node that ran the build. */
  readonly cacheBytes: number;
  /** 'built'; 'off' (TWIN_CODE_CACHE=off); 'left out' when it would take the package over maxZippedBytes. */
  readonly codeCache: 'built' | 'off' | 'left out';
}

export interface BundleOptions {
  /** Build app.cjs and its V8 code cache; by default unless TWIN_CODE_CACHE=off. */
  readonly codeCache?: boolean;
  /** The package's size aim, zipped: the code cache is left out rather than go over it. */
  readonly maxZippedBytes?: number;
}

/** The zipped size the package aims to stay under (docs/deploy.md). */
export const MAX_ZIPPED_BYTES = 5 * 1024 * 1024;

/**
 * Writes the Lambda package to outDir: index.mjs (exports handler and streamHandler), which runs
 * app.cjs from its V8 code cache when this Node made the cache, else app.mjs and its chunks;
 * persona/, web/ with the vendor files, and the tokenizer's ranks as a lazily required module.
 */
export async function buildLambdaBundle(
  outDir = path.join(ROOT, 'dist', 'lambda'),
  options: BundleOptions = {},
): Promise<BundleReport> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const plugins = [inlineVersion(path.join(ROOT, 'package.json')), trimForLambda(ROOT)];
  await build({
    entryPoints: [path.join(ROOT, 'src/app/lambda.ts')],
    outdir: outDir,
    entryNames: 'app',
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    // Modules the code imports dynamically (pdf.js inside unpdf, the OpenAI client's extras)
    // become chunks parsed only when first used, which shortens the cold start.
    splitting: true,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    banner: { js: REQUIRE_SHIM },
    // Loaded on the first token count, never at start: see the tokenizer step below. The local
    // sentence encoder (28 MB of weights read from its own package folder) is not shipped: on
    // Lambda, use OpenAI embeddings, or the offline twin falls back to lexical ranking (ADR 0402).
    external: ['gpt-tokenizer/encoding/o200k_base', '@energetic-ai/*'],
    plugins,
    logLevel: 'warning',
  });
  await bundleTokenizer(outDir);
  for (const { source, reason } of await copyPersona(path.join(ROOT, 'persona'), path.join(outDir, 'persona'))) {
    console.warn(`persona/${source} ${reason}; it is not packaged`);
  }
  await compilePersona(path.join(outDir, 'persona'));
  await cp(path.join(ROOT, 'web'), path.join(outDir, 'web'), { recursive: true });
  await mkdir(path.join(outDir, 'web/static/vendor'), { recursive: true });
  // The pages' vendor files come from node_modules; static-assets.ts finds them in web/ first.
  for (const [name, [pkg, file]] of Object.entries(VENDOR_ASSETS)) {
    const root = path.dirname(require.resolve(`${pkg}/package.json`));
    await cp(path.join(root, file), path.join(outDir, 'web/static/vendor', name));
  }
  // index.mjs is ESM by its extension; this marks the tokenizer's .cjs file's package too.
  await writeFile(path.join(outDir, 'package.json'), `${JSON.stringify({ type: 'module', private: true })}\n`);
  await writeEntry(outDir);
  const withCache = options.codeCache ?? process.env.TWIN_CODE_CACHE !== 'off';
  if (withCache) await buildCachedScript(ROOT, outDir, plugins);
  await makeAsciiOnly(outDir);
  // Last: the cache is made by running the finished package (docs/adr/1200).
  let cacheBytes = withCache ? await createCodeCache(outDir) : 0;
  let codeCache: BundleReport['codeCache'] = withCache ? 'built' : 'off';
  let zippedBytes = await zippedSize(outDir);
  // The cache doubles the app's share of the package: a large persona keeps the size aim without it.
  if (withCache && zippedBytes > (options.maxZippedBytes ?? MAX_ZIPPED_BYTES)) {
    await removeCodeCache(outDir);
    [cacheBytes, codeCache, zippedBytes] = [0, 'left out', await zippedSize(outDir)];
  }
  return { outDir, bytes: await folderBytes(outDir), zippedBytes, cacheBytes, codeCache };
}

/**
 * token-counter.ts requires 'gpt-tokenizer/encoding/o200k_base' lazily (its ranks are the
 * slowest thing to load). The package ships that one encoding, bundled to a single file,
 * under node_modules/ so the same require resolves in the Lambda package.
 */
async function bundleTokenizer(outDir: string): Promise<void> {
  const target = path.join(outDir, 'node_modules/gpt-tokenizer');
  await build({
    entryPoints: [require.resolve('gpt-tokenizer/encoding/o200k_base')],
    outfile: path.join(target, 'o200k_base.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const manifest = { name: 'gpt-tokenizer', private: true, exports: { './encoding/o200k_base': './o200k_base.cjs' } };
  await writeFile(path.join(target, 'package.json'), `${JSON.stringify(manifest)}\n`);
  await cp(
    require.resolve('gpt-tokenizer/package.json').replace(/package\.json$/, 'LICENSE'),
    path.join(target, 'LICENSE'),
  );
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}
