// The benches' child processes: a server or the model stand-in, started with tsx, announcing
// itself with one JSON line on stdout and answering questions over IPC ('cpu', 'count', ...).
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';

export interface Started {
  readonly child: ChildProcess;
  readonly info: Record<string, unknown>;
}

/** Starts a bench child (tsx) and reads the JSON line it prints once ready. */
export async function startChild(script: string, env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const [line] = (await once(createInterface({ input: child.stdout as NodeJS.ReadableStream }), 'line')) as [string];
  return { child, info: JSON.parse(line) as Record<string, unknown> };
}

/** Stops a child by its own handle and waits for it to exit. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** Sends `question` over IPC and resolves with the child's next message. */
export function ask<T>(child: ChildProcess, question: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (answer: T) => resolve(answer));
    child.send(question);
  });
}

/** The child's CPU time so far (user + system), in microseconds. */
export async function cpuOf(child: ChildProcess): Promise<number> {
  const { cpu } = await ask<{ cpu: NodeJS.CpuUsage }>(child, 'cpu');
  return cpu.user + cpu.system;
}

/** The 1, 5 and 15 minute load averages, one decimal each. */
export function loadAverage(): string {
  return loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
}

/** The message every load run asks: one that the sample persona answers from its role. */
export const LOAD_QUESTION = 'What do you do at work these days?';

/**
 * `count` new sessions and one `POST /chat` autocannon request per session (autocannon cycles
 * through them), so every run spreads its turns over the same number of conversations.
 */
export function chatRequestsFor(count: number): {
  sessions: string[];
  requests: { method: 'POST'; path: string; headers: Record<string, string>; body: string }[];
} {
  const sessions = Array.from({ length: count }, () => crypto.randomUUID());
  const requests = sessions.map((session_id) => ({
    method: 'POST' as const,
    path: '/chat',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: LOAD_QUESTION, session_id }),
  }));
  return { sessions, requests };
}
