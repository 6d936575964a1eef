import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsAnswerBook } from '../../src/adapters/filesystem/fs-answer-book.js';
import { FsKnowledgeGapStore } from '../../src/adapters/filesystem/fs-knowledge-gap-store.js';
import { FsLeadStore } from '../../src/adapters/filesystem/fs-lead-store.js';
import { gapAsked } from '../../src/domain/knowledge/knowledge-gaps.js';
import { leadRecorded, parseLeadDetails } from '../../src/domain/knowledge/leads.js';
import { parseOwnerAnswers, storedAnswer } from '../../src/domain/knowledge/owner-answers.js';
import { runTwin, spawnTwin, waitForReady } from '../support/cli.js';
import { copySamplePersona } from '../support/sample-persona.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'twin-one-writer-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second));

describe('two writers on one data folder (two store instances, as two processes have)', () => {
  it('lose no asking, resolution, lead or answer when they write at the same time', async () => {
    const dataDir = join(root, 'data');
    const personaDir = join(root, 'persona');
    await mkdir(personaDir, { recursive: true });
    const [a, b] = [0, 1].map(() => ({
      gaps: new FsKnowledgeGapStore({ dataDir }),
      leads: new FsLeadStore({ dataDir }),
      answers: new FsAnswerBook({ dir: personaDir }),
    }));
    if (!a || !b) throw new Error('unreachable');
    const questions = Array.from({ length: 8 }, (_, i) => `Do you collect stamps from country number ${i}?`);
    for (const question of questions) await a.gaps.recordAsked(gapAsked(question, at(0)));

    await Promise.all([
      // A: visitors keep asking every question, and leave addresses.
      ...questions.flatMap((question, i) =>
        Array.from({ length: 5 }, (_, n) =>
          a.gaps.recordAsked(gapAsked(question, at(n + 1), `session-${i}-${n}-0000000000`)),
        ),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        a.leads.record(leadRecorded(parseLeadDetails({ email: `visitor${i}@example.org` }), null, at(i))),
      ),
      // B: the owner dismisses half the gaps and answers the other half meanwhile.
      ...questions.map(async (question, i) => {
        const { id } = gapAsked(question, at(0));
        if (i % 2 === 0) return b.gaps.resolve(id, { status: 'dismissed', at: at(30).toISOString() });
        await b.answers.put(storedAnswer(question, `Answer number ${i}.`));
        return b.gaps.resolve(id, { status: 'answered', answer: `Answer number ${i}.`, at: at(30).toISOString() });
      }),
      ...Array.from({ length: 10 }, (_, i) => a.answers.put(storedAnswer(`Extra ${i}?`, `Extra answer ${i}.`))),
    ]);

    const gaps = await new FsKnowledgeGapStore({ dataDir }).list();
    expect(gaps).toHaveLength(questions.length);
    for (const gap of gaps) {
      const i = questions.indexOf(gap.question);
      expect(gap.times_asked).toBe(6);
      // An answered gap asked again reopens (the domain rule); a dismissed one stays dismissed.
      expect(gap.status === 'dismissed').toBe(i % 2 === 0);
      if (i % 2 === 1) expect(gap.answer).toBe(`Answer number ${i}.`);
    }
    expect(await new FsLeadStore({ dataDir }).list()).toHaveLength(10);
    const text = await readFile(join(personaDir, 'answers.md'), 'utf8');
    expect(text.match(/^# Answers from the owner$/gm)).toHaveLength(1);
    const answers = parseOwnerAnswers(text)
      .map((entry) => entry.answer)
      .sort();
    expect(answers).toEqual(
      [
        ...questions.flatMap((_, i) => (i % 2 === 1 ? [`Answer number ${i}.`] : [])),
        ...Array.from({ length: 10 }, (_, i) => `Extra answer ${i}.`),
      ].sort(),
    );
  });
});

describe('a running server and `twin gaps` commands at the same time', () => {
  let server: ChildProcess | undefined;
  afterEach(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  });

  it('lose nothing: every dismissal and answer stays while visitors keep adding gaps', {
    timeout: 120_000,
  }, async () => {
    copySamplePersona(root);
    const env = {
      TWIN_STORE: 'filesystem',
      TWIN_MODEL: 'offline',
      TWIN_DATA_DIR: join(root, 'data'),
      TWIN_PERSONA_DIR: join(root, 'persona'),
      TWIN_ADMIN_TOKEN: 'one-writer-admin-token',
      TWIN_RATE_LIMIT_PER_MINUTE: '0',
      TWIN_SESSION_RATE_LIMIT_PER_MINUTE: '0',
    };
    server = spawnTwin(['serve'], { ...env, PORT: '0', HOST: '127.0.0.1' });
    const { url } = await waitForReady(server);
    const ask = async (message: string) => {
      const response = await fetch(`${url}/chat`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ message }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { grounded: boolean }).grounded;
    };
    const owned = ['Do you own a unicycle?', 'Do you own a loom?'];
    for (const question of owned) await ask(question);
    const listed = await fetch(`${url}/analytics/knowledge-gaps`, {
      headers: { Authorization: `Bearer ${env.TWIN_ADMIN_TOKEN}` },
    }).then((r) => r.json() as Promise<{ gaps: { id: string; question: string }[] }>);
    const idOf = (question: string) => listed.gaps.find((g) => g.question === question)?.id ?? '';

    let visiting = true;
    let asked = 0;
    // Every question the twin could not answer is a gap the server writes meanwhile.
    const unanswered: string[] = [];
    const visitors = (async () => {
      while (visiting) {
        const question = `Do you own a zebracorn called number ${asked++}?`;
        if (!(await ask(question))) unanswered.push(question);
      }
    })();
    const commands = [
      runTwin(['gaps', 'dismiss', idOf(owned[0] as string)], { env, timeoutMs: 60_000 }),
      runTwin(['gaps', 'answer', idOf(owned[1] as string), 'A small loom, for scarves.'], { env, timeoutMs: 60_000 }),
    ];
    const results = await Promise.all(commands);
    // Visitors go on after the commands, so the server writes the file after them too.
    const after = asked;
    while (asked < after + 5) await new Promise((resolve) => setTimeout(resolve, 10));
    visiting = false;
    await visitors;
    for (const result of results) expect(result.code, result.stderr).toBe(0);

    const gaps = JSON.parse(await readFile(join(root, 'data', 'knowledge-gaps.json'), 'utf8')) as {
      question: string;
      status: string;
      answer: string | null;
    }[];
    const status = Object.fromEntries(gaps.map((g) => [g.question, g.status]));
    expect(owned.map((q) => status[q])).toEqual(['dismissed', 'answered']);
    expect(unanswered.length).toBeGreaterThan(0);
    for (const question of unanswered) expect(status[question]).toBe('open');
    const answers = parseOwnerAnswers(await readFile(join(root, 'persona', 'answers.md'), 'utf8'));
    expect(answers.map((a) => a.answer)).toEqual(['A small loom, for scarves.']);
  });
});
