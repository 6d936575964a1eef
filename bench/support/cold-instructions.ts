/**
 * The cold start counted in instructions (valgrind's callgrind), which the machine's load does
 * not move: a bare `node -e` against the Lambda bundle answering its first POST /chat (built by
 * `npm run build:lambda`, in an isolated copy, the hosted-model stand-in at OPENAI_BASE_URL).
 * Every thread of the process is counted (V8 compiles and collects garbage on helper threads);
 * the kernel's share of system calls is not. Run: npx tsx bench/support/cold-instructions.ts
 */
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { isolatedCopy } from '../../test/support/lambda-bundle.js';
import { lambdaColdStartEnv } from './bench-env.js';
import { bareNodeArgs, chatEvent, writeColdStartScript } from './cold-start.js';

const run = promisify(execFile);

async function instructions(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  const out = path.join(cwd, `callgrind.${Date.now()}.out`);
  await run('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, process.execPath, ...args], {
    cwd,
    env,
    maxBuffer: 64 * 1024 * 1024,
    timeout: 1_800_000,
  });
  const totals = /^totals: (\d+)/m.exec(await readFile(out, 'utf8'));
  if (!totals) throw new Error('callgrind wrote no totals');
  return Number(totals[1]);
}

const dir = await isolatedCopy();
try {
  const script = await writeColdStartScript(dir);
  // valgrind runs the process ~50x slower: no timeout may fire meanwhile.
  const env = { ...lambdaColdStartEnv(dir, process.env.OPENAI_BASE_URL), OPENAI_TIMEOUT_MS: '900000' };
  const bare = await instructions(bareNodeArgs(), dir, env);
  const cold = await instructions([script, chatEvent()], dir, env);
  console.log(JSON.stringify({ bare_node: bare, bundle_to_first_chat: cold, ratio: Number((cold / bare).toFixed(2)) }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
