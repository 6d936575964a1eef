import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Koa from 'koa';
import { FsPersonaSource } from '../../src/adapters/filesystem/fs-persona-source.js';
import { InMemoryConversationStore } from '../../src/adapters/memory/in-memory-conversation-store.js';
import { InMemoryMetricsSink } from '../../src/adapters/memory/metrics.js';
import { RecordingLogger } from '../../src/adapters/memory/recording-logger.js';
import { type Script, ScriptedChatModel } from '../../src/adapters/memory/scripted-chat-model.js';
import { RandomUuidIds } from '../../src/adapters/system/random-uuid-ids.js';
import { SystemClock } from '../../src/adapters/system/system-clock.js';
import { type Adapters, buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import { testConfig } from './http-fixture.js';
import { type LiveServer, listen } from './live-server.js';

/** Markup that would run if any page inserted persona, visitor or model text as HTML. */
export const INJECTIONS = {
  persona: `<img src=x onerror="window.__pwned='persona'">`,
  fact: `<script>window.__pwned='fact'</script>`,
  message: `<img src=x onerror="window.__pwned='message'"><script>window.__pwned='message'</script>`,
} as const;

export const PERSONA_FACTS = {
  name: 'Ada',
  full_name: 'Ada Quill Ramanujan',
  current_role: `Lighthouse keeper ${INJECTIONS.persona}`,
  location: 'Porto, Portugal',
  motto: `${INJECTIONS.fact} Keep the lamp lit`,
};

/** The e2e twin's answers: Markdown, an echo of the question, and the persona's motto on request. */
export const webScript: Script = (request) => {
  const question = request.messages.at(-1)?.content ?? '';
  if (/motto/i.test(question)) return `My motto: ${String(request.persona.facts.motto)}`;
  if (/long story/i.test(question)) return `Once upon a time ${'the lamp burned on and '.repeat(200)}the end.`;
  return `**You asked:** ${question}\n\n- I keep a lighthouse in ${String(request.persona.facts.location)}\n- [my site](https://example.org) and [not a link](javascript:alert(1))`;
};

export interface WebTwin {
  readonly url: string;
  readonly app: Koa;
  readonly store: InMemoryConversationStore;
  readonly model: ScriptedChatModel;
  readonly personaDir: string;
  close(): Promise<void>;
}

/**
 * The real app over a real persona folder (with an avatar and injection attempts in its
 * facts), an in-memory store and a paced model, listening on 127.0.0.1.
 * `extend` runs before listening, e.g. to add routes another branch will provide; `env`
 * overrides settings (e.g. CORS_ORIGINS).
 */
export async function startWebTwin(
  options: {
    script?: Script;
    extend?: (app: Koa, store: InMemoryConversationStore) => void;
    /** Adapters to use instead of the defaults below (e.g. an analytics store the test reads). */
    overrides?: Partial<Adapters>;
    /** More settings, e.g. CORS_ORIGINS and TWIN_FRAME_ANCESTORS for a widget's host site. */
    env?: Record<string, string>;
  } = {},
): Promise<WebTwin> {
  const personaDir = await mkdtemp(path.join(tmpdir(), 'twin-web-persona-'));
  await writeFile(path.join(personaDir, 'facts.json'), JSON.stringify(PERSONA_FACTS, null, 2));
  await writeFile(path.join(personaDir, 'summary.txt'), 'I keep a lighthouse and answer questions about it.');
  await writeFile(
    path.join(personaDir, 'avatar.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Ada</title><circle cx="5" cy="5" r="5" fill="#c33"/></svg>',
  );
  const store = new InMemoryConversationStore();
  const model = new ScriptedChatModel(options.script ?? webScript, { name: 'paced', pauseMs: 15 });
  const container = buildContainer(testConfig({ TWIN_PERSONA_DIR: personaDir, ...options.env }), {
    store,
    model,
    persona: new FsPersonaSource({ dir: personaDir }),
    metrics: new InMemoryMetricsSink(),
    clock: new SystemClock(),
    ids: new RandomUuidIds(),
    logger: new RecordingLogger(),
    ...options.overrides,
  });
  const app = createApp(container);
  options.extend?.(app, store);
  const server: LiveServer = await listen(app);
  return {
    url: server.url,
    app,
    store,
    model,
    personaDir,
    async close() {
      await server.close();
      await rm(personaDir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}
