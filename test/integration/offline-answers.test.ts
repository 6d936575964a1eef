import { beforeAll, describe, expect, it } from 'vitest';
import { OfflineChatModel } from '../../src/adapters/offline/offline-chat-model.js';
import { SentenceEncoderEmbedder } from '../../src/adapters/offline/sentence-encoder-embedder.js';
import type { Persona } from '../../src/domain/persona/persona.js';
import type { ChatRequest } from '../../src/ports/chat-model.js';

/** A persona written for these rules: a cat with a name, a past job, a list, an FAQ. */
const persona: Persona = {
  facts: {
    name: 'Lena',
    full_name: 'Lena Park',
    current_role: 'Head Baker at Crumb & Co',
    location: 'Bergen, Norway',
    email: 'lena@crumb.example',
    signature_bake: 'Cardamom knots',
  },
  summary: '',
  style: '',
  documents: [
    {
      source: 'summary.txt',
      kind: 'summary',
      text: 'I run the ovens at Crumb & Co, a small bakery by the harbour. My husband Tor and I live above the shop with our cat Miso. Before baking I worked as a ferry mechanic for six years.',
    },
    {
      source: 'about.md',
      kind: 'knowledge',
      text: '# About\n\n## Languages\n- Norwegian (native)\n- English (fluent)\n- German (basic)\n\n## Orders\nQ: Do you deliver?\nA: Only within Bergen, on Fridays.',
    },
  ],
  version: 'lena-v1',
};

function ask(question: string): ChatRequest {
  return { system: 'system prompt', persona, messages: [{ role: 'user', content: question }] };
}

const models: [string, () => OfflineChatModel][] = [
  ['lexical retrieval', () => new OfflineChatModel()],
  ['local embeddings', () => new OfflineChatModel({ embedder: new SentenceEncoderEmbedder() })],
];

describe.each(models)('offline answers with %s', (_label, make) => {
  let model: OfflineChatModel;
  beforeAll(async () => {
    model = make();
    await model.complete(ask('warm up')); // loads the embedding model and indexes the persona once
  }, 120_000);

  it('never answers "what is your dog\'s name" with the owner\'s own name', async () => {
    const reply = await model.complete(ask("What is your dog's name?"));
    expect(reply.grounded).toBe(false);
    expect(reply.text).not.toContain('Lena');
  });

  it('names the pet the persona does have', async () => {
    const reply = await model.complete(ask("What's your cat called?"));
    expect(reply.grounded).toBe(true);
    expect(reply.text).toContain('Miso');
  });

  it('never answers a question about an earlier job with the current role', async () => {
    for (const question of ['What was your first job?', 'Where did you work before the bakery?']) {
      const reply = await model.complete(ask(question));
      expect(reply.text).not.toContain('Head Baker');
      if (reply.grounded) expect(reply.text).toContain('ferry mechanic');
    }
  });

  it('keeps a list as a list, under its heading', async () => {
    const reply = await model.complete(ask('Which languages do you speak?'));
    expect(reply.grounded).toBe(true);
    expect(reply.text).toBe('Languages:\n- Norwegian (native)\n- English (fluent)\n- German (basic)');
  });

  it('answers with the sentence that answers, in the first person, with clean punctuation', async () => {
    const reply = await model.complete(ask('Who is your husband?'));
    expect(reply.text).toBe('My husband Tor and I live above the shop with our cat Miso.');
    const delivery = await model.complete(ask('Do you deliver?'));
    expect(delivery.text).toBe('Only within Bergen, on Fridays.');
  });

  it('answers a custom facts.json key by its meaning', async () => {
    const reply = await model.complete(ask('What is your signature bake?'));
    expect(reply.text).toContain('Cardamom knots');
  });

  it('streams exactly the text it completes, newlines included', async () => {
    for (const question of ['Which languages do you speak?', "What's your cat called?", 'How much is a loaf?']) {
      const complete = await model.complete(ask(question));
      let streamed = '';
      let grounded: boolean | undefined;
      for await (const event of model.stream(ask(question))) {
        if (event.type === 'token') streamed += event.text;
        else grounded = event.grounded;
      }
      expect(streamed).toBe(complete.text);
      expect(grounded).toBe(complete.grounded);
      expect(streamed).not.toMatch(/\.\.|\s-\s-\s/u);
    }
  });
});

describe('offline answers when the embedding model cannot load', () => {
  it('falls back to lexical retrieval instead of failing the chat', async () => {
    const broken = new SentenceEncoderEmbedder({
      load: async () => {
        throw new Error('weights missing');
      },
    });
    const model = new OfflineChatModel({ embedder: broken });
    const reply = await model.complete(ask('Which languages do you speak?'));
    expect(reply).toMatchObject({ grounded: true, text: expect.stringContaining('Norwegian (native)') });
  });
});
