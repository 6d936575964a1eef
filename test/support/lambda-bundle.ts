import { execFile } from 'node:child_process';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BUNDLE_DIR = path.join(ROOT, 'dist/lambda');
const run = promisify(execFile);

/** Runs the documented build command (docs/deploy.md) and returns what it printed. */
export async function buildBundle(): Promise<string> {
  const { stdout } = await run('npm', ['run', 'build:lambda'], { cwd: ROOT, timeout: 120_000 });
  return stdout;
}

/**
 * Copies the bundle to a fresh folder under the system temp dir, where no node_modules
 * exists above it: whatever the bundle needs must be inside it, as on Lambda.
 */
export async function isolatedCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'twin-lambda-'));
  await cp(BUNDLE_DIR, dir, { recursive: true });
  return dir;
}

/**
 * A script that imports the bundle, as the Lambda runtime does, answers the events given as
 * JSON on argv and prints one JSON line per answer. Run with the bundle's folder as cwd.
 */
export const INVOKE_SCRIPT = `
import { createRequire } from 'node:module';
const started = performance.now();
const { handler } = await import(new URL('./index.mjs', 'file://' + process.cwd() + '/').href);
const results = [];
for (const event of JSON.parse(process.argv[2])) results.push(await handler(event));
const require = createRequire(process.cwd() + '/index.mjs');
const tokenizer = require.resolve('gpt-tokenizer/encoding/o200k_base');
const tokens = require('gpt-tokenizer/encoding/o200k_base').countTokens('hello world');
console.log(JSON.stringify({ results, tokenizer, tokens, ms: performance.now() - started }));
process.exit(0);
`;

export async function writeInvokeScript(dir: string): Promise<string> {
  const file = path.join(dir, 'invoke.mjs');
  await writeFile(file, INVOKE_SCRIPT);
  return file;
}
