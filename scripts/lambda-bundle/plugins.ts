import { readFileSync } from 'node:fs';
import type { Plugin } from 'esbuild';

/**
 * src/app/version.ts reads ../../package.json at run time, a path that does not exist in
 * the Lambda package; the bundle gets the version as a constant instead.
 */
export function inlineVersion(packageJsonPath: string): Plugin {
  const { version } = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { version: string };
  return {
    name: 'inline-version',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]app[\\/]version\.ts$/ }, () => ({
        contents: `export const VERSION = ${JSON.stringify(version)};`,
        loader: 'ts',
      }));
    },
  };
}
