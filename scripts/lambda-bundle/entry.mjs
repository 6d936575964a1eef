// The Lambda package's index.mjs (written by npm run build:lambda; docs/adr/1200).
//
// With a V8 code cache that this Node can use, the app is app.cjs compiled from the cache: the
// functions the first answer runs come back compiled instead of being parsed and compiled on every
// cold start. Otherwise the same app is imported from app.mjs (ES modules, split into chunks).
// The cache is used only if it was made by this exact Node on this architecture, its bytes match the
// checksum the build wrote, and it belongs to this app.cjs: V8 checks only its own version, its
// flags and the source's length, and does not verify a cache's contents in release builds.
import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import zlib from 'node:zlib';

// V8 runs a regular expression's first match in its bytecode interpreter and compiles it to machine
// code on the second: for the large Unicode patterns of the PII masker, which the first chat's
// topic counting runs, the bytecode costs more to build than the machine code (4-13 ms less CPU to
// a first answer, docs/adr/1200). Compiling once, to machine code, changes no match. Set before the
// cache checks: the flag is part of V8's cache tag, and the build's run sets it the same way.
v8.setFlagsFromString('--no-regexp-tier-up');

const here = path.dirname(fileURLToPath(import.meta.url));
const APP = path.join(here, 'app.cjs');
// Node's own CommonJS wrapper: app.cjs runs as if required, with its own require().
const WRAP = ['(function (exports, require, module, __filename, __dirname) {', '\n})'];

let script;

/** The cache's bytes (and the build's id) when every check passes, else why not (logged, and read by tests). */
function usableCache(creating) {
  if (creating) return { bytes: undefined };
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(`${APP}.cache.json`, 'utf8'));
  } catch {
    return { reason: 'no cache' };
  }
  if (manifest?.node !== process.version || manifest.arch !== process.arch || manifest.v8 !== process.versions.v8) {
    return { reason: 'made by another Node' };
  }
  // V8 would refuse it (other heap or GC flags, other CPU features) only after reading the whole
  // app.cjs and compiling it from scratch, slower than app.mjs.
  if (manifest.tag !== v8.cachedDataVersionTag()) return { reason: 'made with other V8 flags' };
  // Node 20.15+ and 22.2+; import() inside app.cjs needs the default loader (20.12+, 21.7+).
  if (typeof zlib.crc32 !== 'function' || vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER === undefined) {
    return { reason: 'Node too old for the cache' };
  }
  let bytes;
  try {
    bytes = readFileSync(`${APP}.cache`);
  } catch {
    return { reason: 'no cache' };
  }
  if (bytes.length !== manifest.bytes || zlib.crc32(bytes) !== manifest.crc32) return { reason: 'corrupt cache' };
  return { bytes, build: manifest.build };
}

function compiled(cache) {
  // The build writes app.cjs in ASCII (ascii-only.ts), which reads fastest as Latin-1.
  let bytes;
  try {
    bytes = readFileSync(APP);
  } catch {
    cache.reason = 'no app.cjs';
    return undefined;
  }
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  // app.cjs starts with the id of its build; a cache from another build is not used with it.
  if (cache.build && !source.startsWith(`/*twin-build:${cache.build}*/`)) {
    cache.reason = 'app.cjs of another build';
    return undefined;
  }
  script = new vm.Script(WRAP[0] + source + WRAP[1], {
    // A script compiled from a cache keeps the name it had when the cache was made (Node 20's V8),
    // here the build's folder: the same name every time keeps stack traces and import() alike.
    filename: 'app.cjs',
    cachedData: cache.bytes,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(APP), module, APP, here);
  return module.exports;
}

const creating = process.env.TWIN_CODE_CACHE === 'create';
const cache = usableCache(creating);
const app = ((cache.bytes || creating) && compiled(cache)) || (await import('./app.mjs'));
if (script?.cachedDataRejected || (cache.reason && cache.reason !== 'no cache')) {
  // Worth a line in the log: the package was built by another Node, or run with other flags.
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ').trim();
  console.warn(
    `V8 code cache not used (${cache.reason ?? 'rejected by V8'}): rebuild with Node ${process.version} on ` +
      `${process.arch}${flags ? ` and TWIN_CODE_CACHE_NODE_OPTIONS='${flags}'` : ''}`,
  );
}

/** How this process loaded the app: 'cache', 'rejected' (V8 refused it), 'compiled' or 'modules' (app.mjs), and why. */
export const codeCache = {
  state: script ? (script.cachedDataRejected ? 'rejected' : cache.bytes ? 'cache' : 'compiled') : 'modules',
  reason: cache.reason,
  /** Used by the build after a first answer, when TWIN_CODE_CACHE=create. */
  create: () => script?.createCachedData(),
};

export const handler = app.handler;
export const streamHandler = app.streamHandler;
