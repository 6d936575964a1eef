/**
 * Instructions per chat, counted by valgrind's callgrind: unlike wall-clock or even CPU time,
 * an instruction count does not move with the machine's load, so it shows what a change buys on
 * a shared machine. chat-cpu.ts is bundled (no tsx under valgrind), then run twice with the same
 * warm-up and BENCH_CHATS=0 vs BENCH_CHATS=n; the difference over n is one chat's instructions
 * (user space, every thread of the process; the kernel's share of a syscall is not counted).
 * Needs a stand-in model at OPENAI_BASE_URL. Run: npx tsx bench/support/instructions.ts [n=400]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const run = promisify(execFile);
const chats = Number(process.argv[2] ?? 400);
const warmup = Number(process.env.BENCH_WARMUP ?? 200);
// Inside the project, so the bundle's package imports resolve from its node_modules.
const dir = await mkdtemp(path.resolve('bench/.callgrind-'));

try {
  const bundle = path.join(dir, 'chat-cpu.mjs');
  await build({
    entryPoints: ['bench/support/chat-cpu.ts'],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Everything bundled but the local embedding model (read from its own folder), as for Lambda.
    external: ['@energetic-ai/*'],
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
    logLevel: 'warning',
  });
  const count = async (n: number): Promise<number> => {
    const out = path.join(dir, `callgrind.${n}.out`);
    await run('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, process.execPath, bundle], {
      env: { ...process.env, BENCH_WARMUP: String(warmup), BENCH_CHATS: String(n) },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 3_600_000,
    });
    const totals = /^totals: (\d+)/m.exec(await readFile(out, 'utf8'));
    if (!totals) throw new Error('callgrind wrote no totals');
    return Number(totals[1]);
  };
  const [base, measured] = [await count(0), await count(chats)];
  console.log(
    JSON.stringify({
      warmup,
      chats,
      instructions_per_chat: Math.round((measured - base) / chats),
      start_and_warmup: base,
    }),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
