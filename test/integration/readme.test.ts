import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli.js';
import { servedRoutes } from '../support/served-routes.js';

const readme = readFileSync(`${repoRoot}README.md`, 'utf8');
const scripts = Object.keys(
  (JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts,
);

describe('the README', () => {
  it('names only npm scripts that exist', () => {
    // `npm run -s <script>` (silent) names the script after its flags.
    const named = [...readme.matchAll(/npm run (?:-[\w-]+ )*([\w:][\w:-]*)/g)].map((match) => match[1] as string);
    expect(named).toEqual(expect.arrayContaining(['test:unit', 'test:e2e', 'test:proofs', 'coverage']));
    expect(named.filter((name) => !scripts.includes(name))).toEqual([]);
  });

  it('has one route table, and it lists exactly the routes the app serves', () => {
    const lines = readme.split('\n');
    const header = lines.indexOf('| route | what it does |');
    expect(header).toBeGreaterThan(0);
    let end = header + 2;
    while (lines[end]?.startsWith('| ')) end++;
    const rowPattern = /^\| `(GET|POST|DELETE|PUT|PATCH) ([^`?]+)/;
    const table = lines.slice(header + 2, end).map((line) => rowPattern.exec(line));
    expect(table.every(Boolean)).toBe(true);
    // No route row anywhere else: a table cut by a section reads as text (issue 13).
    const stray = lines.filter((line, i) => rowPattern.test(line) && (i < header || i >= end));
    expect(stray).toEqual([]);

    const documented = new Set(table.map((match) => `${match?.[1]} ${match?.[2]?.trim()}`));
    const served = servedRoutes().routes;
    expect(served.size).toBeGreaterThan(10);
    expect([...served].filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => !served.has(route))).toEqual([]);
  });
});
