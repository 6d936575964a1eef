import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwin } from '../../src/create-twin.js';
import type { TwinService } from '../../src/domain/chat/twin-service.js';
import { copySamplePersona } from '../support/sample-persona.js';

// What a newcomer meets on `npm start`: the offline twin with local embeddings, on the sample
// persona (docs/adr/0404). Each question is one example of a kind the unit tests cover for any persona.
describe('the sample persona answers like the person, in chat and in streaming', () => {
  let root: string;
  let twin: TwinService;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'twin-sample-answers-'));
    twin = createTwin({ persona: copySamplePersona(root) });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  async function ask(message: string) {
    const reply = await twin.chat({ message });
    return { text: reply.response, grounded: reply.grounded };
  }

  it("says list facts as a sentence, keeping proper nouns and each item's wording", { timeout: 120_000 }, async () => {
    expect(await ask('What do you do for fun?')).toEqual({
      text: 'My hobbies are bouldering, restoring mechanical typewriters and baking sourdough.',
      grounded: true,
    });
    expect(await ask('What languages do you speak?')).toEqual({
      text: 'I speak English (native), Portuguese (fluent) and Yoruba (conversational).',
      grounded: true,
    });
  });

  it('says several education records as one answer: one lead, a line each', { timeout: 60_000 }, async () => {
    const { text, grounded } = await ask('Where did you study?');
    expect(grounded).toBe(true);
    expect(text.match(/Education/gu) ?? []).toHaveLength(0);
    expect(text).toMatch(/^My education:\n- /u);
    expect(text).toContain('BSc Mathematics at University of Calder Vale (2009-2012)');
    expect(text).toContain('MSc Computer Science at Northmere Institute of Technology (2012-2014');
  });

  it('answers "before <X>" with the entry before it, and never with <X> itself', { timeout: 60_000 }, async () => {
    const before = await ask('Where did you work before Lumenfold?');
    expect(before.grounded).toBe(true);
    expect(before.text).toContain('Quillbridge Payments');
    expect(before.text).not.toContain('Lumenfold');
    expect((await ask('What was your first job?')).text).toContain('Harrowgate Analytics');
    const earliest = await ask('Where did you work before Harrowgate?');
    expect(earliest.grounded).toBe(false);
  });

  it('answers "what do you build" about now, not with jobs that ended', { timeout: 60_000 }, async () => {
    const { text } = await ask('What do you build?');
    expect(text).not.toMatch(/Quillbridge|Harrowgate/u);
    // The summary's headline and its sentence say the same: the answer says it once.
    expect(text.match(/eleven years/giu) ?? []).toHaveLength(1);
  });

  it('says "I don\'t know" to "how long" when nothing gives that duration, and answers a yes/no from the asked object', {
    timeout: 60_000,
  }, async () => {
    const lived = await ask('How long have you lived in Lisbon?');
    expect(lived.grounded).toBe(false);
    expect(lived.text).toMatch(/^I'm sorry, I don't know that/u);
    const available = await ask('Are you available for a full-time job?');
    expect(available.grounded).toBe(true);
    expect(available.text).toContain('not looking for a full-time role');
    expect(available.text).not.toContain('I currently work as');
  });

  it('streams the same wording, word by word', { timeout: 60_000 }, async () => {
    for (const message of ['What do you do for fun?', 'Where did you study?', 'Where did you work before Lumenfold?']) {
      const { text } = await ask(message);
      let streamed = '';
      let done: boolean | undefined;
      for await (const event of twin.chatStream({ message })) {
        if (event.type === 'token') streamed += event.text;
        if (event.type === 'done') done = event.reply.grounded;
      }
      expect({ message, streamed, done }).toEqual({ message, streamed: text, done: true });
    }
  });
});
