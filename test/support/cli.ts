import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { samplePersonaDir } from './sample-persona.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `twin <args>` from source, as `npm run twin -- <args>` does. */
export function spawnTwin(args: readonly string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/app/cli.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'silent', OPENAI_API_KEY: '', TWIN_PERSONA_DIR: samplePersonaDir(), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Runs `twin <args>` to completion, feeding `input` on stdin; killed after `timeoutMs`. */
export function runTwin(
  args: readonly string[],
  options: { env?: Record<string, string>; input?: string; timeoutMs?: number } = {},
) {
  const child = spawnTwin(args, options.env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  child.stdin?.end(options.input ?? '');
  const timer = setTimeout(() => child.kill(), options.timeoutMs ?? 20_000);
  return new Promise<CliResult>((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Resolves with the URL `twin serve` prints once it listens; rejects if it exits first. Also returns what it printed. */
export function waitForReady(child: ChildProcess): Promise<{ url: string; stderr: string }> {
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
      const match = /ready at (http:\/\/\S+)/.exec(stderr);
      if (match?.[1]) resolve({ url: match[1], stderr });
    });
    child.once('exit', () => reject(new Error(`exited early: ${stderr}`)));
  });
}
