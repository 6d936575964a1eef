import { createOpenAI } from '@ai-sdk/openai';
import { generateText, type ModelMessage, streamText } from 'ai';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ScriptedChatModel } from '../../src/adapters/memory/scripted-chat-model.js';
import type { ChatRequest } from '../../src/ports/chat-model.js';
import { appWith } from '../support/http-fixture.js';
import { type LiveServer, listen } from '../support/live-server.js';

// The Vercel AI SDK's default OpenAI model, `openai('twin')`, speaks the Responses API (/v1/responses).
let server: LiveServer;
let fixture: ReturnType<typeof appWith>;
let seen: ChatRequest[];
let openai: ReturnType<typeof createOpenAI>;
const requested: string[] = [];
const bodies: unknown[] = [];

beforeAll(async () => {
  fixture = appWith({
    model: new ScriptedChatModel((req) => {
      const question = req.messages.at(-1)?.content ?? '';
      if (question === 'break') return new Error('upstream exploded with secret details');
      return `Twin says: ${question}`;
    }),
  });
  seen = (fixture.adapters.model as ScriptedChatModel).requests;
  server = await listen(fixture.app);
  openai = createOpenAI({
    baseURL: `${server.url}/v1`,
    apiKey: 'not-needed',
    fetch: (input, init) => {
      requested.push(
        `${init?.method ?? 'GET'} ${new URL(String(input instanceof Request ? input.url : input)).pathname}`,
      );
      bodies.push(typeof init?.body === 'string' ? JSON.parse(init.body) : undefined);
      return fetch(input, init);
    },
  });
});

beforeEach(() => {
  seen.length = 0;
  requested.length = 0;
  bodies.length = 0;
});

afterAll(async () => {
  await server?.close();
});

describe('the Vercel AI SDK with openai("twin")', () => {
  it('generateText gets the answer, its usage and a finish reason, through /v1/responses', async () => {
    const result = await generateText({ model: openai('twin'), prompt: 'Where do you work?', maxRetries: 0 });
    expect(requested).toEqual(['POST /v1/responses']);
    expect(result.text).toBe('Twin says: Where do you work?');
    expect(result.finishReason).toBe('stop');
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    expect(result.response.id).toMatch(/^resp_/);
    expect(result.response.headers?.['x-session-id']).toBeTruthy();
  });

  it('streamText streams the answer and finishes', async () => {
    const result = streamText({ model: openai('twin'), prompt: 'Tell me about your projects', maxRetries: 0 });
    const parts: string[] = [];
    for await (const part of result.textStream) parts.push(part);
    expect(parts.length).toBeGreaterThan(3);
    expect(parts.join('')).toBe('Twin says: Tell me about your projects');
    expect(await result.finishReason).toBe('stop');
    expect((await result.usage).outputTokens).toBeGreaterThan(0);
    expect(requested).toEqual(['POST /v1/responses']);
  });

  it('continues a conversation held as response.messages (item references) with the stored history', async () => {
    const messages: ModelMessage[] = [{ role: 'user', content: 'First question' }];
    const first = await generateText({ model: openai('twin'), system: 'You are a pirate.', messages, maxRetries: 0 });
    messages.push(...first.response.messages, { role: 'user', content: 'Second question' });
    const second = streamText({ model: openai('twin'), system: 'You are a pirate.', messages, maxRetries: 0 });
    expect(await second.text).toBe('Twin says: Second question');
    // The SDK refers to the twin's earlier answer by its id instead of resending it.
    expect(JSON.stringify(bodies[1])).toContain('"type":"item_reference"');

    expect(seen.at(-1)?.system).not.toContain('pirate');
    expect(seen.at(-1)?.messages).toEqual([
      { role: 'user', content: 'First question' },
      { role: 'assistant', content: 'Twin says: First question' },
      { role: 'user', content: 'Second question' },
    ]);
    const session = first.response.headers?.['x-session-id'];
    expect((await second.response).headers?.['x-session-id']).toBe(session);
    const stored = await request(fixture.server).get(`/conversation/${session}`).expect(200);
    expect(stored.body.messages).toHaveLength(4);
  });

  it('says length when maxOutputTokens cut the answer, JSON and stream', async () => {
    const generated = await generateText({
      model: openai('twin'),
      prompt: 'Long please',
      maxOutputTokens: 2,
      maxRetries: 0,
    });
    expect(generated.finishReason).toBe('length');
    expect(generated.text).toBe('Twin says: ');
    const streamed = streamText({ model: openai('twin'), prompt: 'Long please', maxOutputTokens: 2, maxRetries: 0 });
    expect(await streamed.text).toBe('Twin says: ');
    expect(await streamed.finishReason).toBe('length');
  });

  it('raises the model failure as an API error without internal text', async () => {
    const error = await generateText({ model: openai('twin'), prompt: 'break', maxRetries: 0 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as { statusCode?: number }).statusCode).toBe(503);
    expect(String((error as Error).message)).not.toContain('secret');

    const errors: unknown[] = [];
    const streamed = streamText({
      model: openai('twin'),
      prompt: 'break',
      maxRetries: 0,
      onError: ({ error: e }) => {
        errors.push(e);
      },
    });
    expect(await streamed.text).toBe('');
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors)).not.toContain('secret');
  });
});
