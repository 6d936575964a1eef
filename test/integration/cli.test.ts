import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runTwin, spawnTwin, waitForReady } from '../support/cli.js';
import { samplePersonaDir } from '../support/sample-persona.js';

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'twin-cli-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true, maxRetries: 5 });
});

describe('twin persona check', () => {
  it('lists what it read and prints the system prompt for a valid folder', async () => {
    const result = await runTwin(['persona', 'check', samplePersonaDir()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Persona OK: /);
    expect(result.stdout).toContain('linkedin.pdf: linkedin');
    expect(result.stdout).toContain('--- system prompt ---');
  });

  it('prints file names and text safely, and names files that are not UTF-8 text or have non-UTF-8 names', async () => {
    const dir = join(scratch, 'odd-names');
    await rm(dir, { recursive: true, force: true, maxRetries: 5 });
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    await writeFile(join(dir, 'facts.json'), '{"name": "Ada"}');
    await writeFile(join(dir, 'summary.txt'), 'I am Ada.\nI build engines.');
    await writeFile(join(dir, 'latin.md'), Buffer.from('caf\xe9 au lait\n', 'latin1'));
    await writeFile(join(dir, 'evil\nSKIPPED facts.json: fake.md'), 'hi');
    await writeFile(join(dir, 'x\u001b[31mRED\u202e.md'), 'hi');
    await writeFile(Buffer.from(`${dir}/bad\xff.md`, 'latin1'), 'hi');
    const result = await runTwin(['persona', 'check', dir]);
    expect(result.code).toBe(0);
    // The report above the system prompt: a name must not forge one of its lines.
    const lines = (result.stdout.split('--- system prompt ---')[0] ?? '').split('\n');
    expect(lines.filter((line) => line.startsWith('SKIPPED facts.json'))).toEqual([]);
    expect([...result.stdout].filter((char) => char === '\u001b' || char === '\u202e')).toEqual([]);
    expect(result.stdout).toContain('evil\\u{a}SKIPPED facts.json: fake.md: knowledge');
    expect(result.stdout).toContain('x\\u{1b}[31mRED\\u{202e}.md: knowledge');
    expect(result.stdout).toMatch(/SKIPPED latin\.md: is not UTF-8 text/);
    expect(result.stdout).toMatch(/SKIPPED bad\uFFFD\.md: has a name that is not UTF-8/u);
    expect(result.stdout).toContain('I am Ada.\nI build engines.');
  });

  // A full disk behind stdout (Linux's /dev/full answers every write with ENOSPC).
  it('says in one line, exit 1, when its output cannot be written', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/app/cli.ts', 'persona', 'check', samplePersonaDir()],
        {
          cwd: repoRoot,
          env: { ...process.env, LOG_LEVEL: 'silent' },
          stdio: ['ignore', full, 'pipe'],
        },
      );
      let stderr = '';
      child.stderr?.on('data', (chunk) => {
        stderr += chunk;
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(1);
      expect(stderr.trim()).toBe('twin: could not write the output (ENOSPC)');
    } finally {
      closeSync(full);
    }
  });

  it('fails with one line naming the file and position for invalid JSON', async () => {
    const dir = join(scratch, 'broken');
    await rm(dir, { recursive: true, force: true, maxRetries: 5 });
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    await writeFile(join(dir, 'facts.json'), '{\n  "name": "X",\n  oops\n}');
    const result = await runTwin(['persona', 'check', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/facts\.json.*line 3/);
  });
});

describe('twin chat', () => {
  it('answers questions typed on stdin, streamed, until an empty line', async () => {
    const result = await runTwin(['chat'], {
      env: { TWIN_STORE: 'memory', TWIN_MODEL: 'offline' },
      input: 'How can I contact you?\n\n',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/twin> .*@/);
    expect(result.stdout).toMatch(/Session: [0-9a-f-]{36}/);
  });

  it.each(['not-a-uuid', '00000000-0000-4000-8000-000000000000', 'session-abcdefgh'])(
    'refuses --session %s, an id the twin would not have issued, in one line and exit 1',
    async (id) => {
      const result = await runTwin(['chat', '--session', id], {
        env: { TWIN_STORE: 'memory', TWIN_MODEL: 'offline' },
        input: 'Where are you based?\n\n',
      });
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/not a session id the twin issued/);
      expect(result.stdout).not.toContain('twin>');
    },
  );
});

describe('twin serve', () => {
  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ CORS_ORIGINS: 'https://ok.example, localhost:3000' }, 'CORS_ORIGINS'],
  ])('refuses to start with a bad setting (%j), in one line naming it', async (env, name) => {
    const result = await runTwin(['serve'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(new RegExp(`^twin: Invalid configuration: ${name}: `));
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a second server on a taken PORT says so in one line and exits non-zero', { timeout: 45_000 }, async () => {
    const personaDir = join(scratch, 'port-persona');
    await cp('persona', personaDir, { recursive: true });
    const env = {
      HOST: '127.0.0.1',
      TWIN_STORE: 'memory',
      TWIN_PERSONA_DIR: personaDir,
      TWIN_ADMIN_TOKEN: 'x'.repeat(32),
    };
    const first = spawnTwin(['serve'], { ...env, PORT: '0' });
    try {
      const { url } = await waitForReady(first);
      const port = new URL(url).port;
      const second = await runTwin(['serve'], { env: { ...env, PORT: port } });
      expect(second.code).toBe(1);
      expect(second.stderr.trim()).toBe(
        `twin: port ${port} is already in use (PORT): stop the program using it or set PORT to a free port`,
      );
      expect((await fetch(`${url}/health`)).status).toBe(200);
    } finally {
      first.kill('SIGTERM');
    }
  });

  it('serves the API and prints a generated admin token once', async () => {
    const child = spawnTwin(['serve'], { PORT: '0', HOST: '127.0.0.1', TWIN_STORE: 'memory', TWIN_ADMIN_TOKEN: '' });
    try {
      const { url, stderr } = await waitForReady(child);
      const token = /admin token is:\n\s+(\S+)/.exec(stderr)?.[1] ?? '';
      expect(token.length).toBeGreaterThanOrEqual(32);
      const health = await fetch(`${url}/health`);
      expect(((await health.json()) as { status: string }).status).toBe('healthy');
      expect((await fetch(`${url}/sessions`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
      expect((await fetch(`${url}/sessions`, { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('the served HTTP limits', () => {
  it('answers 431 to headers over 16 KB and stays up', async () => {
    const child = spawnTwin(['serve'], {
      PORT: '0',
      HOST: '127.0.0.1',
      TWIN_STORE: 'memory',
      TWIN_ADMIN_TOKEN: 'x-token-123',
    });
    try {
      const { url } = await waitForReady(child);
      const huge = await fetch(`${url}/health`, { headers: { 'X-Padding': 'a'.repeat(20 * 1024) } });
      expect(huge.status).toBe(431);
      expect(await huge.json()).toEqual({
        error: { code: 'headers_too_large', message: 'The request headers are too large (16 KB at most)' },
      });
      expect((await fetch(`${url}/health`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
