import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { LocalDynamo } from './dynalite.js';

let available: boolean | undefined;

/** True when `python3 -c "import moto"` succeeds (cached for the process). */
export function motoAvailable(): boolean {
  available ??= spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
  return available;
}

/**
 * Starts `python3 -m moto.server` on a free port (moto picks it and prints it), waits until
 * it answers, and stops that process only. Speaks DynamoDB, CloudWatch and Logs.
 */
export async function startMoto(): Promise<LocalDynamo> {
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Never let anything inside reach for real credentials or instance metadata.
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  });
  try {
    const endpoint = await announcedEndpoint(child);
    await waitUntilAnswering(endpoint);
    return { endpoint, stop: () => stopProcess(child) };
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
}

// Werkzeug prints "Running on http://127.0.0.1:PORT" (on stderr in current versions).
function announcedEndpoint(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('moto server did not start within 20 s')), 20_000);
    const onLine = (line: string) => {
      const match = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    for (const stream of [child.stdout, child.stderr])
      if (stream) createInterface({ input: stream }).on('line', onLine);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`moto server exited with code ${code}`));
    });
  });
}

async function waitUntilAnswering(endpoint: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await fetch(`${endpoint}/moto-api/`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`moto server at ${endpoint} does not answer`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
