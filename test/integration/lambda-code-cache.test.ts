import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { cachedDataVersionTag } from 'node:v8';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLambdaBundle } from '../../scripts/lambda-bundle/build.js';
import { createCodeCache } from '../../scripts/lambda-bundle/code-cache.js';
import { FakeOpenAiServer, reply } from '../support/fake-openai-server.js';
import { httpApiEvent } from '../support/lambda-events.js';

// The package's index.mjs compiles app.cjs from a V8 code cache made by the build, and must
// start and answer whatever is wrong with that cache (docs/adr/1200-per-turn-work-and-cold-start.md).
const run = promisify(execFile);
let built = '';
let model: FakeOpenAiServer;

const FIRST_CHAT = `const app = await import('./index.mjs');
const result = await app.handler(JSON.parse(process.argv[2]));
console.log(JSON.stringify({ result, state: app.codeCache.state, reason: app.codeCache.reason }));
process.exit(0);`;

beforeAll(async () => {
  // Its own folder: the other Lambda tests rebuild dist/lambda at the same time.
  built = await mkdtemp(path.join(tmpdir(), 'twin-code-cache-test-'));
  await buildLambdaBundle(built);
  model = await FakeOpenAiServer.start({ fallback: reply.text('Answered by the stand-in.') });
}, 150_000);

afterAll(async () => {
  await model?.close();
  if (built) await rm(built, { recursive: true, force: true, maxRetries: 5 });
});

/** Answers one POST /chat from `dir` in a fresh `node nodeFlags`; returns how index.mjs loaded the app. */
async function chatIn(dir: string, nodeFlags: string[] = []) {
  await writeFile(path.join(dir, 'first-chat.mjs'), FIRST_CHAT);
  const event = httpApiEvent('POST', '/chat', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'Where are you based?' }),
  });
  const { stdout } = await run(process.execPath, [...nodeFlags, 'first-chat.mjs', JSON.stringify(event)], {
    cwd: dir,
    timeout: 60_000,
    env: {
      PATH: process.env.PATH,
      TWIN_STORE: 'memory',
      TWIN_PERSONA_DIR: path.join(dir, 'persona'),
      TWIN_DATA_DIR: path.join(dir, 'data'),
      TWIN_METRICS: 'none',
      LOG_LEVEL: 'silent',
      TWIN_MODEL: 'openai',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: model.baseURL,
      OPENAI_MAX_RETRIES: '0',
    },
  });
  const out = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
  expect(out.result.statusCode).toBe(200);
  expect(JSON.parse(out.result.body).response).toBe('Answered by the stand-in.');
  return { state: out.state as string, reason: out.reason as string | undefined };
}

/** A copy of the package, changed by `tamper`, answering one POST /chat in a fresh `node nodeFlags`. */
async function firstChat(tamper: (dir: string) => Promise<unknown> = async () => {}, nodeFlags: string[] = []) {
  const dir = await mkdtemp(path.join(tmpdir(), 'twin-code-cache-run-'));
  try {
    await cp(built, dir, { recursive: true });
    await tamper(dir);
    return await chatIn(dir, nodeFlags);
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

async function readManifest(dir: string) {
  return JSON.parse(await readFile(path.join(dir, 'app.cjs.cache.json'), 'utf8'));
}

describe('the V8 code cache of the Lambda package', () => {
  /** V8's cache tag in a node that set `flags` at run time, as index.mjs does. */
  const tagUnder = async (flags: string) => {
    const script = `const v8 = require('node:v8'); v8.setFlagsFromString(${JSON.stringify(flags)}); console.log(v8.cachedDataVersionTag());`;
    const { stdout } = await run(process.execPath, ['-e', script]);
    return Number(stdout.trim());
  };

  it('is written by the build for this Node, in ASCII-only code, and used by a cold start', async () => {
    const manifest = await readManifest(built);
    expect(manifest).toMatchObject({
      node: process.version,
      arch: process.arch,
      v8: process.versions.v8,
      // index.mjs compiles regular expressions without tier-up (entry.mjs), a flag V8's tag counts.
      tag: await tagUnder('--no-regexp-tier-up'),
      flags: '',
    });
    expect(manifest.tag).not.toBe(cachedDataVersionTag());
    const cache = await readFile(path.join(built, 'app.cjs.cache'));
    expect(cache.length).toBe(manifest.bytes);
    expect(crc32(cache)).toBe(manifest.crc32);
    for (const file of ['app.cjs', 'app.mjs', 'index.mjs']) {
      expect((await readFile(path.join(built, file))).every((byte) => byte < 0x80)).toBe(true);
    }
    expect(await firstChat()).toEqual({ state: 'cache' });
  });

  it('is not used when its bytes are corrupt: the app starts from app.mjs', async () => {
    const result = await firstChat(async (dir) => {
      const file = path.join(dir, 'app.cjs.cache');
      const bytes = await readFile(file);
      bytes.fill(0x5a, bytes.length >> 1, (bytes.length >> 1) + 64);
      await writeFile(file, bytes);
    });
    expect(result).toEqual({ state: 'modules', reason: 'corrupt cache' });
  });

  it('is not used when it is missing, cut short, or made by another Node', async () => {
    expect(await firstChat((dir) => rm(path.join(dir, 'app.cjs.cache')))).toEqual({
      state: 'modules',
      reason: 'no cache',
    });
    const truncated = await firstChat(async (dir) => {
      const file = path.join(dir, 'app.cjs.cache');
      await writeFile(file, (await readFile(file)).subarray(0, 1000));
    });
    expect(truncated).toEqual({ state: 'modules', reason: 'corrupt cache' });
    const otherNode = await firstChat(async (dir) => {
      const manifest = { ...(await readManifest(dir)), node: 'v22.11.0', v8: '12.4.254.21-node.21' };
      await writeFile(path.join(dir, 'app.cjs.cache.json'), JSON.stringify(manifest));
    });
    expect(otherNode).toEqual({ state: 'modules', reason: 'made by another Node' });
  });

  it('is not used without its app.cjs, or with a manifest that is not an object', async () => {
    expect(await firstChat((dir) => rm(path.join(dir, 'app.cjs')))).toEqual({ state: 'modules', reason: 'no app.cjs' });
    const nullManifest = await firstChat((dir) => writeFile(path.join(dir, 'app.cjs.cache.json'), 'null'));
    expect(nullManifest).toEqual({ state: 'modules', reason: 'made by another Node' });
  });

  // The Lambda runtime starts node with heap flags of its own, which V8 counts against a cache.
  it('is not used under other V8 flags, and is when the build ran with them', async () => {
    const flags = ['--max-old-space-size=900'];
    expect(await firstChat(undefined, flags)).toEqual({ state: 'modules', reason: 'made with other V8 flags' });
    expect(await firstChat((dir) => createCodeCache(dir, flags), flags)).toEqual({ state: 'cache' });
  }, 60_000);

  it('is left out of a package it would take over the size aim, which then loads app.mjs', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'twin-code-cache-small-'));
    try {
      const report = await buildLambdaBundle(dir, { maxZippedBytes: 1 });
      expect(report).toMatchObject({ codeCache: 'left out', cacheBytes: 0 });
      expect((await readdir(dir)).filter((file) => file.startsWith('app.cjs'))).toEqual([]);
      expect(await chatIn(dir)).toEqual({ state: 'modules', reason: 'no cache' });
    } finally {
      await rm(dir, { recursive: true, force: true, maxRetries: 5 });
    }
  }, 150_000);

  it('is not used with an app.cjs from another build', async () => {
    const result = await firstChat(async (dir) => {
      const file = path.join(dir, 'app.cjs');
      const source = await readFile(file, 'latin1');
      await writeFile(file, source.replace(/^\/\*twin-build:[0-9a-f]/, '/*twin-build:x'), 'latin1');
    });
    expect(result).toEqual({ state: 'modules', reason: 'app.cjs of another build' });
  });

  it('still starts when V8 refuses a cache that passes the checksum (a cache of another script)', async () => {
    const result = await firstChat(async (dir) => {
      const foreign = new Script('globalThis.unrelated = 1;').createCachedData();
      await writeFile(path.join(dir, 'app.cjs.cache'), foreign);
      const manifest = { ...(await readManifest(dir)), bytes: foreign.length, crc32: crc32(foreign) };
      await writeFile(path.join(dir, 'app.cjs.cache.json'), JSON.stringify(manifest));
    });
    expect(result).toEqual({ state: 'rejected' });
  });
});
