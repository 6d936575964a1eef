import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { FsPersonaSource } from '../../src/adapters/filesystem/fs-persona-source.js';
import { OfflineChatModel } from '../../src/adapters/offline/offline-chat-model.js';
import { SentenceEncoderEmbedder } from '../../src/adapters/offline/sentence-encoder-embedder.js';
import { buildContainer } from '../../src/app/container.js';
import { createApp } from '../../src/app/http/create-app.js';
import type { Persona } from '../../src/domain/persona/persona.js';
import { ADMIN_TOKEN, testConfig } from '../support/http-fixture.js';
import { samplePersonaDir } from '../support/sample-persona.js';
import { fakeAdapters } from '../support/twin-fixture.js';

// What a first-time visitor of `npm start` types (the sample persona, a private copy), and what
// must come back: small talk gets its fixed reply and never becomes a knowledge gap.
type Server = Parameters<typeof request>[0];
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const INTRODUCTION = /^I'm Oriel Fenwick-Adeyemi, a Staff Platform Engineer/;

const samplePersona = () => new FsPersonaSource({ dir: samplePersonaDir() });

async function chat(server: Server, message: string) {
  return (await request(server).post('/chat').send({ message }).expect(200)).body as {
    response: string;
    grounded: boolean;
  };
}

const EXPECTED: readonly [string, RegExp][] = [
  ['Good morning!', /^Hello! I'm the AI twin of Oriel Fenwick-Adeyemi\./],
  ['Good evening', /^Hello! I'm the AI twin/],
  ['Good afternoon!', /^Hello! I'm the AI twin/],
  ['Bom dia', /^Hello! I'm the AI twin/],
  ['Guten Tag', /^Hello! I'm the AI twin/],
  ['Buenos días', /^Hello! I'm the AI twin/],
  ['Bonsoir', /^Hello! I'm the AI twin/],
  ['Buongiorno', /^Hello! I'm the AI twin/],
  ['yo', /^Hello! I'm the AI twin/],
  ['hey there', /^Hello! I'm the AI twin/],
  ['How are you?', /^Thanks for asking! What would you like to know/],
  ['hey there, how are you?', /^Hello, and thanks for asking! What would you like to know/],
  ["How's it going?", /^Thanks for asking!/],
  ["what's up?", /^Thanks for asking!/],
  ['¿Qué tal?', /^Thanks for asking!/],
  ["Wie geht's?", /^Thanks for asking!/],
  ['Ça va ?', /^Thanks for asking!/],
  ['Tudo bem?', /^Thanks for asking!/],
  ['Hi, how are you? Where are you based?', /^Thanks for asking! .*Lisbon/s],
  ['Thank you so much, that was helpful', /^You're welcome\./],
  ['thanks a lot!', /^You're welcome\./],
  ['Muchas gracias', /^You're welcome\./],
  ['Vielen Dank', /^You're welcome\./],
  ['What are you?', /^I'm an AI twin of Oriel Fenwick-Adeyemi: /],
  ['fala-me sobre ti', INTRODUCTION],
  ['Parle-moi de toi', INTRODUCTION],
  ['parlami di te', INTRODUCTION],
  ['Conte-me sobre você', INTRODUCTION],
  ['kim jesteś?', INTRODUCTION],
  ['너는 누구니?', INTRODUCTION],
  ['من أنت؟', INTRODUCTION],
  ['आप कौन हैं?', INTRODUCTION],
  ['Sen kimsin?', INTRODUCTION],
  ['wie ben jij?', INTRODUCTION],
  ['Good morning! What do you do at Lumenfold?', /^(?!Hello|I'm Oriel).*Lumenfold/s],
  ['What do you do for fun?', /bouldering/i],
  ['tell me about your team', /team of six engineers/],
  ['Who is Brunel?', /sourdough starter called Brunel/],
  // A visitor introducing themselves, goodbyes, greetings outside the first lists, emoji.
  ["Hi, I'm Maria", /^Nice to meet you! What would you like to know/],
  ['My name is Kenji', /^Nice to meet you!/],
  ['Me llamo Lucía', /^Nice to meet you!/],
  ['我叫李明', /^Nice to meet you!/],
  ["I'm Dagny from Vinterhall", /^Nice to meet you!/],
  ["Hi, I'm Maria. Where are you based?", /^I'm based in Lisbon/],
  ['Bye', /^Goodbye, and thanks for stopping by!/],
  ['Take care', /^Goodbye, and thanks for stopping by!/],
  ['Aloha', /^Hello! I'm the AI twin/],
  ["G'day", /^Hello! I'm the AI twin/],
  ['lol', /^Hello! I'm the AI twin/],
  [':)', /^Hello! I'm the AI twin/],
  ['👋', /^Hello! I'm the AI twin/],
];

describe('the sample persona over HTTP: small talk and introductions', () => {
  it('answers each as a visitor expects, and only the real unknown question becomes a gap', async () => {
    const adapters = { ...fakeAdapters({ model: new OfflineChatModel() }), persona: samplePersona() };
    const server = createApp(buildContainer(testConfig(), adapters)).callback();
    for (const [message, expected] of EXPECTED) {
      const reply = await chat(server, message);
      expect(reply.response, message).toMatch(expected);
      expect(reply.grounded, message).toBe(true);
    }
    // The control: a question the persona cannot answer is still a gap, and the name fact is no answer to it.
    const llama = await chat(server, 'Do you own a llama?');
    expect(llama.grounded).toBe(false);
    expect(llama.response).not.toContain('People call me');
    const gaps = (await request(server).get('/analytics/knowledge-gaps').set(admin).expect(200)).body.gaps;
    expect(gaps.map((gap: { question: string }) => gap.question)).toEqual(['Do you own a llama?']);
  });
});

describe('the sample persona with local embeddings (as `npm start` wires the twin)', () => {
  let persona: Persona;
  let model: OfflineChatModel;
  beforeAll(async () => {
    persona = await samplePersona().load();
    model = new OfflineChatModel({ embedder: new SentenceEncoderEmbedder() });
    await model.prepare(persona);
  }, 120_000);

  const ask = (content: string) => model.complete({ system: '', persona, messages: [{ role: 'user', content }] });

  it.each([
    ['Good morning!', /^Hello! I'm the AI twin/],
    ['parlami di te', INTRODUCTION],
    ['Who is Brunel?', /sourdough starter called Brunel/],
    ["Who's Brunel?", /sourdough starter called Brunel/],
    // Once an unrelated passage, marked grounded.
    ['Ich bin Klaus', /^Nice to meet you!/],
    ['Je suis Claire', /^Nice to meet you!/],
    ['Mi chiamo Marco', /^Nice to meet you!/],
    ['Sono Chiara, lavoro a Milano', /^Nice to meet you!/],
    ["I'm looking for a platform engineer, are you available?", /open to conference talks/],
    ['I am interested in your talks', /open to talks/],
  ])('%j', async (message, expected) => {
    const reply = await ask(message);
    expect(reply.text).toMatch(expected);
    expect(reply.grounded).toBe(true);
  });

  it('"Do you own a llama?" is not answered with the name fact', async () => {
    const reply = await ask('Do you own a llama?');
    expect(reply.text).not.toContain('People call me');
    expect(reply.grounded).toBe(false);
  });
});
