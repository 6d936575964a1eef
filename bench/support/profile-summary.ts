/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self and inclusive time per function
 * and self time per package, so a profile can be read without DevTools.
 * Run: npx tsx bench/support/profile-summary.ts <file.cpuprofile> [top=25] [filter]
 * With a filter, only samples whose stack contains a frame matching it are counted (e.g. "chat").
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, filter] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [top] [filter]');
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, '~/')
    .replace(/^.*\/(src|bench)\//, '$1/');
  return `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
}

function packageOf(node: ProfileNode): string {
  const url = node.callFrame.url;
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1] as string;
  if (/\/src\//.test(url)) return `src/${url.split('/src/')[1]?.split('/').slice(0, 2).join('/')}`;
  if (url.startsWith('node:')) return 'node:*';
  return url === '' ? node.callFrame.functionName || '(native)' : url;
}

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const packages = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = (profile.timeDeltas[i] ?? 0) / 1000;
  const stack: ProfileNode[] = [];
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at) as ProfileNode);
  if (filter && !stack.some((n) => label(n).includes(filter))) return;
  const leaf = stack[0] as ProfileNode;
  if (leaf.callFrame.functionName === '(idle)') return;
  total += dt;
  self.set(label(leaf), (self.get(label(leaf)) ?? 0) + dt);
  packages.set(packageOf(leaf), (packages.get(packageOf(leaf)) ?? 0) + dt);
  for (const name of new Set(stack.map(label))) inclusive.set(name, (inclusive.get(name) ?? 0) + dt);
});

function print(title: string, table: Map<string, number>): void {
  console.log(`\n${title}`);
  for (const [name, ms] of [...table].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${ms.toFixed(1).padStart(9)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
}
console.log(`busy: ${total.toFixed(0)} ms${filter ? ` (stacks containing "${filter}")` : ''}`);
print('self time by package', packages);
print('self time by function', self);
print('inclusive time by function', inclusive);
