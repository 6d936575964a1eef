import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import { build, type Plugin } from 'esbuild';

const run = promisify(execFile);
const ENTRY = fileURLToPath(new URL('./entry.mjs', import.meta.url));

/**
 * Writes the app as one CommonJS script, app.cjs, for index.mjs to compile with a V8 code cache
 * (vm.Script takes cached data; Node 20 has no cache for ES modules). The first line names the
 * build, so a cache is only ever used with the script it was made from.
 */
export async function buildCachedScript(root: string, outDir: string, plugins: Plugin[]): Promise<void> {
  await build({
    entryPoints: [path.join(root, 'src/app/lambda.ts')],
    outfile: path.join(outDir, 'app.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    // Code that finds files next to itself reads import.meta.url, which CommonJS lacks.
    define: { 'import.meta.url': '__twinModuleUrl' },
    banner: {
      js: `/*twin-build:${randomUUID()}*/var __twinModuleUrl=require('node:url').pathToFileURL(__filename).href;`,
    },
    external: ['gpt-tokenizer/encoding/o200k_base', '@energetic-ai/*'],
    plugins,
    logLevel: 'warning',
  });
}

/** index.mjs: loads app.cjs from its code cache when one fits this Node, else app.mjs (entry.mjs). */
export async function writeEntry(outDir: string): Promise<void> {
  await copyFile(ENTRY, path.join(outDir, 'index.mjs'));
}

/** Takes app.cjs and its cache out of the package; index.mjs then loads app.mjs. */
export async function removeCodeCache(outDir: string): Promise<void> {
  for (const file of ['app.cjs', 'app.cjs.cache', 'app.cjs.cache.json'])
    await rm(path.join(outDir, file), { force: true });
}

// Run inside the package by `node`: answers what a cold environment answers first (GET /health,
// POST /chat, a streamed POST /chat) against an instant OpenAI-compatible server on loopback, then
// writes V8's cache of everything compiled by then. Nothing leaves the machine.
const TRAIN = `
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
const text = 'Ready.';
const model = createServer((req, res) => {
  let body = '';
  req.on('data', (part) => { body += part; });
  req.on('end', () => {
    const usage = { prompt_tokens: 9, completion_tokens: 1, total_tokens: 10 };
    if (body.includes('"stream":true')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = (delta, finish = null) => 'data: ' + JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] }) + '\\n\\n';
      res.end(chunk({ role: 'assistant', content: text }) + chunk({}, 'stop') + 'data: ' + JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [], usage }) + '\\n\\ndata: [DONE]\\n\\n');
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'c', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }], usage }));
    }
  });
});
await new Promise((resolve) => model.listen(0, '127.0.0.1', resolve));
process.env.OPENAI_BASE_URL = 'http://127.0.0.1:' + model.address().port + '/v1';
const app = await import('./index.mjs');
const event = (method, rawPath, body) => ({
  version: '2.0', routeKey: method + ' ' + rawPath, rawPath, rawQueryString: '',
  headers: { host: 'localhost', 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.10' },
  requestContext: { requestId: 'build', http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: 'build' } },
  body, isBase64Encoded: false,
});
const answers = [
  await app.handler(event('GET', '/health')),
  await app.handler(event('POST', '/chat', JSON.stringify({ message: 'Where are you based?' }))),
];
let streamed = '';
await app.streamHandler(event('POST', '/chat/stream', JSON.stringify({ message: 'What do you do?' })), new Writable({ write(chunk, _encoding, done) { streamed += chunk; done(); } }));
model.close();
if (answers.some((answer) => answer.statusCode !== 200) || !streamed.includes('event: token')) {
  console.error(JSON.stringify({ answers, streamed }));
  process.exit(1);
}
writeFileSync(process.argv[2], app.codeCache.create());
// What V8 checks a cache against: its version, this process's V8 flags and the CPU's features.
writeFileSync(process.argv[2] + '.tag', String((await import('node:v8')).cachedDataVersionTag()));
process.exit(0);
`;

/**
 * Runs the package once, as a cold Lambda environment would, and stores V8's code cache of
 * app.cjs next to it with a manifest (this Node's version and architecture, V8's cache tag, the
 * bytes' length and CRC-32, the build's id). The cache is only valid for this Node started with
 * `nodeFlags`: V8 refuses it under other heap or GC flags, and index.mjs then loads app.mjs. The
 * Lambda runtime starts node with flags of its own; index.mjs logs them when they differ
 * (docs/deploy.md), and TWIN_CODE_CACHE_NODE_OPTIONS passes them to the build.
 */
export async function createCodeCache(
  outDir: string,
  nodeFlags = (process.env.TWIN_CODE_CACHE_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean),
): Promise<number> {
  const work = await mkdtemp(path.join(tmpdir(), 'twin-code-cache-'));
  // Next to index.mjs, which it imports; removed whether the run succeeds or not.
  const script = path.join(outDir, 'train-code-cache.mjs');
  try {
    await writeFile(script, TRAIN);
    const cacheFile = path.join(work, 'app.cjs.cache');
    await run(process.execPath, [...nodeFlags, script, cacheFile], {
      cwd: outDir,
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
      env: {
        PATH: process.env.PATH,
        TWIN_CODE_CACHE: 'create',
        TWIN_STORE: 'memory',
        TWIN_PERSONA_DIR: path.join(outDir, 'persona'),
        TWIN_DATA_DIR: path.join(work, 'data'),
        TWIN_METRICS: 'emf',
        AWS_EMF_ENVIRONMENT: 'Local',
        TWIN_TRUST_PROXY: 'true',
        TWIN_MODEL: 'openai',
        OPENAI_API_KEY: 'build-key',
      },
    });
    const bytes = await readFile(cacheFile);
    const source = await readFile(path.join(outDir, 'app.cjs'), 'utf8');
    const build = /^\/\*twin-build:([0-9a-f-]+)\*\//.exec(source)?.[1];
    const manifest = {
      node: process.version,
      v8: process.versions.v8,
      arch: process.arch,
      tag: Number(await readFile(`${cacheFile}.tag`, 'utf8')),
      flags: nodeFlags.join(' '),
      bytes: bytes.length,
      crc32: crc32(bytes),
      build,
    };
    await copyFile(cacheFile, path.join(outDir, 'app.cjs.cache'));
    await writeFile(path.join(outDir, 'app.cjs.cache.json'), `${JSON.stringify(manifest)}\n`);
    return bytes.length;
  } finally {
    await rm(script, { force: true });
    await rm(work, { recursive: true, force: true });
  }
}
