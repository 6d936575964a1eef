import { describe, expect, it } from 'vitest';
import { ScriptedChatModel } from '../../src/adapters/memory/scripted-chat-model.js';
import { StaticPersonaSource } from '../../src/adapters/memory/static-persona-source.js';
import { loadConfig } from '../../src/app/config.js';
import { buildContainer } from '../../src/app/container.js';
import { TOKENS } from '../../src/app/tokens.js';
import { createTwin } from '../../src/create-twin.js';
import { ModelUnavailable } from '../../src/domain/errors.js';
import { unitVector } from '../../src/domain/grounding/vectors.js';
import { words } from '../../src/domain/text/text.js';
import type { Embedder, Vector } from '../../src/ports/embedder.js';
import { testPersona } from '../support/personas.js';

// A hosted model's prompt holds only the passages ranked first when the persona does not fit
// TWIN_CONTEXT_TOKENS whole. The ranking is the offline twin's (ADR 0402): words and meaning.
// This embedder knows one meaning the words do not share: pastimes are sailing.
const CONCEPTS: Readonly<Record<string, number>> = { pastimes: 0, sailboats: 0, restore: 0, weekends: 0 };

class ConceptEmbedder implements Embedder {
  readonly name = 'concepts';
  readonly dimension = 64;
  calls = 0;
  async embed(texts: readonly string[]): Promise<Vector[]> {
    this.calls++;
    return texts.map((text) => {
      const values = new Array<number>(64).fill(0);
      values[63] = 0.01;
      for (const word of words(text)) {
        const concept = CONCEPTS[word];
        if (concept !== undefined) values[concept] = (values[concept] ?? 0) + 1;
        else values[1 + (word.length % 60)] = (values[1 + (word.length % 60)] ?? 0) + 0.2;
      }
      return unitVector(values);
    });
  }
}

const filler = Array.from(
  { length: 60 },
  (_, i) => `Project ${i + 1}: I measured the reverberation of hall number ${i + 1} and wrote report ${i + 1}.`,
).join('\n\n');
const persona = testPersona({
  documents: [
    ...testPersona().documents,
    { source: 'projects-log.md', kind: 'knowledge', text: filler },
    { source: 'life.md', kind: 'knowledge', text: 'Weekends I restore old sailboats in the harbour.' },
  ],
  version: 'hosted-context-v1',
});
const QUESTION = 'What are your pastimes?';

async function promptFor(contextEmbedder?: Embedder): Promise<string> {
  const model = new ScriptedChatModel('ok', { name: 'hosted-stand-in' });
  const twin = createTwin({
    persona: new StaticPersonaSource(persona),
    model,
    limits: { contextTokens: 400 },
    ...(contextEmbedder ? { contextEmbedder } : {}),
  });
  await twin.chat({ message: QUESTION });
  return model.requests[0]?.system ?? '';
}

describe("a hosted model's prompt for a persona larger than the context budget", () => {
  it('holds the passage that answers by meaning when an embedder ranks it', async () => {
    const embedder = new ConceptEmbedder();
    const prompt = await promptFor(embedder);
    expect(embedder.calls).toBeGreaterThan(0);
    expect(prompt).toContain('sailboats');
    expect(prompt).not.toContain('Project 60:');
  });

  it('by words alone (no embedder) the budget goes to other passages', async () => {
    const prompt = await promptFor();
    expect(prompt).not.toContain('sailboats');
  });

  it('an embedder that is unavailable (ModelUnavailable, as the port says) leaves the ranking by words, and the chat answers', async () => {
    const failing: Embedder = {
      name: 'down',
      dimension: 64,
      embed: async () => {
        throw new ModelUnavailable('The embedding model is unavailable');
      },
    };
    const prompt = await promptFor(failing);
    expect(prompt.length).toBeGreaterThan(0);
    expect(prompt).not.toContain('sailboats');
  });

  it("the server's container ranks a hosted model's prompt with its embedder, and the offline model's not", async () => {
    const promptThrough = async (model: 'openai' | 'offline', embedder: ConceptEmbedder) => {
      const scripted = new ScriptedChatModel('ok', { name: 'hosted-stand-in' });
      const config = loadConfig({
        TWIN_MODEL: model,
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
        TWIN_CONTEXT_TOKENS: '400',
        TWIN_EMBEDDINGS: 'none',
        LOG_LEVEL: 'silent',
      });
      const container = buildContainer(config, {
        model: scripted,
        embedder,
        persona: new StaticPersonaSource(persona),
      });
      await container.get(TOKENS.TwinService).chat({ message: QUESTION });
      return scripted.requests[0]?.system ?? '';
    };
    const hosted = new ConceptEmbedder();
    expect(await promptThrough('openai', hosted)).toContain('sailboats');
    expect(hosted.calls).toBeGreaterThan(0);
    const offline = new ConceptEmbedder();
    expect(await promptThrough('offline', offline)).not.toContain('sailboats');
    expect(offline.calls).toBe(0);
  });
});
