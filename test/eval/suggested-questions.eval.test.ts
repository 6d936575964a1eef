import { describe, expect, it } from 'vitest';
import { FsPersonaSource } from '../../src/adapters/filesystem/fs-persona-source.js';
import { OfflineChatModel } from '../../src/adapters/offline/offline-chat-model.js';
import { suggestedQuestions } from '../../src/domain/persona/suggested-questions.js';
import { samplePersonaDir } from '../support/sample-persona.js';
import { loadSplit } from './corpus.js';

// The chat page offers these as first questions: each must be one the twin answers from the
// persona, for the sample persona and for every persona of the dev split (other folders, other
// facts.json keys). The offline twin without embeddings is the strictest reader.
describe('suggested first questions', async () => {
  const dev = await loadSplit('dev');
  const folders = [samplePersonaDir(), ...dev.map((persona) => persona.personaDir)];
  it.each(folders)('are answered from the persona in %s', async (dir) => {
    const persona = await new FsPersonaSource({ dir }).load();
    const model = new OfflineChatModel();
    const questions = suggestedQuestions(persona);
    expect(questions.length).toBeGreaterThanOrEqual(2);
    for (const question of questions) {
      const reply = await model.complete({ system: '', persona, messages: [{ role: 'user', content: question }] });
      expect({ question, grounded: reply.grounded }).toEqual({ question, grounded: true });
      expect(reply.text).not.toMatch(/I don't know/);
    }
  });
});
