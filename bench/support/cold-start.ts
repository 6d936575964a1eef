import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { httpApiEvent } from '../../test/support/lambda-events.js';

/** One cold start: wall time from spawn to the answer, and the process' own CPU time until then. */
export interface ColdStart {
  readonly wallMs: number;
  readonly cpuMs: number;
}

const MARK = 'BENCH-ANSWER ';

// Imports the bundle as the Lambda runtime does, answers one event, prints the result and the CPU
// time spent so far on one marked line, then exits. EMF lines may come before it on stdout.
const INVOKE = `
const { handler } = await import(new URL('./index.mjs', 'file://' + process.cwd() + '/').href);
const result = await handler(JSON.parse(process.argv[2]));
const cpu = process.cpuUsage();
process.stdout.write('${MARK}' + JSON.stringify({ status: result.statusCode, body: result.body, cpu }) + '\\n');
process.exit(0);
`;

const BARE = `const cpu = process.cpuUsage(); process.stdout.write('${MARK}' + JSON.stringify({ status: 200, cpu }) + '\\n');`;

export async function writeColdStartScript(dir: string): Promise<string> {
  const file = path.join(dir, 'bench-invoke.mjs');
  await writeFile(file, INVOKE);
  return file;
}

/** The POST /chat event the cold start answers, as API Gateway sends it. */
export function chatEvent(): string {
  const body = JSON.stringify({ message: 'Where are you based?' });
  return JSON.stringify(httpApiEvent('POST', '/chat', { body, headers: { 'content-type': 'application/json' } }));
}

/**
 * Spawns `node args` in cwd and waits for its marked line (bundle) or its exit (bare node):
 * the bare baseline is timed to its exit, which only makes the ratio less flattering.
 */
export function timeStart(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<ColdStart> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let answered: { wallMs: number; line: string } | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const at = out.indexOf(MARK);
      const end = at === -1 ? -1 : out.indexOf('\n', at);
      if (!answered && end !== -1) {
        answered = { wallMs: performance.now() - started, line: out.slice(at + MARK.length, end) };
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const exitedMs = performance.now() - started;
      if (code !== 0 || !answered) return reject(new Error(`cold start failed (${code}): ${out.slice(0, 300)}`));
      const result = JSON.parse(answered.line) as { status: number; body?: string; cpu: NodeJS.CpuUsage };
      if (result.status !== 200) {
        return reject(new Error(`cold start answered ${result.status}: ${result.body?.slice(0, 300)}`));
      }
      const bare = args[0] === '-e';
      resolve({ wallMs: bare ? exitedMs : answered.wallMs, cpuMs: (result.cpu.user + result.cpu.system) / 1000 });
    });
  });
}

export function bareNodeArgs(): string[] {
  return ['-e', BARE];
}
