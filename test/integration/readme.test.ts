import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { repoRoot } from '../support/cli.js';
import { testConfig } from '../support/http-fixture.js';
import { fakeAdapters } from '../support/twin-fixture.js';

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
    // Every optional route on: the Prometheus exposition needs the configured sink, not a fake one.
    const { metrics: _fake, ...adapters } = fakeAdapters();
    const app = createApp(buildContainer(testConfig({ TWIN_METRICS: 'prometheus' }), adapters));
    const router = (app.middleware as unknown as { router?: { stack: { methods: string[]; path: string }[] } }[]).find(
      (middleware) => middleware.router,
    )?.router;
    const served = new Set(
      (router?.stack ?? [])
        .filter((layer) => !layer.path.startsWith('/static/'))
        .flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((method) => `${method} ${layer.path}`)),
    );
    expect(served.size).toBeGreaterThan(10);
    expect([...served].filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => !served.has(route))).toEqual([]);
  });
});
