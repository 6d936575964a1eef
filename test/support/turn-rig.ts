import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, vi } from 'vitest';
import { type FakeHandler, FakeOpenAiServer, reply } from './fake-openai-server.js';
import { type PersonaDir, writePersonaDir } from './persona-dir.js';
import type { AdminResponse, Rig, Surface } from './turn-surfaces.js';

export const ANSWER = 'Answer from the stand-in model.';
export const RESTING = 'RESTING-NOW, write to {email}';
export const RESTED = 'RESTING-NOW, write to noor@example.org';

/**
 * One loopback OpenAI-compatible stand-in for a whole test file: every surface's twin
 * (in-process or a spawned CLI) calls it, so model calls are counted and prompts read the
 * same way everywhere. `answer` is what it does next; tests replace it.
 */
export class ModelStandIn {
  answer: FakeHandler = reply.text(ANSWER);

  private constructor(readonly server: FakeOpenAiServer) {}

  static async start(): Promise<ModelStandIn> {
    let self: ModelStandIn | undefined;
    const server = await FakeOpenAiServer.start({ fallback: (exchange) => self?.answer(exchange) });
    self = new ModelStandIn(server);
    return self;
  }

  /** Chat completion requests received since the last reset. */
  get calls() {
    return this.server.requests.filter((r) => r.path.startsWith('/v1/chat/completions'));
  }

  reset(): void {
    this.server.reset();
    this.answer = reply.text(ANSWER);
  }

  /** The environment of a twin that talks to this stand-in, with every limit off unless `env` sets it. */
  env(personaDir: string, env: Record<string, string> = {}): Record<string, string> {
    return {
      TWIN_MODEL: 'openai',
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: this.server.baseURL,
      OPENAI_MAX_RETRIES: '0',
      OPENAI_TIMEOUT_MS: '15000',
      TWIN_PERSONA_DIR: personaDir,
      TWIN_CLIENT_DAILY_TOKEN_BUDGET: '0',
      TWIN_RESTING_MESSAGE: RESTING,
      ...env,
    };
  }

  close(): Promise<void> {
    return this.server.close();
  }
}

/** Starts `surface` over a fresh temp persona copy, runs `body`, and stops both whatever happens. */
export async function withTwin(
  model: ModelStandIn,
  surface: Surface,
  env: Record<string, string>,
  body: (rig: Rig) => Promise<void>,
  options: { personaFiles?: Record<string, string>; store?: 'memory' | 'filesystem' } = {},
): Promise<void> {
  const persona: PersonaDir = await writePersonaDir(options.personaFiles);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'twin-data-'));
  const store = { TWIN_STORE: options.store ?? 'memory', TWIN_DATA_DIR: dataDir };
  const rig = await surface.start(model.env(persona.dir, { ...store, ...env }));
  try {
    await body(rig);
  } finally {
    await rig.close();
    await persona.remove();
    await rm(dataDir, { recursive: true, force: true, maxRetries: 5 });
  }
}

export interface StoredMessage {
  readonly role: string;
  readonly content: string;
}

export async function transcript(rig: Rig, sessionId: string | undefined): Promise<StoredMessage[]> {
  expect(sessionId, 'the surface named the session it stored').toBeTruthy();
  const res = await rig.admin('GET', `/conversation/${sessionId}`);
  expect(res.status).toBe(200);
  return res.body.messages;
}

export async function analytics(rig: Rig): Promise<AdminResponse['body']> {
  const res = await rig.admin('GET', '/analytics');
  expect(res.status).toBe(200);
  expectNoNegative(res.body, 'analytics');
  expect(res.body.question_rate).toBeLessThanOrEqual(100);
  return res.body;
}

/** Waits (no sleep) until the counters match: they may be written just after the answer is sent. */
export async function expectCounts(
  rig: Rig,
  expected: { total_sessions: number; total_messages: number; user_messages: number; assistant_messages: number },
): Promise<void> {
  await vi.waitFor(
    async () => {
      const body = await analytics(rig);
      expect({
        total_sessions: body.total_sessions,
        total_messages: body.total_messages,
        user_messages: body.user_messages,
        assistant_messages: body.assistant_messages,
      }).toEqual(expected);
    },
    { timeout: 5000, interval: 25 },
  );
}

/** What a set of stored transcripts should add to the counters. */
export function countsOf(conversations: readonly (readonly StoredMessage[])[]) {
  const all = conversations.flat();
  return {
    total_sessions: conversations.filter((c) => c.length > 0).length,
    total_messages: all.length,
    user_messages: all.filter((m) => m.role === 'user').length,
    assistant_messages: all.filter((m) => m.role === 'assistant').length,
  };
}

export function expectNoNegative(value: unknown, where: string): void {
  if (typeof value === 'number') expect(value, where).toBeGreaterThanOrEqual(0);
  else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) expectNoNegative(item, `${where}[${i}]`);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      // A sentiment mean is in [-1, 1] by definition; every count, share and duration is not.
      if (key !== 'avg_sentiment') expectNoNegative(item, `${where}.${key}`);
    }
  }
}

/** Raw contact details the masking must never let into a stored transcript. */
export const RAW_CONTACTS = [/maria@example\.net/i, /415\D{0,3}555\D{0,3}0134/, /@example\.net/i];
