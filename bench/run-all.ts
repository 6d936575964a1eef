// `npm run bench` measures issue 15's aims (bench/twin-aims.ts), each ratio against its aim.
// `npm run bench -- all` runs every benchmark; `npm run bench -- <part of a name>` runs those that
// match. Each runs in its own process, one after another, so they do not disturb each other.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv[2] ?? 'twin-aims';
const benches = readdirSync('bench')
  .filter((file) => file.endsWith('.ts') && file !== 'run-all.ts')
  .filter((file) => only === 'all' || file.includes(only));

for (const bench of benches) {
  console.log(`\n## ${bench}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `bench/${bench}`], { stdio: 'inherit' });
  if (result.status !== 0) process.exitCode = 1;
}
