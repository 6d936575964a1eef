import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * Keeps out of index.mjs what the twin never runs, because every byte of it is parsed on each
 * cold start (~80 ms of CPU per MB here; docs/benchmarks.md):
 * - one copy of mime-db and of mime-types (the newest, supersets) instead of three nested ones
 *   (~270 KB, and two fewer passes over the whole database when the first request sets a type);
 * - the database given to JSON.parse rather than written as an object literal: V8 reads JSON
 *   far faster than the same data as JavaScript;
 * - stopword's per-language ES modules, so only the languages the domain imports are kept (~150 KB);
 * - iconv-lite's tables for legacy multi-byte and single-byte charsets (~500 KB): request bodies are
 *   JSON, which is UTF-8 (RFC 8259); another charset fails as "unsupported" instead of being decoded;
 * - zod's error-message translations other than English, which the twin never selects (~150 KB).
 */
export function trimForLambda(root: string): Plugin {
  const require = createRequire(path.join(root, 'package.json'));
  const mimeDb = require.resolve('mime-db');
  const mimeTypes = require.resolve('mime-types');
  const stopword = path.join(path.dirname(require.resolve('stopword/package.json')), 'src/stopword.js');
  return {
    name: 'trim-for-lambda',
    setup(build) {
      build.onResolve({ filter: /^mime-db$/ }, () => ({ path: mimeDb }));
      build.onResolve({ filter: /^mime-types$/ }, () => ({ path: mimeTypes }));
      build.onLoad({ filter: /[\\/]mime-db[\\/]db\.json$/ }, async (args) => ({
        contents: `module.exports = JSON.parse(${JSON.stringify(await readFile(args.path, 'utf8'))});`,
        loader: 'js',
      }));
      build.onResolve({ filter: /^stopword$/ }, () => ({ path: stopword }));
      build.onLoad({ filter: /[\\/]iconv-lite[\\/]encodings[\\/]tables[\\/][^\\/]+\.json$/ }, () => ({
        contents: 'throw new Error("This character set is not included in the Lambda package");',
        loader: 'js',
      }));
      build.onLoad({ filter: /[\\/]iconv-lite[\\/]encodings[\\/]sbcs-data-generated\.js$/ }, () => ({
        contents: 'module.exports = {};',
        loader: 'js',
      }));
      build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
        contents: 'export { default as en } from "./en.js";',
        loader: 'js',
      }));
    },
  };
}
