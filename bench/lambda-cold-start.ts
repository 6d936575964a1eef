/**
 * Cold start of the Lambda bundle: time from spawning `node` to the first /health answer
 * from the bundle's handler, against a bare `node` process that prints and exits (the
 * baseline, measured in the same run). The bundle runs from a temp folder with no
 * node_modules, as on Lambda. Run: npx tsx bench/lambda-cold-start.ts  (builds first)
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { buildBundle, isolatedCopy, writeInvokeScript } from '../test/support/lambda-bundle.js';
import { httpApiEvent } from '../test/support/lambda-events.js';
import { median, ratio } from './support/stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function timeProcess(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0 || !(out.includes('"statusCode":200') || out.includes('ready'))) {
        reject(new Error(`run failed (${code}): ${out.slice(0, 200)}`));
      } else resolve(performance.now() - started);
    });
  });
}

console.log((await buildBundle()).trim());
const dir = await isolatedCopy();
try {
  const script = await writeInvokeScript(dir);
  const env = {
    PATH: process.env.PATH,
    TWIN_STORE: 'memory',
    TWIN_PERSONA_DIR: path.join(dir, 'persona'),
    TWIN_METRICS: 'none',
    LOG_LEVEL: 'silent',
    AWS_EMF_ENVIRONMENT: 'Local',
  };
  const events = JSON.stringify([httpApiEvent('GET', '/health')]);
  const baseline: number[] = [];
  const cold: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    // Interleaved, so a busy moment on the machine slows both alike.
    baseline.push(await timeProcess(['-e', "console.log('ready')"], dir, env));
    cold.push(await timeProcess([script, events], dir, env));
  }
  const base = median(baseline);
  const bundle = median(cold);
  console.log(`runs: ${RUNS}`);
  console.log(
    `bare node process (baseline): median ${base.toFixed(0)} ms, best ${Math.min(...baseline).toFixed(0)} ms`,
  );
  console.log(
    `bundle, spawn to first /health: median ${bundle.toFixed(0)} ms, best ${Math.min(...cold).toFixed(0)} ms`,
  );
  console.log(
    `the twin's own cold start (bundle minus bare node): ${(bundle - base).toFixed(0)} ms; ${ratio(bundle, base)} the baseline`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
