import { describe, expect, it } from 'vitest';
import { createRetriever } from '../../src/domain/grounding/grounding.js';
import { personaPassages } from '../../src/domain/grounding/passages.js';
import { identityTerms, PersonaIndex } from '../../src/domain/grounding/persona-index.js';
import { personaWithAnswers } from '../../src/domain/knowledge/answered-persona.js';
import { storedAnswer } from '../../src/domain/knowledge/owner-answers.js';
import type { Persona } from '../../src/domain/persona/persona.js';
import { testPersona } from '../support/personas.js';

const QUERIES = [
  'Do you have a cat?',
  'what is your pet called',
  'Where are you based?',
  'Tell me about the Aurora Hall retrofit',
  'Which instruments do you play?',
  'Do you ski in winter?',
];

const search = (persona: Persona, index = new PersonaIndex()) =>
  QUERIES.map((q) => index.for(persona).retriever.search(q, 5));

describe('the retrieval index of a persona with stored answers', () => {
  const base = testPersona({
    documents: [
      ...testPersona().documents,
      { source: 'answers.md', kind: 'knowledge', text: '## Do you ski?\n\nFrom the folder, replaced by the store.' },
    ],
  });
  const answers = [
    storedAnswer('Do you have a cat?', 'Yes: a grey cat called Tensor.'),
    storedAnswer('Do you ski?', 'Only cross-country, badly.'),
  ];

  it('finds exactly what a full index of the same persona finds, with the same scores', () => {
    const layered = personaWithAnswers(base, answers);
    // The same persona content, not made by personaWithAnswers: indexed whole.
    const whole: Persona = { ...layered, documents: [...layered.documents], version: 'whole' };
    const full = createRetriever(personaPassages(whole), { boostTerms: identityTerms(whole) });
    expect(search(layered)).toEqual(QUERIES.map((q) => full.search(q, 5)));
    expect(search(layered)[0]?.[0]?.passage.text).toContain('Tensor');
    expect(JSON.stringify(search(layered))).not.toContain('From the folder');
  });

  it("reuses the folder's passages and leaves the previous index untouched when only answers change", () => {
    const index = new PersonaIndex();
    const before = personaWithAnswers(base, answers.slice(0, 1));
    const first = index.for(before);
    const hitsBefore = search(before, index);
    const after = personaWithAnswers(base, answers);
    const second = index.for(after);
    expect(second.version).not.toBe(first.version);
    // The folder's passages are the very same objects: nothing of the folder was derived again.
    const folderPassages = first.passages.filter((p) => p.source !== 'answers.md');
    expect(second.passages.slice(0, folderPassages.length)).toEqual(folderPassages);
    folderPassages.forEach((passage, i) => {
      expect(second.passages[i]).toBe(passage);
    });
    expect(second.passages.filter((p) => p.source === 'answers.md')).toHaveLength(2);
    // The copy grew; the index an in-flight request may still hold did not.
    expect(search(before, new PersonaIndex())).toEqual(hitsBefore);
    expect(first.retriever.search('Do you ski?', 5).some((h) => h.passage.source === 'answers.md')).toBe(false);
    expect(second.retriever.search('Do you ski?', 5)[0]?.passage.text).toContain('cross-country');
  });

  it('indexes a persona without stored answers as before', () => {
    const index = new PersonaIndex();
    const texts = index.for(base).passages.map((p) => p.text);
    expect(texts).toContain('From the folder, replaced by the store.');
  });
});
