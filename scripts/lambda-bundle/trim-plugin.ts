import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * Keeps out of index.mjs what the twin never runs, because every byte of it is parsed on each
 * cold start (~80 ms of CPU per MB here; docs/benchmarks.md):
 * - one copy of mime-db (the newest, a superset) instead of three nested ones (~270 KB);
 * - stopword's per-language ES modules, so only the languages the domain imports are kept (~150 KB);
 * - iconv-lite's tables for legacy multi-byte and single-byte charsets (~500 KB): request bodies are
 *   JSON, which is UTF-8 (RFC 8259); another charset fails as "unsupported" instead of being decoded;
 * - zod's error-message translations other than English, which the twin never selects (~150 KB).
 */
export function trimForLambda(root: string): Plugin {
  const require = createRequire(path.join(root, 'package.json'));
  const mimeDb = require.resolve('mime-db');
  const stopword = path.join(path.dirname(require.resolve('stopword/package.json')), 'src/stopword.js');
  return {
    name: 'trim-for-lambda',
    setup(build) {
      build.onResolve({ filter: /^mime-db$/ }, () => ({ path: mimeDb }));
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
